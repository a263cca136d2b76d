import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCrashTimer } from '../../../shop/crash-timer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createCrashTimer', () => {
  it('crashes once the seconds have passed, not before', () => {
    const crash = vi.fn();
    createCrashTimer(crash).set(2);
    vi.advanceTimersByTime(1_999);
    expect(crash).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(crash).toHaveBeenCalledTimes(1);
  });

  it('cancels the countdown when set to 0', () => {
    const crash = vi.fn();
    const timer = createCrashTimer(crash);
    timer.set(1);
    timer.set(0);
    vi.advanceTimersByTime(5_000);
    expect(crash).not.toHaveBeenCalled();
  });

  it('keeps the running countdown when set to the same value again, and restarts it for a new value', () => {
    const crash = vi.fn();
    const timer = createCrashTimer(crash);
    timer.set(2);
    vi.advanceTimersByTime(1_500);
    timer.set(2);
    vi.advanceTimersByTime(500);
    expect(crash).toHaveBeenCalledTimes(1);

    timer.set(3);
    vi.advanceTimersByTime(2_000);
    timer.set(1);
    vi.advanceTimersByTime(999);
    expect(crash).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(crash).toHaveBeenCalledTimes(2);
  });
});
