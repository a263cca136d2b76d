import { parseArgs } from 'node:util';
import type { ReportInput } from './create-report.ts';
import { ReportError } from './report-error.ts';

/** What `npm run report` was asked to do. */
export type ReportCommand = { kind: 'help' } | { kind: 'report'; input: ReportInput };

function invalid(message: string): never {
  throw new ReportError(`${message}; run with --help`);
}

/**
 * The command line of `npm run report`: `[RUN] [--out DIR]`, or `--k6-json FILE [--k6-summary FILE] --out DIR`.
 *
 * @throws ReportError naming the bad flag or argument, what was expected and what was given.
 */
export function parseReportArgs(argv: readonly string[]): ReportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        'k6-json': { type: 'string' },
        'k6-summary': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) invalid(error.message.split('\n')[0]!);
    throw error;
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length > 1) invalid(`invalid RUN; expected at most one run folder, got ${positionals.length}: ${positionals.join(' ')}`);
  const jsonFile = values['k6-json'];
  if (jsonFile === undefined) {
    if (values['k6-summary'] !== undefined) invalid(`invalid --k6-summary; expected it with --k6-json FILE, got it alone ("${values['k6-summary']}")`);
    return { kind: 'report', input: { kind: 'run', run: positionals[0], outDir: values.out } };
  }
  if (positionals.length > 0) invalid(`invalid RUN; expected no run folder with --k6-json, got "${positionals[0]}"`);
  if (values.out === undefined) invalid(`missing --out; expected a folder for the report of "${jsonFile}"`);
  return { kind: 'report', input: { kind: 'k6', jsonFile, summaryFile: values['k6-summary'], outDir: values.out } };
}
