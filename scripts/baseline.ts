#!/usr/bin/env tsx
const HELP = `Usage: npm run baseline -- [RUN] [flags]
       (or: tsx scripts/baseline.ts [RUN] [flags])

Takes a baseline of a run: analyses the run folder and writes a markdown snapshot plus its JSON twin
(numbers and merged HDR histograms, for later verdicts) as docs/perf/baselines/<phase>-<yyyy-mm-dd>.md
and .json, named after the run's phase and UTC date. An existing baseline is never overwritten: a second
one of the same phase and day gets -2, then -3, and so on. Prints the two paths written.

Arguments:
  RUN                  a run folder, as a path or a name under out/runs/ (default: the latest run)

Flags:
  --dir DIR            folder to write into (default: docs/perf/baselines)
  --allow-partial      take the baseline even from a partial run (stopped early or its timeline cut);
                       the baseline then says it is from a partial run. Without it, a partial run is refused
  --templates DIR      .hbs files that replace the built-in templates of the same name
                       (built-ins: reports/templates/, e.g. baseline.md.hbs, signals-table.md.hbs)
  --help, -h           this text

Exit code: 0 written, 2 bad input (no such run, a run that cannot be analysed, a partial run without
--allow-partial, a bad template folder).`;

import { parseArgs } from 'node:util';
import { BaselineError, createBaseline } from '../reports/baseline/index.ts';
import { RunNotFoundError } from '../reports/resolve-run-dir.ts';
import { isParseArgsError } from './parse-args-error.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      templates: { type: 'string' },
      'allow-partial': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    process.exit(0);
  }
  if (positionals.length > 1) {
    say(`error: invalid RUN; expected at most one run folder, got ${positionals.length}: ${positionals.join(' ')}; run with --help`);
    process.exit(2);
  }
  const written = await createBaseline({ run: positionals[0], dir: values.dir, templatesDir: values.templates, allowPartial: values['allow-partial'] });
  process.stdout.write(`${written.markdownPath}\n${written.jsonPath}\n`);
} catch (error) {
  if (error instanceof BaselineError || error instanceof RunNotFoundError) {
    say(`error: ${error.message}`);
    process.exit(2);
  }
  if (isParseArgsError(error)) {
    say(`error: ${error.message.split('\n')[0]}; run with --help for the flags`);
    process.exit(2);
  }
  throw error;
}
