import { availableParallelism } from 'node:os';
import path from 'node:path';
import { EXIT, LoadbookError, OptionsError, type ExitCode } from '../errors.ts';
import { EXECUTORS } from '../executors/index.ts';
import type { ScenarioConfig } from '../executors/executor-types.ts';
import { MetricStore } from '../metrics/metric-store.ts';
import type { SeriesDelta } from '../metrics/series-delta.ts';
import { checkVusPerWorker } from '../options/machine-limits.ts';
import { normalizeOptions } from '../options/normalize-options.ts';
import type { TestOptions } from '../options/test-options.ts';
import { checkedAllowHosts } from '../net/host-allowlist.ts';
import { checkJsonOutput, JsonOutput } from '../output/json-output.ts';
import { TimelineWriter } from '../output/timeline-writer.ts';
import { bundleScript } from '../runtime/bundle-script.ts';
import { Logger } from '../runtime/logger.ts';
import { checkedRedactOptions, Redactor, type RedactOptions } from '../runtime/redactor.ts';
import type { Vu } from '../runtime/vu.ts';
import { VuRuntime } from '../runtime/vu-runtime.ts';
import { ExemplarCollector } from '../tracing/exemplar-collector.ts';
import type { TracingOptions } from '../tracing/request-tracer.ts';
import { buildSummary } from '../summary/build-summary.ts';
import { renderTextSummary } from '../summary/render-text-summary.ts';
import type { InstanceStatus, WorkerSetup, WorkerToMain } from '../worker/worker-protocol.ts';
import { callWithTimeout } from './call-with-timeout.ts';
import { evaluateThresholds } from './evaluate-thresholds.ts';
import { plannedDurationMs, ProgressReporter } from './progress-reporter.ts';
import type { RunRequest, RunResult } from './run-request.ts';
import { RunLog, writeExemplarsJson, writeHandleSummaryResult, writeSummaryJson } from './run-outputs.ts';
import { WorkerPool } from './worker-pool.ts';
import { workerBundle } from './worker-bundle.ts';

/** k6 evaluates thresholds every 2 s during the run, which is when abortOnFail can act. */
const THRESHOLD_INTERVAL_MS = 2000;

export const DEFAULT_WORKERS = Math.max(1, availableParallelism() - 1);

function gaugeDelta(metric: 'vus' | 'vus_max', value: number): SeriesDelta {
  return { metric, type: 'gauge', contains: 'default', tags: {}, count: 1, sum: value, min: value, max: value, last: value };
}

/** The most VUs a scenario runs at once. */
function maxVusOf(scenario: ScenarioConfig): number {
  return (EXECUTORS[scenario.kind].maxVus as (config: ScenarioConfig) => number)(scenario);
}

/** First VU id of each scenario: scenarios take consecutive id ranges, sized by their most VUs. */
function firstVuIds(scenarios: ScenarioConfig[]): number[] {
  let next = 1;
  return scenarios.map((scenario) => {
    const first = next;
    next += maxVusOf(scenario);
    return first;
  });
}

/** The worker threads a run uses, one execution segment each. */
function workerCount(request: RunRequest): number {
  return Math.max(1, Math.floor(request.workers ?? DEFAULT_WORKERS));
}

/** Reads the script's options from a first VU's init code, which also registers its custom metrics. */
function readOptions(runtime: VuRuntime, request: RunRequest): { vu: Vu; options: TestOptions } {
  let vu: Vu;
  try {
    vu = runtime.createVu(0, 0);
  } catch (error) {
    if (error instanceof LoadbookError) throw error;
    throw new LoadbookError(`script error in init context: ${runtime.describe(error)}`, EXIT.scriptException);
  }
  const options = normalizeOptions(vu.exports.options as Record<string, unknown>, request.options ?? {}, (name) => runtime.registry.get(name)?.type);
  checkVusPerWorker(options.scenarios.map(maxVusOf), workerCount(request), '--workers');
  for (const scenario of options.scenarios) {
    if (typeof vu.exports[scenario.exec] !== 'function') {
      throw new OptionsError(
        `invalid scenarios.${scenario.name}.exec "${scenario.exec}"; expected a function the script exports, found ${Object.keys(vu.exports).join(', ') || 'no exports'}`,
      );
    }
  }
  return { vu, options };
}

