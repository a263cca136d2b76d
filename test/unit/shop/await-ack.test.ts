import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awaitAck, type AckEvent } from '../../../shop/await-ack.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A send whose callback the test fires by hand. */
function manualSend() {
  let callback: ((error: Error | null) => void) | undefined;
  return {
    send: (cb: (error: Error | null) => void) => {
      callback = cb;
    },
    ack: () => callback?.(null),
    fail: (message: string) => callback?.(new Error(message)),
  };
}

describe('awaitAck', () => {
  it('resolves on the ack, before the timeout, and records it', async () => {
    const events: AckEvent[] = [];
    const { send, ack } = manualSend();
    let resolved = false;
    void awaitAck(send, 250, (e) => events.push(e)).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(resolved).toBe(false);
    ack();
    await vi.advanceTimersByTimeAsync(0);
    expect(resolved).toBe(true);
    expect(events).toEqual(['acked']);
  });

  it('resolves on a failure without rejecting, and records it with its error', async () => {
    const record = vi.fn();
    const { send, fail } = manualSend();
    const done = awaitAck(send, 250, record);
    fail('broker gone');
    await expect(done).resolves.toBeUndefined();
    expect(record).toHaveBeenCalledWith('failed', new Error('broker gone'));
  });

  it('stops waiting after the timeout, then still records the late ack', async () => {
    const events: AckEvent[] = [];
    const { send, ack } = manualSend();
    let resolved = false;
    void awaitAck(send, 250, (e) => events.push(e)).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
    expect(events).toEqual(['timed-out']);
    ack();
    expect(events).toEqual(['timed-out', 'acked']);
  });
});
