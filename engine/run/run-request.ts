import type { OptionOverrides } from '../options/test-options.ts';
import type { SummaryData } from '../summary/summary-types.ts';
import type { ExemplarsFile } from '../output/exemplar.ts';
import type { RedactOptions } from '../runtime/redactor.ts';
import type { TracingOptions } from '../tracing/request-tracer.ts';

/** A test run, as `loadbook run` and the programmatic API describe it. */
export interface RunRequest {
  /** Path to a k6 script, .ts or .js. */
  script: string;
  /** Added to `__ENV`, over the process environment. */
  env?: Record<string, string>;
  /**
   * Pass the process environment into `__ENV`, as `k6 run` does by default.
   * @default true
   */
  includeSystemEnv?: boolean;
  /** Options that win over the script's: flags, or a plan's resolved scenarios. */
  options?: OptionOverrides;
  /** Where summary.json, timeline.ndjson.gz and the logs go; nothing is written when absent. */
  runDir?: string;
  /**
   * Worker threads, each running one execution segment.
   * @default cores − 1, at least 1
   */
  workers?: number;
  /** `--out` values, e.g. `json=out.json.gz`. */
  outputs?: string[];
  /** Skip the end-of-test text summary. */
  noSummary?: boolean;
  /** No progress lines. */
  quiet?: boolean;
  /** Receives progress lines; by default they go to stderr. */
  onProgress?: (line: string) => void;
  /** Receives the text summary and handleSummary's stdout; by default process.stdout. */
  stdout?: (text: string) => void;
  /** Aborting it stops the run like Ctrl-C: partial results are kept and the exit code is 105. */
  signal?: AbortSignal;
  /**
   * Aborting it stops the run at once, like a second Ctrl-C: workers are terminated without waiting for
   * in-flight iterations or their last second, and teardown is skipped; summary.json and a whole timeline
   * are still written, with exit code 105.
   * @default undefined (never forced)
   */
  force?: AbortSignal;
  /**
   * Sends a W3C `traceparent` with every HTTP request and gRPC call (a script's own is kept) and keeps the
   * slowest of each scenario as exemplars: `exemplars.json` in the run folder, and `RunResult.exemplars`.
   * @default undefined (no header, no exemplars)
   */
  tracing?: TracingOptions;
  /**
   * Hosts besides loopback (127.0.0.0/8, localhost, ::1) that the script may connect to, by HTTP, WebSocket,
   * gRPC or Kafka. Any other host is refused at connection time, before a packet is sent: the request fails
   * with an error, as with k6's `blockHostnames`, and the iteration goes on. Unlike k6, which connects
   * anywhere unless told otherwise, loadbook sends load only where it was allowed to.
   * @default [] (loopback only)
   */
  allowHosts?: readonly string[];
  /**
   * Credentials masked in every output (tags, exemplars, log lines, `--out json`): URL userinfo always,
   * as k6 does, and the values of these query parameters and headers.
   * @default DEFAULT_REDACT
   */
  redact?: RedactOptions;
}

export interface RunResult {
  exitCode: number;
  summary: SummaryData | undefined;
  runDir: string | undefined;
  /** With tracing on: the slowest traced requests per scenario, as written to `exemplars.json`. */
  exemplars?: ExemplarsFile;
  /** One line saying why the run failed, when it did before producing a summary. */
  error?: string;
}
