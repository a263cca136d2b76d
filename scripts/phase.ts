#!/usr/bin/env tsx
const HELP = `Usage: npm run <phase> -- [flags]      phases: smoke, ramp, steady, spike, soak
       (or: tsx scripts/phase.ts <phase> [flags])

Plans the phase, starts the services its defaults point at, runs the scenarios on loadbook's engine
while samplers read the target's /metrics and Kafka lag, and leaves a run folder:
out/runs/<timestamp>-<phase>-<id>/ with plan.json, summary.json, timeline.ndjson.gz, server.ndjson,
engine.log, and the report (report.md, report.html, charts/*.svg; see npm run report -- --help).

Services: when the target is the default one, the phase uses the reference shop already listening on
port 3300 (and leaves it running), or else starts one of its own on free ports and stops it when it
ends; likewise a Kafka broker (port 39092) when a scenario needs Kafka and kafka.brokers is the
default. Any other target or brokers are used as they are. Services a killed run left behind are
stopped by the next run (npm run kafka -- status shows a broker left behind).

Ctrl-C (SIGINT or SIGTERM, also during start-up): the first stops the run and keeps its results:
summary.json, a whole timeline ending in a stop record, the report marked partial, exit code 105. A
first one after the run ended lets the report (and verdict) finish, and no further --repeat run starts.
A second one stops at once: the run folder keeps what was written, and a report file is either whole
or not written (npm run report writes it later).

Flags:
  --scenario NAMES     comma-separated scenarios (default: all five, the mix: product-get, order-post,
                       inventory-grpc, ws-broadcast, kafka-publish)
  --rate N             baseline iterations per second (config: baselineRate, default 100)
  --time-scale F       multiply every duration by F, 0 < F ≤ 1 (e.g. 0.02 turns smoke's 5 min into 6 s)
  --target URL         the service to load (config: target.baseUrl); non-loopback hosts must be in allowHosts
  --config FILE        config file (default: loadbook.config.json)
  --workers N          engine worker threads (default: cores − 1, at least 1)
  --out json=FILE      also write k6 JSON output
  --tracing            send a W3C traceparent with every HTTP request and gRPC call, and write the slowest
                       (config: reports.topN per scenario) to exemplars.json (config: tracing, default off)
  --no-report          leave the report out (write it later with npm run report)
  --verdict            judge the run after it (npm run verdict -- --help): writes verdict.md, verdict.json and
                       verdict.junit.xml into the run folder and exits with the verdict's code
  --repeat N           run the phase N times, each in its own run folder; with --verdict, judge them together
                       on the median of their ratios against the baseline (default 1)
  --baseline FILE      with --verdict: the baseline to compare with (default: the newest of the phase)
  --no-baseline        with --verdict: compare with no baseline
  --history DIR        with --verdict: the history folder (default: config verdict.historyDir, out/history)
  --no-history         with --verdict: keep no history
  --build ID           with --verdict: this build's id in the history
  --quiet              no progress lines
  --help, -h           this text

Exit code: the engine's (0 ok, 99 thresholds failed, 104 invalid input, 105 interrupted, 107 script error);
with --verdict, once every run ended with 0 or 99, the verdict's (0 pass or warn, 1 block, 2 bad input,
3 inconclusive). The verdict's inputs (--baseline or the newest baseline, --history, --build) are checked
before the phase starts: bad ones exit 2 with nothing run.`;

import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BrokerError } from '../broker/index.ts';
import { stopOnSignals } from '../engine/cli/stop-signals.ts';
import { LoadbookError } from '../engine/errors.ts';
import { checkJsonOutput } from '../engine/output/json-output.ts';
import { SCENARIO_NAMES } from '../lib/scenarios.ts';
import { runPhase } from '../plan/run-phase.ts';
import { isParseArgsError } from './parse-args-error.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The engine's exit code for a run stopped by a signal. */
const INTERRUPTED = 105;

/**
 * After a forced stop (a second Ctrl-C), how long the phase may still take to write summary.json, end the
 * timeline and stop its services before it exits regardless.
 */
const FORCED_EXIT_MS = 15_000;

/** The run's report; a report that cannot be written is said, and never changes the run's exit code. */
async function writeReport(runDir: string): Promise<void> {
  try {
    // Loaded only now: the charts bring vega, which a run need not wait for.
    const { createReport } = await import('../reports/report/create-report.ts');
    const written = await createReport({ kind: 'run', run: runDir });
    say(`report: ${relative(process.cwd(), written.paths[0]!)}`);
  } catch (error) {
    say(`report not written: ${error instanceof Error ? error.message : String(error)}; try npm run report -- ${runDir}`);
  }
}

/** The engine's exit code when thresholds failed: a verdict judges such a run like any other. */
const THRESHOLDS_FAILED = 99;

/** Judges the runs (npm run verdict) and returns the verdict's exit code; bad input is said and gives 2. */
async function writeVerdict(runs: string[], flags: { baseline?: string | false; history?: string | false; build?: string }): Promise<number> {
  const { createVerdict } = await import('../reports/verdict/create-verdict.ts');
  const { VerdictError } = await import('../reports/verdict/verdict-error.ts');
  try {
    const { verdict, paths } = await createVerdict({ runs, ...flags });
    say(`verdict: ${verdict.headline}`);
    say(`verdict: ${relative(process.cwd(), paths[0]!)} (exit code ${verdict.exitCode})`);
    return verdict.exitCode;
  } catch (error) {
    if (!(error instanceof VerdictError)) throw error;
    say(`error: ${error.message}`);
    return 2;
  }
}

