#!/usr/bin/env tsx
const HELP = `Usage: npm run verdict -- [RUN ...] [flags]
       (or: tsx scripts/verdict.ts [RUN ...] [flags]; phase scripts take --verdict to run it after the phase)

Judges a run against its p95 budgets, the baseline of its phase, the build history and the runbook's
escalation rules, and writes into the (last) run folder:
  verdict.md           for a PR comment or $GITHUB_STEP_SUMMARY: outcome, then every check with its numbers
  verdict.json         the same as data (schemas/verdict.schema.json)
  verdict.junit.xml    one testcase per check: budgets, regressions, error rates, rules, history
  verdict-trend-*.svg  p95 across builds per scenario, once the history has two builds
and adds this build's entry to the history folder. Prints the headline and the paths written.

Checks, per scenario unless said otherwise:
  generator      the load generator kept up: ≤ 0.1% iterations dropped, ≥ 99% of the target rate; warn
                 instead of inconclusive when the target set the pace (p95 ≥ 2× budget, every VU busy)
  budget         whole-run p95 against its budget (config scenarios.<name>.budgetP95Ms): block when over
  regression     p95 and p50 ÷ the baseline's, with a 95% block-bootstrap interval over 5 s windows after
                 warm-up: pass ≤ +5% or interval includes 0; block above verdict.regressionThreshold (+20%)
                 with the interval's low end above +5%; warn between; not evaluated when the two differ
                 by under 1 ms and a side was recorded in whole milliseconds
  error-rate     errors vs the baseline's, one-sided test on counts (Fisher / z): warn when higher
  rule/*         the runbook's error rate > 1%, Kafka lag > 5k for 5 min, CPU > 85% for 10 min, 5 GC pauses
                 > 500 ms (config verdict.rules; windows × the run's time scale): block when triggered
  consecutive    p95 ≥ 1.3 × the reference over 2 consecutive builds (config verdict.consecutive): block
  change-point   E-divisive means over the history's p95s: warn on a significant upward shift
A check without data says "not evaluated" and why; too few samples (p95 needs 2,000, p50 200) or a
bottlenecked generator make it inconclusive.

Arguments:
  RUN                  run folders, as paths or names under out/runs/ (default: the latest run); several
                       runs of one phase are repeats, judged on the median of their ratios

Flags:
  --baseline FILE      baseline JSON twin (default: the newest <phase>-*.json in docs/perf/baselines)
  --no-baseline        judge without a baseline (budgets, rules and history only)
  --history DIR        history folder (default: config verdict.historyDir, out/history)
  --no-history         neither read nor write a history
  --build ID           this build's id in the history (default: $GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT, else
                       local-<time>-<random>)
  --out DIR            folder for the verdict files (default: the last run folder)
  --help, -h           this text

Exit code: 0 pass or warn, 1 block, 2 bad input (nothing written), 3 inconclusive.`;

import { parseArgs } from 'node:util';
import { VerdictError } from '../reports/verdict/verdict-error.ts';
import { isParseArgsError } from './parse-args-error.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      history: { type: 'string' },
      'no-history': { type: 'boolean' },
      build: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    process.exit(0);
  }
  if (values.baseline !== undefined && values['no-baseline']) throw new VerdictError('invalid flags; expected --baseline FILE or --no-baseline, got both; run with --help');
  if (values.history !== undefined && values['no-history']) throw new VerdictError('invalid flags; expected --history DIR or --no-history, got both; run with --help');
  // Loaded after the flags are read: the trend charts bring vega, which a typo or --help need not wait for.
  const { createVerdict } = await import('../reports/verdict/create-verdict.ts');
  const { verdict, paths } = await createVerdict({
    runs: positionals,
    baseline: values['no-baseline'] ? false : values.baseline,
    history: values['no-history'] ? false : values.history,
    build: values.build,
    outDir: values.out,
  });
  say(verdict.headline);
  process.stdout.write(paths.map((path) => `${path}\n`).join(''));
  process.exit(verdict.exitCode);
} catch (error) {
  if (error instanceof VerdictError) {
    say(`error: ${error.message}`);
    process.exit(2);
  }
  if (isParseArgsError(error)) {
    say(`error: ${error.message.split('\n')[0]}; run with --help for the flags`);
    process.exit(2);
  }
  throw error;
}
