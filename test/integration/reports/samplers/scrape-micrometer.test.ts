import { afterEach, describe, expect, it } from 'vitest';
import { deriveSaturation, scrapePrometheus } from '../../../../reports/samplers/index.ts';
import { startMicrometerFixture, type JvmState } from './micrometer-fixture.ts';

const before: JvmState = {
  heapEden: 5.24288e7, heapOld: 3.1457280e7, nonHeap: 8.4e7, gcCount: 40, gcSum: 0.32, gcMax: 0.012, threads: 31, queued: 4, cpuUsage: 0.125,
};
const after: JvmState = { ...before, heapEden: 6.291456e7, gcCount: 47, gcSum: 0.39, gcMax: 0.018, threads: 33, queued: 9, cpuUsage: 0.5 };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('scraping a JVM/Micrometer endpoint over HTTP', () => {
  it('derives heap, GC pauses, executor queue, threads and CPU from the Micrometer names', async () => {
    const fixture = await startMicrometerFixture([before, after]);
    close = fixture.close;
    const previous = await scrapePrometheus(fixture.url);
    const current = await scrapePrometheus(fixture.url);

    const saturation = deriveSaturation({ previous, current });

    // Heap areas only: Eden + Old + Survivor, not Metaspace or CodeCache.
    expect(saturation.heapUsedBytes).toBe(6.291456e7 + 3.145728e7);
    // The major GC's series did not change, so only the minor pauses count.
    expect(saturation.gcPauses?.count).toBe(7);
    expect(saturation.gcPauses?.seconds).toBeCloseTo(0.07, 9);
    expect(saturation.gcPauses?.maxSeconds).toBe(0.018);
    expect(saturation.queuedTasks).toBe(10);
    expect(saturation.threads).toBe(33);
    expect(saturation.cpuPercent).toBe(50);
    expect(saturation.eventLoopLagSeconds).toBeUndefined();
  });

  it('fails with the status when the endpoint answers 404', async () => {
    const fixture = await startMicrometerFixture([before]);
    close = fixture.close;
    await expect(scrapePrometheus(fixture.url.replace('/actuator/prometheus', '/metrics'))).rejects.toThrow(/HTTP 404/);
  });
});
