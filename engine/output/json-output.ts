import { createWriteStream, type WriteStream } from 'node:fs';
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

/** k6's `--out json` file: a Metric line the first time a metric appears, then its Point lines. */
export class JsonOutput {
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly seen = new Set<string>();

  constructor(
    path: string,
    private readonly definitionOf: (name: string) => MetricDefinition | undefined,
  ) {
    this.file = createWriteStream(path);
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

  async close(): Promise<void> {
    (this.gzip ?? this.file).end();
    await once(this.file, 'close');
  }
}
