import { describe, expect, it } from 'vitest';
import { constantArrivals, rampingArrivals, type ArrivalSchedule } from '../../../../engine/executors/arrival-schedule.ts';
import type { Stage } from '../../../../engine/executors/executor-types.ts';
import { ownsIteration } from '../../../../engine/executors/segment.ts';

const SECOND = 1_000;
const MINUTE = 60_000;
const stage = (seconds: number, target: number): Stage => ({ durationMs: seconds * SECOND, target });
const timesOf = (schedule: ArrivalSchedule): number[] => Array.from({ length: schedule.total }, (_, i) => schedule.timeOf(i));

/** ceil(numerator / denominator) in exact integer arithmetic, independent of the float maths under test. */
const ceilDiv = (numerator: bigint, denominator: bigint): number => Number((numerator + denominator - 1n) / denominator);

describe('constantArrivals', () => {
  it('starts 200/s for 10 s as 2000 iterations evenly spaced 5 ms apart, the first at 0', () => {
    const schedule = constantArrivals(200, SECOND, 10 * SECOND);
    expect(schedule.total).toBe(2000);
    const times = timesOf(schedule);
    expect(times[0]).toBe(0);
    expect(times[1]).toBe(5);
    expect(times[1999]).toBe(9995);
    times.forEach((time, i) => expect(time).toBeCloseTo(5 * i, 9));
  });

  it.each([
    // rate, timeUnit, duration, total, interval between starts (ms)
    [30, MINUTE, 2 * MINUTE, 60, 2000],
    [1, MINUTE, 30 * SECOND, 1, 60_000],
    [6000, MINUTE, 10 * SECOND, 1000, 10],
    [3, SECOND, SECOND, 3, 1000 / 3],
    [7, SECOND, SECOND, 7, 1000 / 7],
    [0.5, SECOND, 10 * SECOND, 5, 2000],
    [10, 100, 1500, 150, 10],
    [2.5, SECOND, 1100, 3, 400],
  ])('starts %d per %d ms for %d ms as %d iterations %d ms apart', (rate, timeUnitMs, durationMs, total, interval) => {
    const schedule = constantArrivals(rate, timeUnitMs, durationMs);
    expect(schedule.total).toBe(total);
    for (let i = 0; i < total; i++) expect(schedule.timeOf(i)).toBeCloseTo(i * interval, 6);
  });

  it.each([
    [997, 3 * SECOND, 24 * 60 * MINUTE],
    [123_457, SECOND, 60 * MINUTE],
    [123_457, SECOND, 120 * MINUTE],
    [33_333, 7 * SECOND, 24 * 60 * MINUTE],
  ])('counts exactly ceil(rate × duration / timeUnit) iterations on long runs: %d per %d ms for %d ms', (rate, timeUnitMs, durationMs) => {
    const schedule = constantArrivals(rate, timeUnitMs, durationMs);
    expect(schedule.total).toBe(ceilDiv(BigInt(rate) * BigInt(durationMs), BigInt(timeUnitMs)));
    expect(schedule.timeOf(schedule.total - 1)).toBeLessThan(durationMs);
  });

  it('never schedules an iteration at or after the end of the duration, and never leaves a slot before it empty', () => {
    const problems: string[] = [];
    for (const rate of [1, 3, 7, 13, 29, 100, 333, 997, 1000, 4999]) {
      for (const timeUnitMs of [100, SECOND, 3 * SECOND, MINUTE]) {
        for (const durationMs of [SECOND, 7 * SECOND, 13 * SECOND, MINUTE, 5 * MINUTE]) {
          const schedule = constantArrivals(rate, timeUnitMs, durationMs);
          const exact = ceilDiv(BigInt(rate) * BigInt(durationMs), BigInt(timeUnitMs));
          if (schedule.total !== exact) problems.push(`${rate}/${timeUnitMs}ms for ${durationMs}ms: ${schedule.total} ≠ ${exact}`);
          if (schedule.timeOf(schedule.total - 1) >= durationMs) problems.push(`${rate}/${timeUnitMs}ms for ${durationMs}ms: last too late`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('rampingArrivals', () => {
  it('ramps 0→100/s over 10 s as 500 iterations, iteration i starting at √(i/5) s', () => {
    // rate(t) = 10·t per second, so the iterations due by t are ∫ = 5·t²; iteration i starts when 5·t² = i.
    const schedule = rampingArrivals(0, SECOND, [stage(10, 100)]);
    expect(schedule.total).toBe(500);
    const times = timesOf(schedule);
    times.forEach((time, i) => expect(time).toBeCloseTo(Math.sqrt(i / 5) * SECOND, 6));
    expect(times[0]).toBe(0);
    expect(times[5]).toBeCloseTo(1000, 9);
    expect(times[20]).toBeCloseTo(2000, 9);
    expect(times[125]).toBeCloseTo(5000, 9);
    expect(times[499]).toBeLessThan(10_000);
  });

  it('gives the same schedule when the rate is written per minute', () => {
    const perMinute = rampingArrivals(0, MINUTE, [stage(10, 6000)]);
    expect(perMinute.total).toBe(500);
    for (const i of [0, 1, 5, 77, 250, 499]) expect(perMinute.timeOf(i)).toBeCloseTo(Math.sqrt(i / 5) * SECOND, 6);
  });

  it('spaces iterations evenly in a flat stage: 50/s for 4 s is 200 iterations 20 ms apart', () => {
    const schedule = rampingArrivals(50, SECOND, [stage(4, 50)]);
    expect(schedule.total).toBe(200);
    for (let i = 0; i < 200; i++) expect(schedule.timeOf(i)).toBeCloseTo(20 * i, 6);
  });

  it('ramps down 100→0/s over 10 s as 500 iterations, iteration k at 10 − √(100 − k/5) s', () => {
    // ∫ (100 − 10·t) dt = 100·t − 5·t² = k  ⇒  t = 10 − √(100 − k/5).
    const schedule = rampingArrivals(100, SECOND, [stage(10, 0)]);
    expect(schedule.total).toBe(500);
    for (const k of [0, 1, 100, 375, 480, 499]) expect(schedule.timeOf(k)).toBeCloseTo((10 - Math.sqrt(100 - k / 5)) * SECOND, 6);
    expect(schedule.timeOf(375)).toBeCloseTo(5000, 6);
    expect(schedule.timeOf(480)).toBeCloseTo(8000, 6);
  });

  describe('with ramp-up, hold, ramp-down, a flat zero stage and a second ramp-up', () => {
    // 0→100/s over 10 s (500), 100/s for 10 s (1000), 100→0/s over 10 s (500), 0/s for 5 s (0), 0→50/s over 5 s (125).
    const schedule = rampingArrivals(0, SECOND, [stage(10, 100), stage(10, 100), stage(10, 0), stage(5, 0), stage(5, 50)]);

    it('counts 2125 iterations, the integral of the rate', () => {
      expect(schedule.total).toBe(2125);
    });

    it.each([
      [0, 0],
      [5, 1000],
      [499, Math.sqrt(499 / 5) * SECOND],
      [500, 10_000],
      [501, 10_010],
      [1499, 19_990],
      [1500, 20_000],
      [1875, 25_000],
      [1980, 28_000],
      [1999, (10 - Math.sqrt(0.2)) * SECOND + 20_000],
      [2005, 36_000],
      [2020, 37_000],
      [2080, 39_000],
      [2124, 35_000 + Math.sqrt(124 / 5) * SECOND],
    ])('starts iteration %d at %d ms', (iteration, expectedMs) => {
      expect(schedule.timeOf(iteration)).toBeCloseTo(expectedMs, 6);
    });

    it('starts no iteration strictly inside the flat zero stage', () => {
      const inside = timesOf(schedule).filter((time) => time > 30_000 && time < 35_000);
      expect(inside).toEqual([]);
    });

    it('starts iterations in order, all within the 40 s of the stages', () => {
      const times = timesOf(schedule);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      expect(times.at(-1)).toBeLessThan(40_000);
    });
  });

  it('delays the first iteration to the end of a leading flat zero stage', () => {
    const schedule = rampingArrivals(0, SECOND, [stage(5, 0), stage(10, 100)]);
    expect(schedule.total).toBe(500);
    expect(schedule.timeOf(0)).toBe(5000);
    expect(schedule.timeOf(20)).toBeCloseTo(7000, 6);
  });

  it('jumps to a new rate at once in a zero-length stage', () => {
    // 10/s for 1 s, then straight to 100/s for 1 s: 10 iterations 100 ms apart, then 100 iterations 10 ms apart.
    const schedule = rampingArrivals(10, SECOND, [stage(1, 10), { durationMs: 0, target: 100 }, stage(1, 100)]);
    expect(schedule.total).toBe(110);
    expect(schedule.timeOf(9)).toBeCloseTo(900, 6);
    expect(schedule.timeOf(10)).toBeCloseTo(1000, 6);
    expect(schedule.timeOf(11)).toBeCloseTo(1010, 6);
    expect(schedule.timeOf(109)).toBeCloseTo(1990, 6);
  });

  it.each([
    // startRate, stages, exact total
    [0, [stage(1, 3)], 2], // 1.5 iterations due: the half-started one still runs
    [5, [stage(1, 6)], 6], // 5.5
    [0, [stage(60, 1000), stage(120, 1000), stage(30, 0)], 30_000 + 120_000 + 15_000],
    [7, [stage(3, 11), stage(7, 2), stage(13, 0)], Math.ceil((7 + 11) / 2 * 3 + (11 + 2) / 2 * 7 + (2 + 0) / 2 * 13)],
  ])('counts ceil of the rate integral: start %d/s through %j is %d iterations', (startRate, stages, total) => {
    expect(rampingArrivals(startRate, SECOND, stages).total).toBe(total);
  });
});

describe('arrival schedules split among segments', () => {
  it.each([1, 2, 3, 4, 5, 7, 8])('owns every iteration of the schedule exactly once across %d segments', (count) => {
    const schedule = rampingArrivals(0, SECOND, [stage(10, 100), stage(10, 100), stage(10, 0), stage(5, 0), stage(5, 50)]);
    const owned = Array.from({ length: count }, (_, index) => {
      let n = 0;
      for (let i = 0; i < schedule.total; i++) if (ownsIteration(i, { index, count })) n++;
      return n;
    });
    expect(owned.reduce((a, b) => a + b, 0)).toBe(2125);
    for (const n of owned) expect([Math.floor(2125 / count), Math.ceil(2125 / count)]).toContain(n);
  });
});

describe('dueBy, the count of iterations due by a time', () => {
  /** The count by brute force: iterations whose start time has come. */
  const dueByHand = (schedule: ArrivalSchedule, elapsedMs: number) => timesOf(schedule).filter((time) => time <= elapsedMs).length;

  it.each<[string, ArrivalSchedule]>([
    ['200/s for 10 s', constantArrivals(200, SECOND, 10 * SECOND)],
    ['7/s for 1 s', constantArrivals(7, SECOND, SECOND)],
    ['2.5/s for 1.1 s', constantArrivals(2.5, SECOND, 1100)],
    ['a ramp, hold, ramp-down, flat zero and second ramp-up', rampingArrivals(0, SECOND, [stage(10, 100), stage(10, 100), stage(10, 0), stage(5, 0), stage(5, 50)])],
    ['a leading flat zero stage', rampingArrivals(0, SECOND, [stage(5, 0), stage(10, 100)])],
    ['a zero-length jump', rampingArrivals(10, SECOND, [stage(1, 10), { durationMs: 0, target: 100 }, stage(1, 100)])],
  ])('agrees with timeOf to the iteration for %s, from before the start to after the end', (_, schedule) => {
    const endMs = schedule.timeOf(schedule.total - 1);
    for (let elapsedMs = -10; elapsedMs <= endMs + 1_000; elapsedMs += 37.3) {
      expect(schedule.dueBy(elapsedMs)).toBe(dueByHand(schedule, elapsedMs));
    }
    for (let i = 0; i < schedule.total; i += 13) expect(schedule.dueBy(schedule.timeOf(i))).toBeGreaterThan(i);
  });

  it.each([
    // elapsed ms, due (to within the one iteration float rounding decides)
    [0, 1],
    [1, 1e9 + 1],
    [999, 999e9 + 1],
  ])('counts 10^12/s at %d ms as about %d due, without enumerating them', (elapsedMs, due) => {
    expect(Math.abs(constantArrivals(1e12, SECOND, 30 * SECOND).dueBy(elapsedMs) - due)).toBeLessThanOrEqual(1);
  });

  it('counts every iteration of 10^12/s for 30 s as due once the 30 s are over', () => {
    const schedule = constantArrivals(1e12, SECOND, 30 * SECOND);
    expect(schedule.dueBy(60_000)).toBe(schedule.total);
  });
});
