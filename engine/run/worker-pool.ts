import { Worker } from 'node:worker_threads';
import { LoadbookError } from '../errors.ts';
import { WORKER_HEAP_MB } from '../options/machine-limits.ts';
import type { MainToWorker, WorkerSetup, WorkerToMain } from '../worker/worker-protocol.ts';

/** Receives what workers report; the index says which worker sent it. */
export type WorkerListener = (message: WorkerToMain, worker: number) => void;

/** The worker threads of a run: one execution segment each. */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly finished: Promise<void>[];

  constructor(entry: string, setups: WorkerSetup[], listener: WorkerListener) {
    // The heap the VU limits per worker count on (checkVusPerWorker), whatever V8 would pick for this machine.
    const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
    this.workers = setups.map((setup) => new Worker(entry, { workerData: setup, stdout: false, stderr: false, resourceLimits }));
    this.finished = this.workers.map(
      (worker, index) =>
        new Promise<void>((resolve) => {
          worker.on('message', (message: WorkerToMain) => {
            listener(message, index);
            if (message.kind === 'done' || message.kind === 'failed') resolve();
          });
          worker.once('error', (error) => {
            listener({ kind: 'failed', message: `worker ${index} crashed: ${error.message}`, exitCode: 107 }, index);
            resolve();
          });
          worker.once('exit', () => resolve());
        }),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  /** Resolves once every worker said it is ready (VUs initialized), or rejects with the first failure. */
  ready(): Promise<void> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (message: WorkerToMain) => {
              if (message.kind === 'ready') resolve();
              if (message.kind === 'failed') reject(new LoadbookError(message.message, message.exitCode as 107));
              if (message.kind === 'ready' || message.kind === 'failed') worker.off('message', onMessage);
            };
            worker.on('message', onMessage);
            worker.once('error', (error) => reject(new LoadbookError(`worker crashed while starting: ${error.message}`, 107)));
            // Settles the start-up even when a worker ends without a word (terminated), so the run never hangs.
            worker.once('exit', (code) => reject(new LoadbookError(`worker exited with code ${code} while starting`, 107)));
          }),
      ),
    ).then(() => undefined);
  }

  broadcast(message: MainToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }

  /** Resolves when every worker has reported its last snapshot. */
  done(): Promise<void> {
    return Promise.all(this.finished).then(() => undefined);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
