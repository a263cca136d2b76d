import { parseArgs } from 'node:util';
import { OptionsError, shown } from '../errors.ts';
import { checkedAllowHosts } from '../net/host-allowlist.ts';
import { checkWorkers } from '../options/machine-limits.ts';
import type { RunRequest } from '../run/run-request.ts';
import { DEFAULT_EXEMPLARS_PER_SCENARIO } from '../tracing/request-tracer.ts';

export const RUN_HELP = `Usage: loadbook run SCRIPT [flags]

Runs a k6 script (.ts or .js) on loadbook's engine, the way \`k6 run\` would.

Flags:
  -u, --vus N                    VUs for the default scenario (replaces the script's scenarios)
  -d, --duration DURATION        run the default scenario this long, e.g. 30s, 1m30s
  -i, --iterations N             total iterations, shared by the VUs
  -e, --env KEY=VALUE            add to __ENV (repeatable)
      --tag NAME=VALUE           a tag on every sample (repeatable)
  -o, --out json=FILE[.gz]       k6 JSON output, one line per sample
      --summary-trend-stats LIST trend stats in the summary, e.g. avg,med,p(95),p(99)
      --no-summary               no end-of-test summary
  -q, --quiet                    no progress lines
      --workers N                worker threads (default: cores − 1, at least 1)
      --run-dir DIR              write summary.json, timeline.ndjson.gz and engine.log into DIR
      --no-system-env            do not pass the process environment into __ENV
      --allow-hosts HOSTS        hosts besides loopback the script may connect to, comma-separated
                                 (default: LOADBOOK_ALLOW_HOSTS, else none: loopback only)
      --tracing                  send a W3C traceparent with every HTTP request and gRPC call, and
                                 write the slowest per scenario to exemplars.json in the run folder
      --exemplars N              exemplars kept per scenario (default: 10); implies --tracing
  -v, --verbose                  show stack traces of internal errors
  -h, --help                     this help

Unlike k6, which connects anywhere unless blockHostnames says otherwise, loadbook sends load only to
loopback (127.0.0.0/8, localhost, ::1) and the allowed hosts. A connection elsewhere, by HTTP, WebSocket,
gRPC or Kafka (brokers the cluster names included), is refused before a packet is sent: the request fails
with an error (HTTP error_code 1110 for an IP, 1111 for a name, as k6's blocked hosts) and the
iteration goes on.

Exit codes: 0 ok, 99 thresholds failed, 104 invalid options, 105 stopped by a signal,
107 script error in init or setup, 108 test.abort().`;

export interface ParsedRun {
  request: RunRequest;
  verbose: boolean;
  help: boolean;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new OptionsError(`invalid ${flag} ${shown(value)}; expected a whole number ≥ 1`);
  return number;
}

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at < 1) throw new OptionsError(`invalid ${flag} ${shown(value)}; expected KEY=VALUE`);
    result[value.slice(0, at)] = value.slice(at + 1);
  }
  return result;
}

const RUN_FLAGS = {
  vus: { type: 'string', short: 'u' },
  duration: { type: 'string', short: 'd' },
  iterations: { type: 'string', short: 'i' },
  env: { type: 'string', short: 'e', multiple: true },
  tag: { type: 'string', multiple: true },
  out: { type: 'string', short: 'o', multiple: true },
  'summary-trend-stats': { type: 'string' },
  'no-summary': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  workers: { type: 'string' },
  'run-dir': { type: 'string' },
  'no-system-env': { type: 'boolean' },
  'allow-hosts': { type: 'string' },
  tracing: { type: 'boolean' },
  exemplars: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `--vus -3` is a value that starts with a dash; node's parseArgs calls it ambiguous. Join such negative
 * numbers to their flag so they reach validation and the error names the value given.
 */
function joinNegativeValues(argv: string[]): string[] {
  const valueFlags = new Map<string, string>();
  for (const [name, spec] of Object.entries(RUN_FLAGS)) {
    if (spec.type !== 'string') continue;
    valueFlags.set(`--${name}`, name);
    if ('short' in spec) valueFlags.set(`-${spec.short}`, name);
  }
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const name = valueFlags.get(argv[index]!);
    const next = argv[index + 1];
    if (name !== undefined && next !== undefined && /^-\d/.test(next)) {
      joined.push(`--${name}=${next}`);
      index++;
    } else joined.push(argv[index]!);
  }
  return joined;
}

/** `--allow-hosts`, else `LOADBOOK_ALLOW_HOSTS`, as a checked list; neither means loopback only. */
function allowHosts(flag: string | undefined, env: Record<string, string | undefined>): readonly string[] {
  const [source, text] = flag !== undefined ? ['--allow-hosts', flag] : ['LOADBOOK_ALLOW_HOSTS', env.LOADBOOK_ALLOW_HOSTS ?? ''];
  const hosts = text.split(',').map((host) => host.trim()).filter((host) => host !== '');
  return checkedAllowHosts(hosts, source);
}

/**
 * Reads `loadbook run` arguments into a RunRequest; bad flags throw OptionsError (exit 104).
 * @param env where `LOADBOOK_ALLOW_HOSTS` is read.
 * @default env process.env
 */
export function parseRunArgs(argv: string[], env: Record<string, string | undefined> = process.env): ParsedRun {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: RUN_FLAGS,
    });
  } catch (error) {
    throw new OptionsError(`${(error as Error).message.split('\n')[0]}; run "loadbook run --help" for the flags`);
  }
  const { values, positionals } = parsed;
  const help = Boolean(values.help);
  if (!help && positionals.length !== 1) {
    throw new OptionsError(
      `expected exactly one SCRIPT argument, got ${positionals.length === 0 ? 'none' : positionals.map((p) => shown(p)).join(' ')}; usage: loadbook run SCRIPT [flags]`,
    );
  }
  const trendStats = values['summary-trend-stats']?.split(',').map((stat) => stat.trim());
  const exemplars = positiveInteger(values.exemplars, '--exemplars');
  const workers = positiveInteger(values.workers, '--workers');
  if (workers !== undefined) checkWorkers(workers, '--workers');
  const tracing = values.tracing || exemplars !== undefined ? { exemplarsPerScenario: exemplars ?? DEFAULT_EXEMPLARS_PER_SCENARIO } : undefined;
  return {
    help,
    verbose: Boolean(values.verbose),
    request: {
      script: positionals[0] ?? '',
      env: pairs(values.env, '--env'),
      includeSystemEnv: !values['no-system-env'],
      options: {
        vus: positiveInteger(values.vus, '--vus'),
        duration: values.duration,
        iterations: positiveInteger(values.iterations, '--iterations'),
        tags: pairs(values.tag, '--tag'),
        summaryTrendStats: trendStats,
      },
      outputs: values.out,
      noSummary: Boolean(values['no-summary']),
      quiet: Boolean(values.quiet),
      workers,
      runDir: values['run-dir'],
      tracing,
      allowHosts: allowHosts(values['allow-hosts'], env),
    },
  };
}
