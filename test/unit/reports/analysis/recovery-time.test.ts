import { describe, expect, it } from 'vitest';
import { recoveryTime, type SecondP95 } from '../../../../reports/analysis/recovery-time.ts';

/** A synthetic spike: steady at 20 ms, burst up to 200 ms over seconds 10–14, then decaying back. */
function spike(): SecondP95[] {
  const p95 = [20, 21, 19, 20, 20, 20, 20, 20, 20, 20, 150, 200, 200, 200, 180, 120, 60, 30, 23, 21.5, 20, 20];
  return p95.map((value, second) => ({ second, p95: value }));
}

describe('recoveryTime', () => {
  it('is the time from the burst end until per-second p95 is back within 10% of the pre-burst p95', () => {
    // Burst ends at 15 s; 15 → 120, 16 → 60, 17 → 30, 18 → 23, 19 → 21.5 ≤ 22.
    expect(recoveryTime(spike(), { burstEndSecond: 15, baselineP95: 20 })).toBe(4);
  });

  it('honours a custom tolerance and a fractional burst end', () => {
    expect(recoveryTime(spike(), { burstEndSecond: 14.6, baselineP95: 20, tolerance: 0.2 })).toBeCloseTo(3.4, 9);
  });

  it('is 0 when the first second after the burst is already within the tolerance, and ignores seconds before it', () => {
    const seconds = [
      { second: 0, p95: 10 },
      { second: 1, p95: 90 },
      { second: 2, p95: 10.9 },
    ];
    expect(recoveryTime(seconds, { burstEndSecond: 2, baselineP95: 10 })).toBe(0);
  });

  it('is undefined when p95 never comes back', () => {
    expect(recoveryTime(spike().slice(0, 18), { burstEndSecond: 15, baselineP95: 20 })).toBeUndefined();
  });

  it('stops reading at the first recovered second', () => {
    let read = 0;
    function* seconds() {
      for (const second of spike()) {
        read++;
        yield second;
      }
    }
    recoveryTime(seconds(), { burstEndSecond: 15, baselineP95: 20 });
    expect(read).toBe(20);
  });
});
