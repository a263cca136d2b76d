/** What became of one publish: acked, failed, or still pending when the caller stopped waiting. */
export type AckEvent = 'acked' | 'failed' | 'timed-out';

/**
 * Starts a callback-style send and resolves when it calls back or after timeoutMs, whichever is first;
 * never rejects. Every event is reported to record: a send that outlives the timeout reports 'timed-out'
 * and later 'acked' or 'failed' as well, so a metric can tell late acks from lost ones.
 */
export function awaitAck(
  send: (callback: (error: Error | null | undefined) => void) => void,
  timeoutMs: number,
  record: (event: AckEvent, error?: Error) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      record('timed-out');
      resolve();
    }, timeoutMs);
    send((error) => {
      if (error) record('failed', error);
      else record('acked');
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      resolve();
    });
  });
}