let stops: ReturnType<typeof stopOnSignals> | undefined;
try {
  const [phase, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      scenario: { type: 'string', default: SCENARIO_NAMES.join(',') },
      rate: { type: 'string' },
      'time-scale': { type: 'string' },
      target: { type: 'string' },
      config: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      tracing: { type: 'boolean' },
      'no-report': { type: 'boolean' },
      verdict: { type: 'boolean' },
      repeat: { type: 'string', default: '1' },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      history: { type: 'string' },
      'no-history': { type: 'boolean' },
      build: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || phase === '--help' || phase === '-h' || phase === undefined) {
    process.stdout.write(HELP + '\n');
    process.exit(values.help || phase !== undefined ? 0 : 2);
  }
  const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    say(`error: invalid --repeat; expected a whole number of runs ≥ 1, got ${JSON.stringify(values.repeat)}; run with --help`);
    process.exit(104);
  }
  const stray = (['baseline', 'no-baseline', 'history', 'no-history', 'build'] as const).find((name) => values[name] !== undefined);
  if (stray && !values.verdict) {
    say(`error: --${stray} only applies with --verdict; add --verdict or leave it out`);
    process.exit(104);
  }
  checkJsonOutput(values.out);
  const verdictFlags = { baseline: values['no-baseline'] ? false : values.baseline, history: values['no-history'] ? false : values.history, build: values.build } as const;
  if (values.verdict) {
    const { verdictInputsProblem } = await import('../reports/verdict/verdict-inputs.ts');
    const problem = await verdictInputsProblem({ phase, configFile: values.config, flags: { rate: values.rate, target: values.target }, ...verdictFlags });
    if (problem !== undefined) {
      say(`error: ${problem}; nothing was run`);
      process.exit(2);
    }
  }
  // Kept until the process exits: a signal during the report must not take Node's default action either.
  stops = stopOnSignals({ say });
  // Written once the run has ended; a forced stop does not wait for it, since its files appear whole or not at all.
  let writing: { what: string; then: string } | undefined;
  stops.force.addEventListener('abort', () => {
    if (writing) {
      say(`${writing.what} not written: stopped at once; ${writing.then}`);
      process.exit(INTERRUPTED);
    }
    setTimeout(() => {
      say(`stopped at once after ${FORCED_EXIT_MS / 1000} s; the run folder keeps what was written`);
      process.exit(INTERRUPTED);
    }, FORCED_EXIT_MS).unref();
  });
  const runDirs: string[] = [];
  let exitCode = 0;
  const leftToWrite = [values['no-report'] ? '' : 'its report', values.verdict ? 'the verdict' : ''].filter(Boolean).join(' and ');
  for (let round = 1; round <= repeat && !stops.stop.aborted; round++) {
    if (repeat > 1) say(`run ${round} of ${repeat}`);
    stops.finishing(undefined);
    const { runDir, result } = await runPhase({
      phase,
      scenarios: values.scenario.split(',').map((name) => name.trim()),
      timeScale,
      workers,
      configFile: values.config,
      flags: { rate: values.rate, target: values.target },
      quiet: values.quiet,
      outputs: values.out,
      tracing: values.tracing,
      signal: stops.stop,
      force: stops.force,
      say,
    });
    if (!result.summary && result.error) say(`error: ${result.error}`);
    if (leftToWrite) stops.finishing(leftToWrite);
    if (stops.force.aborted && !values['no-report']) say(`report skipped: stopped at once; npm run report -- ${runDir} writes it`);
    else if (!values['no-report'] && result.summary) {
      writing = { what: 'report', then: `npm run report -- ${runDir} writes it` };
      await writeReport(runDir);
      writing = undefined;
    }
    say(`run folder: ${runDir} (exit code ${result.exitCode})`);
    runDirs.push(runDir);
    if (result.exitCode !== 0 && result.exitCode !== THRESHOLDS_FAILED) {
      exitCode = result.exitCode;
      break;
    }
    exitCode = Math.max(exitCode, result.exitCode);
  }
  if (runDirs.length < repeat && stops.stop.aborted && (exitCode === 0 || exitCode === THRESHOLDS_FAILED)) {
    say(`stopped after run ${runDirs.length} of ${repeat}`);
    exitCode = INTERRUPTED;
  }
  if (values.verdict) {
    if (exitCode !== 0 && exitCode !== THRESHOLDS_FAILED) {
      say(`verdict not made: a run ended with exit code ${exitCode}; npm run verdict -- ${runDirs.join(' ')} judges what it left`);
    } else {
      writing = { what: 'verdict', then: `npm run verdict -- ${runDirs.join(' ')} makes it` };
      exitCode = await writeVerdict(runDirs, verdictFlags);
    }
  }
  process.exit(exitCode);
} catch (error) {
  // Services that were starting when the stop came fail in their own words; the run was still stopped.
  if (stops?.stop.aborted) {
    say(`stopped during start-up: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(INTERRUPTED);
  }
  if (error instanceof LoadbookError) {
    say(`error: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof BrokerError) {
    say(`error: ${error.message}`);
    process.exit(1);
  }
  if (isParseArgsError(error)) {
    say(`error: ${error.message}; run with --help for the flags`);
    process.exit(104);
  }
  throw error;
}
