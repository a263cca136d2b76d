import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readServerSamples } from '../../../reports/analysis/read-server-samples.ts';
import { ServerSamplesFold } from '../../../reports/analysis/server-samples-fold.ts';
import { startSamplers } from '../../../reports/samplers/run-samplers.ts';
import { trackSpawnedShops } from '../shop/track-spawned-shops.ts';

const spawnTracked = trackSpawnedShops(afterEach);

describe('a target whose heap leaks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadbook-heap-leak-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is flagged as a suspected leak by the analysis of what the samplers scraped', async () => {
    const shop = await spawnTracked({ productCount: 10 });
    await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{"leakMbPerMin":600}' }); // about 10 MB a second
    const file = join(dir, 'server.ndjson');
    const startedAt = Date.now();
    const samplers = startSamplers({ endpoints: [`${shop.url}/metrics`], intervalMs: 400, file });
    // Six of the leak's one-second steps: enough for a straight-line fit on a busy machine too.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await samplers.stop();

    const fold = new ServerSamplesFold(startedAt, [{ label: 'steady', startMs: 0, endMs: 6_000 }]);
    for await (const sample of readServerSamples(file)) fold.add(sample);
    const { heapTrend } = fold.result(50);
    expect(heapTrend).toMatchObject({ source: `${shop.url}/metrics`, suspectedLeak: true, thresholdMiBPerHour: 50 });
    // Far above the threshold: minutes of leak at 600 MB/min are tens of GiB an hour.
    expect(heapTrend!.slopeMiBPerHour).toBeGreaterThan(1_000);
  });
});
