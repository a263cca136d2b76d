import { describe, expect, it } from 'vitest';
import { percentilesOver } from '../../../../reports/analysis/percentiles-over.ts';
import { readTimeline } from '../../../../reports/analysis/read-timeline.ts';
import { seededRandom } from '../../../../lib/seeded-random.ts';
import { exactPercentile, tempRunDir, trendDelta, writeTimeline } from './timeline-fixture.ts';

describe('percentilesOver', () => {
  it('equals the percentiles of the raw samples of the window within HDR precision (0.1%)', async () => {
    const random = seededRandom(42);
    const raw: number[][] = [];
    const seconds = [];
    for (let second = 0; second < 10; second++) {
      // Log-normal-ish latencies from 2 ms to a few seconds, split over two tag sets of the same scenario.
      const values = Array.from({ length: 2000 }, () => 2 * Math.exp(random() * 7));
      raw.push(values);
      seconds.push([
        trendDelta('http_req_duration', { scenario: 'a', status: '200' }, values.slice(0, 1500)),
        trendDelta('http_req_duration', { scenario: 'a', status: '500' }, values.slice(1500)),
        trendDelta('http_req_duration', { scenario: 'b' }, [99_999]),
      ]);
    }
    const path = await writeTimeline(tempRunDir(), seconds);

    const stats = await percentilesOver(readTimeline(path), { from: 3, to: 7 }, { metric: 'http_req_duration', tags: { scenario: 'a' } });

    const window = raw.slice(3, 7).flat();
    expect(stats!.count).toBe(window.length);
    expect(stats!.min).toBe(Math.min(...window));
    expect(stats!.max).toBe(Math.max(...window));
    for (const [p, value] of [
      [50, stats!.p50],
      [95, stats!.p95],
      [99, stats!.p99],
    ] as const) {
      const exact = exactPercentile(window, p);
      expect(Math.abs(value - exact) / exact, `p(${p}): ${value} vs ${exact}`).toBeLessThanOrEqual(0.001);
    }
  });

  it('gives undefined for a window without samples', async () => {
    const path = await writeTimeline(tempRunDir(), [[trendDelta('http_req_duration', { scenario: 'a' }, [5])]]);
    expect(await percentilesOver(readTimeline(path), { from: 1, to: 5 }, { metric: 'http_req_duration' })).toBeUndefined();
  });
});
