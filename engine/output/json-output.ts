import { closeSync, createWriteStream, existsSync, openSync, unlinkSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { OptionsError, shown } from '../errors.ts';
import type { MetricDefinition } from '../metrics/metric-types.ts';
import { metricLine } from './json-lines.ts';

/** Reads `--out` values; only `json=FILE` (gzipped when FILE ends in .gz) is supported. */
export function jsonOutputPath(outputs: string[] = []): string | undefined {
  let path: string | undefined;
  for (const output of outputs) {
    const [kind, file] = output.split(/=(.*)/s, 2);
    if (kind !== 'json' || !file) {
      throw new OptionsError(`invalid --out ${shown(output)}; expected json=FILE or json=FILE.gz`);
    }
    path = file;
  }
  return path;
}

/**
 * Checks up front that the `--out` file can be written, by opening it the way the run will, so that a bad
 * path is one line before anything starts rather than a stream error mid-run. A file the check creates
 * is removed again.
 *
 * @returns the path, or undefined without `--out`.
 * @throws OptionsError naming the path and why it cannot be written.
 */
export function checkJsonOutput(outputs: string[] = []): string | undefined {
  const path = jsonOutputPath(outputs);
  if (path === undefined) return undefined;
  const existed = existsSync(path);
  try {
    closeSync(openSync(path, 'a'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OptionsError(`invalid --out json=${path}: cannot write there (${reason}); expected a file in an existing, writable folder`);
  }
  if (!existed) unlinkSync(path);
  return path;
}

/** k6's `--out json` file: a Metric line the first time a metric appears, then its Point lines. */
export class JsonOutput {
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly seen = new Set<string>();
  private failure: Error | undefined;

  constructor(
    path: string,
    private readonly definitionOf: (name: string) => MetricDefinition | undefined,
  ) {
    this.file = createWriteStream(path);
    // A write error must not crash the run mid-way: close() reports it once the run has ended.
    this.file.on('error', (error) => (this.failure ??= error));
    this.gzip = path.endsWith('.gz') ? createGzip() : undefined;
    this.gzip?.pipe(this.file);
  }

  write(metrics: string[], lines: string): void {
    let header = '';
    for (const name of metrics) {
      if (this.seen.has(name)) continue;
      this.seen.add(name);
      const definition = this.definitionOf(name);
      if (definition) header += metricLine(definition) + '\n';
    }
    (this.gzip ?? this.file).write(header + lines);
  }

  /** Ends the file; a second call only waits for it to be closed. */
  async close(): Promise<void> {
    (this.gzip ?? this.file).end();
    if (!this.file.closed) await once(this.file, 'close');
    if (this.failure) throw new OptionsError(`cannot write --out ${shown(this.file.path)}: ${this.failure.message}`);
  }
}
