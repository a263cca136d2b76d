import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLeak } from '../../../shop/memory-leak.ts';

const MB = 1024 * 1024;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createMemoryLeak', () => {
  it('retains the set rate per minute, a second at a time', () => {
    const leak = createMemoryLeak();
    leak.setRate(60);
    vi.advanceTimersByTime(3_000);
    expect(leak.retainedBytes()).toBe(3 * MB);
    leak.stop();
  });

  it('keeps fractions owed from one second to the next, so slow rates still leak', () => {
    const leak = createMemoryLeak();
    leak.setRate(0.001); // about 17 bytes a second
    vi.advanceTimersByTime(60_000);
    expect(leak.retainedBytes()).toBeGreaterThan(0.001 * MB - 16);
    expect(leak.retainedBytes()).toBeLessThanOrEqual(0.001 * MB);
    leak.stop();
  });

  it('stops and releases what it held when set back to 0', () => {
    const leak = createMemoryLeak();
    leak.setRate(120);
    vi.advanceTimersByTime(2_000);
    leak.setRate(0);
    expect(leak.retainedBytes()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(leak.retainedBytes()).toBe(0);
  });
});
