import { parentPort, workerData } from 'node:worker_threads';
import { LoadbookError, EXIT } from '../errors.ts';
import { pointLine } from '../output/json-lines.ts';
import { InstanceRunner } from '../runtime/instance-runner.ts';
import { Logger, type LogRecord } from '../runtime/logger.ts';
import { VuRuntime } from '../runtime/vu-runtime.ts';
import type { MainToWorker, WorkerSetup, WorkerToMain } from './worker-protocol.ts';

/** A worker thread: runs one execution segment of every scenario and reports once per second. */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (message: WorkerToMain) => port.postMessage(message);
const stop = new AbortController();
let logs: LogRecord[] = [];
let pointLines = '';
const pointMetrics = new Set<string>();
let runtime: VuRuntime | undefined;

try {
  const vus = new VuRuntime({
    bundle: setup.bundle,
    env: setup.env,
    options: setup.rawOptions,
    globalTags: setup.globalTags,
    logger: new Logger((record) => logs.push(record)),
    onAbort: (reason) => send({ kind: 'abort', reason }),
    tracing: setup.tracing,
    allowHosts: setup.allowHosts,
    redact: setup.redact,
  });
  runtime = vus;
  if (setup.jsonPoints) {
    vus.sink.onSample = (metric, tags, value) => {
      pointMetrics.add(metric.name);
      pointLines += pointLine(metric.name, performance.timeOrigin + performance.now(), value, tags) + '\n';
    };
  }
  const runner = new InstanceRunner(vus, setup.scenarios, setup.firstVuIds, setup.segment, setup.setupData);
  runner.prepare();

  const snapshot = (second: number) => {
    const message: WorkerToMain = {
      kind: 'snapshot',
      second,
      deltas: vus.sink.flush(),
      logs,
      status: { ...vus.state, vusMax: runner.vusMax },
    };
    if (setup.jsonPoints) {
      message.points = { metrics: [...pointMetrics], lines: pointLines };
      pointMetrics.clear();
      pointLines = '';
    }
    const exemplars = vus.tracer?.takeNew();
    if (exemplars !== undefined && exemplars.length > 0) message.exemplars = exemplars;
    logs = [];
    vus.state.vusPeak = vus.state.vusActive;
    send(message);
  };

  port.on('message', (message: MainToWorker) => {
    if (message.kind === 'stop') {
      stop.abort();
      runner.interruptAll();
      return;
    }
    const { startAt } = message;
    let second = 0;
    // Aligned to the test's clock, so every worker's second N covers the same wall-clock second.
    const tick = () => {
      snapshot(second++);
      timer = setTimeout(tick, startAt + (second + 1) * 1000 - Date.now());
    };
    let timer = setTimeout(tick, startAt + 1000 - Date.now());
    runner.run(startAt, stop.signal).then(
      () => {
        clearTimeout(timer);
        snapshot(second);
        send({ kind: 'done' });
      },
      (error: unknown) => {
        clearTimeout(timer);
        snapshot(second);
        send({ kind: 'failed', message: vus.describe(error), exitCode: EXIT.scriptException });
      },
    );
  });
  send({ kind: 'ready' });
} catch (error) {
  // A VU's init code can fail here even though the main thread's first VU passed (it may depend on __VU).
  const exitCode = error instanceof LoadbookError ? error.exitCode : EXIT.scriptException;
  const message = error instanceof LoadbookError ? error.message : `script error in init context: ${runtime?.describe(error) ?? String(error)}`;
  send({ kind: 'failed', message, exitCode });
}
