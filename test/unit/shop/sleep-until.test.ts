import { describe, expect, it } from 'vitest';
import { sleepUntil } from '../../../shop/sleep-until.ts';

describe('sleepUntil', () => {
  it('never resolves before its deadline, even when a timer fires early', async () => {
    for (const ms of [1, 5, 17]) {
      const deadline = performance.now() + ms;
      await sleepUntil(deadline);
      expect(performance.now()).toBeGreaterThanOrEqual(deadline);
    }
  });

  it('resolves at once for a deadline already past', async () => {
    let resolved = false;
    void sleepUntil(performance.now() - 1).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(true);
  });
});
