import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { LogRecord } from '../runtime/logger.ts';
import { Redactor } from '../runtime/redactor.ts';
import type { SummaryData } from '../summary/summary-types.ts';
import type { ExemplarsFile } from '../output/exemplar.ts';

/** k6's logfmt line: time="…" level=info msg="…" source=console. */
export function formatLogRecord(record: LogRecord): string {
  const source = record.source ? ` source=${record.source}` : '';
  return `time="${record.time}" level=${record.level} msg=${JSON.stringify(record.msg)}${source}`;
}

/**
 * Log lines go to stderr and, in a run folder, to engine.log; every line, the script's console included,
 * passes the redactor first, so an error that quotes a URL with a password writes it masked.
 */
export class RunLog {
  private readonly file: WriteStream | undefined;

  constructor(
    runDir: string | undefined,
    private readonly redactor: Redactor = new Redactor(),
  ) {
    if (runDir) this.file = createWriteStream(path.join(runDir, 'engine.log'), { flags: 'a' });
  }

  write(record: LogRecord): void {
    const line = formatLogRecord({ ...record, msg: this.redactor.text(record.msg) });
    process.stderr.write(line + '\n');
    this.file?.write(line + '\n');
  }

  /** For the line that ends a failed run: the caller prints it plainly, the run folder keeps it too. */
  keep(record: LogRecord): void {
    this.file?.write(formatLogRecord({ ...record, msg: this.redactor.text(record.msg) }) + '\n');
  }

  async close(): Promise<void> {
    if (!this.file) return;
    this.file.end();
    await once(this.file, 'close');
  }
}

export function writeSummaryJson(runDir: string, summary: SummaryData): void {
  writeFileSync(path.join(runDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
}

/** `exemplars.json`: with tracing on, the slowest traced requests of each scenario. */
export function writeExemplarsJson(runDir: string, exemplars: ExemplarsFile): void {
  writeFileSync(path.join(runDir, 'exemplars.json'), JSON.stringify(exemplars, null, 2) + '\n');
}

/** Writes what handleSummary returned: `stdout`, `stderr`, or file paths relative to the working directory. */
export function writeHandleSummaryResult(result: unknown, stdout: (text: string) => void): void {
  if (result === undefined || result === null) return;
  if (typeof result !== 'object') throw new Error(`handleSummary must return an object of { key: string }, got ${typeof result}`);
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === 'stdout') stdout(text);
    else if (key === 'stderr') process.stderr.write(text);
    else {
      mkdirSync(path.dirname(path.resolve(key)), { recursive: true });
      writeFileSync(key, text);
    }
  }
}
