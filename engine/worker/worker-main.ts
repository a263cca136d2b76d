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

try {
  const runtime = new VuRuntime({
    bundle: setup.bundle,
    env: setup.env,
    options: setup.rawOptions,
    globalTags: setup.globalTags,
    logger: new Logger((record) => logs.push(record)),
    onAbort: (reason) => send({ kind: 'abort', reason }),
  });
  if (setup.jsonPoints) {
    runtime.sink.onSample = (metric, tags, value) => {
      pointMetrics.add(metric.name);
      pointLines += pointLine(metric.name, performance.timeOrigin + performance.now(), value, tags) + '\n';
    };
  }
  const runner = new InstanceRunner(runtime, setup.scenarios, setup.firstVuIds, setup.segment, setup.setupData);
  runner.prepare();

  const snapshot = (second: number) => {
    const message: WorkerToMain = {
      kind: 'snapshot',
      second,
      deltas: runtime.sink.flush(),
      logs,
      status: { ...runtime.state, vusMax: runner.vusMax },
    };
    if (setup.jsonPoints) {
      message.points = { metrics: [...pointMetrics], lines: pointLines };
      pointMetrics.clear();
      pointLines = '';
    }
    logs = [];
    runtime.state.vusPeak = runtime.state.vusActive;
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
        send({ kind: 'failed', message: runtime.describe(error), exitCode: EXIT.scriptException });
      },
    );
  });
  send({ kind: 'ready' });
} catch (error) {
  const exitCode = error instanceof LoadbookError ? error.exitCode : EXIT.scriptException;
  send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error), exitCode });
}
