import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../../engine/executors/executor-types.ts';
import { rampingVusTarget } from '../../../../engine/executors/ramping-vus.ts';

const stage = (seconds: number, target: number): Stage => ({ durationMs: seconds * 1000, target });

describe('rampingVusTarget', () => {
  describe('ramping up 0→10 over 10 s', () => {
    const stages = [stage(10, 10)];
    it.each([
      [0, 0],
      [999, 0], // 0.999 VUs is not yet one
      [1000, 1],
      [1001, 1],
      [5500, 5],
      [9999, 9],
      [10_000, 10],
      [60_000, 10], // holds the last target after the end
    ])('wants %d ms in: %d VUs', (elapsedMs, expected) => {
      expect(rampingVusTarget(0, stages, elapsedMs)).toBe(expected);
    });
  });

  describe('ramping down 10→0 over 10 s', () => {
    const stages = [stage(10, 0)];
    it.each([
      [0, 10],
      [500, 10], // 9.5 truncates toward the stage's start, 10
      [999, 10],
      [1000, 9],
      [1500, 9],
      [9000, 1],
      [9999, 1],
      [10_000, 0],
      [20_000, 0],
    ])('wants %d ms in: %d VUs', (elapsedMs, expected) => {
      expect(rampingVusTarget(10, stages, elapsedMs)).toBe(expected);
    });
  });

  describe('from 5 VUs: up to 20 in 30 s, hold for 20 s, down to 2 in 9 s', () => {
    const stages = [stage(30, 20), stage(20, 20), stage(9, 2)];
    it.each([
      [0, 5],
      [1999, 5], // 5 + 15·1.999/30 = 5.9995
      [2000, 6],
      [15_000, 12], // 5 + 7.5
      [29_999, 19],
      [30_000, 20],
      [49_999, 20],
      [50_000, 20],
      [50_499, 20], // 20 − 18·0.499/9 = 19.002
      [50_500, 19],
      [54_500, 11], // 20 − 9
      [58_999, 3], // 20 − 17.998 = 2.002
      [59_000, 2],
      [3_600_000, 2],
    ])('wants %d ms in: %d VUs', (elapsedMs, expected) => {
      expect(rampingVusTarget(5, stages, elapsedMs)).toBe(expected);
    });
  });

  it('jumps at once through a zero-length stage', () => {
    const stages = [stage(2, 2), { durationMs: 0, target: 50 }, stage(5, 50)];
    expect(rampingVusTarget(0, stages, 1999)).toBe(1);
    expect(rampingVusTarget(0, stages, 2000)).toBe(50);
    expect(rampingVusTarget(0, stages, 4000)).toBe(50);
  });

  it('starts from startVUs before the first stage has moved', () => {
    expect(rampingVusTarget(7, [stage(10, 100)], 0)).toBe(7);
  });

  it('wants the startVUs with no stages at all', () => {
    expect(rampingVusTarget(3, [], 5000)).toBe(3);
  });

  it('only ever returns whole VU counts between the start and the target within a stage', () => {
    const stages = [stage(7, 13), stage(3, 4), stage(11, 29)];
    const bounds: [number, number][] = [[1, 13], [4, 13], [4, 29]];
    for (let elapsedMs = 0; elapsedMs < 21_000; elapsedMs += 37) {
      const vus = rampingVusTarget(1, stages, elapsedMs);
      expect(Number.isInteger(vus)).toBe(true);
      const [low, high] = bounds[elapsedMs < 7000 ? 0 : elapsedMs < 10_000 ? 1 : 2]!;
      expect(vus).toBeGreaterThanOrEqual(low);
      expect(vus).toBeLessThanOrEqual(high);
    }
  });
});
