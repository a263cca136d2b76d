import { afterEach, describe, expect, it } from 'vitest';
import { CRASH_EXIT_CODE } from '../../../shop/fault-effects.ts';
import { startShop } from '../../../shop/start-shop.ts';
import { isRunning } from './process-helpers.ts';
import { trackSpawnedShops } from './track-spawned-shops.ts';

const MB = 1024 * 1024;

const spawnTracked = trackSpawnedShops(afterEach);

async function sample(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
}

const putFaults = (url: string, body: string) => fetch(`${url}/admin/faults`, { method: 'PUT', body }).then((r) => r.json());

describe('leakMbPerMin', () => {
  it('raises the heap at about the set rate, and releases it when set back to 0', async () => {
    const shop = await spawnTracked({ productCount: 10 });
    const heapBefore = await sample(shop.url, 'nodejs_heap_size_used_bytes');
    await putFaults(shop.url, '{"leakMbPerMin":1024}'); // about 17 MB a second
    await new Promise((resolve) => setTimeout(resolve, 3_500));

    const leaked = await sample(shop.url, 'shop_fault_leaked_bytes');
    expect(leaked).toBeGreaterThanOrEqual(40 * MB);
    expect(leaked).toBeLessThanOrEqual(70 * MB);
    expect(await sample(shop.url, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(heapBefore + 30 * MB);

    await putFaults(shop.url, '{}');
    expect(await sample(shop.url, 'shop_fault_leaked_bytes')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await sample(shop.url, 'shop_fault_leaked_bytes')).toBe(0);
  });
});

describe('crashAfterS', () => {
  it('exits the shop child with code 70 after the seconds given in SHOP_FAULTS', async () => {
    const shop = await spawnTracked({ productCount: 10, env: { SHOP_FAULTS: '{"crashAfterS":1.5}' } });
    const start = performance.now();
    expect((await fetch(`${shop.url}/health`)).status).toBe(200);
    expect(await shop.exited).toEqual({ code: CRASH_EXIT_CODE, signal: null });
    expect(performance.now() - start).toBeGreaterThanOrEqual(1_000);
    expect(isRunning(shop.pid)).toBe(false);
  });

  it('exits the shop child when set at runtime through PUT /admin/faults, and not when cancelled first', async () => {
    const shop = await spawnTracked({ productCount: 10 });
    await putFaults(shop.url, '{"crashAfterS":1}');
    await putFaults(shop.url, '{}');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await fetch(`${shop.url}/health`)).status).toBe(200);

    await putFaults(shop.url, '{"crashAfterS":0.5}');
    expect((await shop.exited).code).toBe(CRASH_EXIT_CODE);
  });

  it('keeps an in-process shop running, since exiting would end the host process', async () => {
    const shop = await startShop({ productCount: 1, faults: { crashAfterS: 0.2 } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await fetch(`${shop.url}/health`)).status).toBe(200);
    } finally {
      await shop.close();
    }
  });
});
