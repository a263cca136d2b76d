import { Admin } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokerError } from './broker-error.ts';
import { logTail } from './log-tail.ts';

export interface WaitOptions {
  /** @default 60000 */
  timeoutMs?: number;
  /** The broker's log, whose tail goes into the error. */
  logFile?: string;
  /** Says why waiting is pointless (the process exited), or undefined while it may still come up. */
  gone?: () => string | undefined;
  /** Stops waiting, rejecting with the signal's reason. */
  signal?: AbortSignal;
}

const POLL_MS = 100;

/** Asks for cluster metadata once; resolves with the broker count, rejects when nobody answers. */
export async function pingBrokers(brokers: string[], timeoutMs = 2_000): Promise<number> {
  const admin = new Admin({ clientId: 'loadbook-ping', bootstrapBrokers: brokers, retries: 0, timeout: timeoutMs, connectTimeout: timeoutMs });
  try {
    const metadata = await admin.metadata({ topics: [] });
    return metadata.brokers.size;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/**
 * Resolves once the brokers answer a metadata request: a listening socket alone is not enough, the
 * KRaft controller must have elected itself and registered the broker.
 * @throws BrokerError on timeout or when `gone` reports the process died, with the log's tail
 */
export async function waitForBroker(brokers: string[], options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const gone = options.gone?.();
    if (gone) throw failure(`the Kafka broker ${gone} before it answered on ${brokers.join(',')}`, options.logFile);
    try {
      if ((await pingBrokers(brokers, 1_000)) > 0) return;
      lastError = 'metadata listed no broker yet';
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw failure(`the Kafka broker did not answer on ${brokers.join(',')} within ${timeoutMs} ms (last error: ${lastError})`, options.logFile);
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}

function failure(reason: string, logFile: string | undefined): BrokerError {
  const tail = logFile ? `\nlast lines of ${logFile}:\n${logTail(logFile)}` : '';
  return new BrokerError(`${reason}; stop anything else on those ports and retry${tail}`);
}