function checkedTracing(tracing: TracingOptions | undefined): TracingOptions | undefined {
  if (tracing === undefined) return undefined;
  const { exemplarsPerScenario } = tracing;
  if (!Number.isInteger(exemplarsPerScenario) || exemplarsPerScenario < 0) {
    throw new OptionsError(`invalid tracing.exemplarsPerScenario ${JSON.stringify(exemplarsPerScenario)}; expected a whole number ≥ 0`);
  }
  return { exemplarsPerScenario };
}

/** Runs a k6 script the way `k6 run` does: init, setup, the scenarios on worker threads, teardown, summary. */
export async function runTest(request: RunRequest): Promise<RunResult> {
  let redact: RedactOptions;
  try {
    redact = checkedRedactOptions(request.redact);
  } catch (error) {
    const { exitCode, message } = error as OptionsError;
    return { exitCode, summary: undefined, runDir: request.runDir, error: message };
  }
  const redactor = new Redactor(redact);
  const log = new RunLog(request.runDir, redactor);
  const stdout = request.stdout ?? ((text: string) => void process.stdout.write(text));
  let pool: WorkerPool | undefined;
  let timeline: TimelineWriter | undefined;
  let json: JsonOutput | undefined;
  try {
    const tracing = checkedTracing(request.tracing);
    const allowHosts = checkedAllowHosts(request.allowHosts, 'allowHosts');
    const jsonPath = checkJsonOutput(request.outputs);
    const exemplars = tracing && new ExemplarCollector(tracing.exemplarsPerScenario);
    const bundle = await bundleScript(request.script);
    const env = { ...(request.includeSystemEnv === false ? {} : (process.env as Record<string, string>)), ...request.env };
    let abortReason: { exitCode: ExitCode; reason: string } | undefined;
    const stopRun = (exitCode: ExitCode, reason: string) => {
      if (abortReason) return;
      abortReason = { exitCode, reason };
      log.write({ time: new Date().toISOString(), level: exitCode === EXIT.externalAbort ? 'warn' : 'error', msg: reason });
      pool?.broadcast({ kind: 'stop' });
    };
    const runtime = new VuRuntime({
      bundle,
      env,
      options: {},
      globalTags: {},
      logger: new Logger((record) => log.write(record)),
      onAbort: (reason) => stopRun(EXIT.scriptAborted, `test aborted: ${reason}`),
      tracing,
      allowHosts,
      redact,
    });
    const { vu: mainVu, options } = readOptions(runtime, request);
    runtime.options = options.raw;
    runtime.globalTags = options.tags;
    const store = new MetricStore(options.thresholds.filter((set) => Object.keys(set.filter).length > 0));
    const exported = mainVu.exports as Record<string, ((data?: unknown) => unknown) | undefined>;

    const onSignal = () => stopRun(EXIT.externalAbort, 'test run stopped by a signal; keeping the partial results');
    // An abort that came while the script was bundled or its init code ran still stops the run.
    if (request.signal?.aborted) onSignal();
    else request.signal?.addEventListener('abort', onSignal, { once: true });
    // A forced stop does not wait for the workers' last second: running workers are terminated where they
    // are. Workers still starting are left to finish their init, then start and stop at once.
    let started = false;
    const onForce = () => {
      stopRun(EXIT.externalAbort, 'test run stopped by a signal; keeping the partial results');
      log.write({ time: new Date().toISOString(), level: 'warn', msg: 'stopping at once: in-flight iterations and teardown are skipped' });
      if (started) void pool?.terminate();
    };
    if (request.force?.aborted) onForce();
    else request.force?.addEventListener('abort', onForce, { once: true });

    mainVu.stage = 'setup';
    let setupData: unknown;
    if (exported.setup) {
      try {
        setupData = await callWithTimeout(() => exported.setup!(), options.setupTimeoutMs, 'setup', EXIT.setupTimeout);
      } catch (error) {
        if (error instanceof LoadbookError) throw error;
        throw new LoadbookError(`setup() failed: ${runtime.describe(error)}`, EXIT.scriptException);
      }
    }
    const setupJson = setupData === undefined ? undefined : JSON.stringify(setupData);
    const setupDeltas = runtime.sink.flush();

    const workers = workerCount(request);
    json = jsonPath ? new JsonOutput(jsonPath, (name) => runtime.registry.get(name)) : undefined;
    const ids = firstVuIds(options.scenarios);
    const setups: WorkerSetup[] = Array.from({ length: workers }, (_, index) => ({
      bundle,
      env,
      rawOptions: options.raw,
      globalTags: options.tags,
      scenarios: options.scenarios,
      firstVuIds: ids,
      segment: { index, count: workers },
      setupData: setupJson,
      jsonPoints: Boolean(json),
      tracing,
      allowHosts,
      redact,
    }));

    const statuses: InstanceStatus[] = [];
    let workerFailure: { message: string; exitCode: number } | undefined;
    const totalMs = plannedDurationMs(options.scenarios);
    const progress = request.quiet ? undefined : new ProgressReporter(options.scenarios, totalMs, request.onProgress ?? ((line) => process.stderr.write(line + '\n')));
    const onMessage = (message: WorkerToMain, worker: number) => {
      switch (message.kind) {
        case 'snapshot':
          statuses[worker] = message.status;
          for (const record of message.logs) log.write(record);
          for (const delta of message.deltas) store.merge(delta);
          if (message.points) json?.write(message.points.metrics, message.points.lines);
          if (message.exemplars) exemplars?.add(message.exemplars);
          timeline?.add(message.second, message.deltas, worker);
          return;
        case 'abort':
          return stopRun(EXIT.scriptAborted, `test aborted: ${message.reason}`);
        case 'failed':
          workerFailure ??= { message: message.message, exitCode: message.exitCode };
          // Before the start, pool.ready() rejects with this failure and the run ends with it.
          return started ? stopRun(message.exitCode as ExitCode, message.message) : undefined;
        case 'ready':
        case 'done':
          return;
        default:
          return message satisfies never;
      }
    };
    pool = new WorkerPool(await workerBundle(), setups, onMessage);
    try {
      await pool.ready();
    } catch (error) {
      throw error instanceof LoadbookError ? error : new LoadbookError(String(error), EXIT.scriptException);
    }

    const startAt = Date.now() + 50;
    const onSecondComplete = (second: number, deltas: SeriesDelta[]): SeriesDelta[] => {
      const sum = (field: keyof InstanceStatus) => statuses.reduce((total, status) => total + (status?.[field] ?? 0), 0);
      const gauges = [gaugeDelta('vus', sum('vusPeak')), gaugeDelta('vus_max', sum('vusMax'))];
      for (const gauge of gauges) store.merge(gauge);
      const count = (metric: string, field: 'count' | 'sum' = 'count') =>
        deltas.reduce((total, delta) => total + (delta.metric === metric ? delta[field] : 0), 0);
      progress?.second(second, {
        iterations: count('iterations'),
        requests: count('http_reqs'),
        failedRequests: count('http_req_failed', 'sum'),
        dropped: count('dropped_iterations', 'sum'),
        vusActive: sum('vusActive'),
        vusMax: sum('vusMax'),
      });
      return gauges;
    };
    timeline = new TimelineWriter(request.runDir && path.join(request.runDir, 'timeline.ndjson.gz'), startAt, workers, onSecondComplete);
    for (const delta of setupDeltas) store.merge(delta);
    timeline.add(0, setupDeltas);

    const thresholdTimer = setInterval(() => {
      const verdict = evaluateThresholds(options.thresholds, store, Date.now() - startAt);
      if (verdict.abortingFailures.length > 0) {
        stopRun(EXIT.thresholdsFailed, `thresholds crossed with abortOnFail: ${verdict.abortingFailures.join('; ')}`);
      }
    }, THRESHOLD_INTERVAL_MS);
    pool.broadcast({ kind: 'start', startAt });
    started = true;
    // Stopped before the start (a signal during init): the workers begin and end at once.
    if (abortReason) pool.broadcast({ kind: 'stop' });
    await pool.done();
    clearInterval(thresholdTimer);
    const durationMs = Math.max(0, Date.now() - startAt);
    await pool.terminate();
    pool = undefined;

    mainVu.stage = 'teardown';
    let teardownError: LoadbookError | undefined;
    if (exported.teardown && !workerFailure && !request.force?.aborted) {
      try {
        const teardown = callWithTimeout(() => exported.teardown!(setupData), options.teardownTimeoutMs, 'teardown', EXIT.teardownTimeout);
        // A forced stop does not wait for teardown to end.
        await Promise.race([teardown, new Promise<void>((resolve) => request.force?.addEventListener('abort', () => resolve(), { once: true }))]);
      } catch (error) {
        teardownError = error instanceof LoadbookError ? error : new LoadbookError(`teardown() failed: ${runtime.describe(error)}`, EXIT.scriptException);
        log.write({ time: new Date().toISOString(), level: 'error', msg: teardownError.message });
      }
    }
    // A signal up to here, teardown included, marks the run stopped (exit 105).
    request.signal?.removeEventListener('abort', onSignal);
    request.force?.removeEventListener('abort', onForce);
    const teardownDeltas = runtime.sink.flush();
    for (const delta of teardownDeltas) store.merge(delta);
    timeline.add(Math.floor(durationMs / 1000), teardownDeltas);
    await timeline.close(abortReason && { exitCode: abortReason.exitCode, reason: abortReason.reason });
    await json?.close();

    const verdict = evaluateThresholds(options.thresholds, store, durationMs);
    const summary = buildSummary(store, options, verdict.results, durationMs, setupData);
    if (request.runDir) writeSummaryJson(request.runDir, summary);
    const exemplarsFile = exemplars?.toFile();
    if (request.runDir && exemplarsFile) writeExemplarsJson(request.runDir, exemplarsFile);
    mainVu.stage = 'summary';
    if (exported.handleSummary) {
      try {
        writeHandleSummaryResult(await exported.handleSummary(summary), stdout);
      } catch (error) {
        log.write({ time: new Date().toISOString(), level: 'error', msg: `handleSummary() failed: ${runtime.describe(error)}` });
      }
    } else if (!request.noSummary) {
      stdout('\n' + renderTextSummary(summary, { noColor: !process.stdout.isTTY }) + '\n');
    }
    const exitCode: number =
      abortReason?.exitCode ?? teardownError?.exitCode ?? (verdict.failed ? EXIT.thresholdsFailed : EXIT.ok);
    if (verdict.failed) log.write({ time: new Date().toISOString(), level: 'error', msg: 'thresholds on metrics have been crossed' });
    log.keep({ time: new Date().toISOString(), level: exitCode === EXIT.ok ? 'info' : 'warn', msg: `run ended with exit code ${exitCode}` });
    const reason = abortReason && redactor.text(abortReason.reason);
    return { exitCode, summary, runDir: request.runDir, exemplars: exemplarsFile, error: reason };
  } catch (error) {
    await pool?.terminate();
    const failure = error instanceof LoadbookError ? error : new LoadbookError(String(error instanceof Error ? error.stack : error), EXIT.scriptException);
    // Whatever failed, the timeline is ended as a whole gzip stream up to its last second.
    await timeline?.close({ exitCode: failure.exitCode, reason: failure.message }).catch(() => undefined);
    await json?.close().catch(() => undefined);
    log.keep({ time: new Date().toISOString(), level: 'error', msg: failure.message });
    log.keep({ time: new Date().toISOString(), level: 'error', msg: `run ended with exit code ${failure.exitCode}` });
    return { exitCode: failure.exitCode, summary: undefined, runDir: request.runDir, error: redactor.text(failure.message) };
  } finally {
    await log.close();
  }
}
