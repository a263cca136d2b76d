#!/usr/bin/env tsx
const HELP = `Usage: npm run report -- [RUN] [flags]
       npm run report -- --k6-json FILE [--k6-summary FILE] --out DIR
       (or: tsx scripts/report.ts …)

Analyses a run and writes a report for reviewers into its folder:
  report.md      GitHub markdown, fit for a PR comment: run facts, golden signals per scenario and stage,
                 spike recovery, saturation, Kafka lag, caching, heap trend, slowest traced requests,
                 sampler errors, and the charts as images (charts/*.svg)
  report.html    the same, self-contained: inline CSS and SVG, no scripts, nothing fetched
  charts/*.svg   latency, rate, errors, VUs, saturation and Kafka lag over time (a chart without data is
                 skipped, and the report says why)
Prints the paths written. A failure leaves the folder's earlier report as it was.

Arguments:
  RUN                  a run folder, as a path or a name under out/runs/ (default: the latest run)

Flags:
  --k6-json FILE       report on stock k6 output instead: the file of k6 run --out json=FILE (plain or .gz)
  --k6-summary FILE    with --k6-json: the handleSummary data as JSON, whose p(95) thresholds give the
                       budgets (in the script: handleSummary(data) returning {'summary.json': JSON.stringify(data)})
  --out DIR            folder to write into (default: the run folder; required with --k6-json)
  --help, -h           this text

Exit code: 0 written, 2 bad input (no such run, a run or k6 output that cannot be analysed, bad flags).`;

import { ReportError } from '../reports/report/report-error.ts';
import { parseReportArgs } from '../reports/report/parse-report-args.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

try {
  const command = parseReportArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(HELP + '\n');
    process.exit(0);
  }
  // Loaded after the flags are read: the charts bring vega, which a typo or --help need not wait for.
  const { createReport } = await import('../reports/report/create-report.ts');
  const written = await createReport(command.input);
  for (const chart of written.skipped) say(`chart ${chart.name} skipped: ${chart.reason}`);
  process.stdout.write(written.paths.map((path) => `${path}\n`).join(''));
} catch (error) {
  if (error instanceof ReportError) {
    say(`error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
