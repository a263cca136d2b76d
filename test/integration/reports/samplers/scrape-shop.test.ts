import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSaturation, scrapePrometheus } from '../../../../reports/samplers/index.ts';
import { startShop, type RunningShop } from '../../../../shop/index.ts';

let shop: RunningShop;
beforeAll(async () => {
  shop = await startShop({ productCount: 100 });
});
afterAll(() => shop.close());

/** Keeps this process (the in-process shop's) busy for `ms`, allocating as it goes so the GC runs. */
function burn(ms: number): number {
  const until = performance.now() + ms;
  let kept = 0;
  while (performance.now() < until) kept += Array.from({ length: 1_000 }, (_, i) => ({ i })).length;
  return kept;
}

describe("scraping the reference shop's /metrics (prom-client names)", () => {
  it('derives CPU %, heap, GC pauses and event-loop lag from two scrapes around busy work', async () => {
    const url = `${shop.url}/metrics`;
    const previous = await scrapePrometheus(url);
    burn(400);
    const current = await scrapePrometheus(url);

    const saturation = deriveSaturation({ previous, current });

    // 400 ms of a busy loop in a ~400+ ms window: well above idle, whatever else the machine does.
    expect(saturation.cpuPercent).toBeGreaterThan(30);
    expect(saturation.heapUsedBytes).toBeGreaterThan(1_000_000);
    expect(saturation.heapUsedBytes).toBe(
      current.samples.find((s) => s.name === 'nodejs_heap_size_used_bytes')!.value,
    );
    expect(saturation.gcPauses?.count).toBeGreaterThan(0);
    expect(saturation.gcPauses?.seconds).toBeGreaterThan(0);
    expect(saturation.eventLoopLagSeconds).toBeGreaterThanOrEqual(0);
    expect(saturation.threads).toBeUndefined();
    expect(saturation.queuedTasks).toBeUndefined();
  });
});
