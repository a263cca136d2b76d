import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_FAULTS } from '../../../shop/shop-faults.ts';
import { spawnShop } from '../../../shop/spawn-shop.ts';
import { eventually, firstLine, isRunning, startTs } from './process-helpers.ts';
import { trackSpawnedShops } from './track-spawned-shops.ts';

const LEAVER = fileURLToPath(new URL('./fixtures/spawn-and-leave.ts', import.meta.url));

const spawnTracked = trackSpawnedShops(afterEach);

describe('spawnShop', () => {
  it('starts the shop in a child process and stops it', async () => {
    const shop = await spawnTracked({ productCount: 25 });
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shop.pid).not.toBe(process.pid);
    expect(isRunning(shop.pid)).toBe(true);
    expect(await (await fetch(`${shop.url}/catalog`)).json()).toEqual({ count: 25, minId: 1, maxId: 25 });

    await shop.stop();
    expect(isRunning(shop.pid)).toBe(false);
    await expect(fetch(`${shop.url}/health`)).rejects.toThrow();
    await shop.stop(); // a second stop is harmless
  });

  it('honours SHOP_FAULTS from the env option', async () => {
    const shop = await spawnTracked({ productCount: 5, env: { SHOP_FAULTS: '{"errorRate":1,"extraLatencyMs":20}' } });
    expect(await (await fetch(`${shop.url}/admin/faults`)).json()).toEqual({ ...DEFAULT_SHOP_FAULTS, extraLatencyMs: 20, errorRate: 1 });
    expect((await fetch(`${shop.url}/products/1`)).status).toBe(500);
  });

  it('rejects with the child stderr when the shop cannot start', async () => {
    await expect(spawnShop({ env: { SHOP_FAULTS: '{"errorRate":7}' } })).rejects.toThrow(
      /shop child exited \(code 2\) before listening; its stderr: shop: invalid fault errorRate in SHOP_FAULTS; expected a number from 0 to 1, got 7/,
    );
  });

  it('stops the child and rejects with the reason when the signal aborts the start, telling onSpawn its pid first', async () => {
    const controller = new AbortController();
    let spawned: { pid: number; script: string } | undefined;
    const starting = spawnShop({ signal: controller.signal, onSpawn: (child) => (spawned = child) });
    expect(spawned?.script).toMatch(/shop\/main\.ts$/);
    controller.abort(new Error('Ctrl-C'));
    await expect(starting).rejects.toThrow('Ctrl-C');
    expect(isRunning(spawned!.pid)).toBe(false);
  });

  it('starts the gRPC Inventory server when given grpcPort and reports its address', async () => {
    const shop = await spawnTracked({ productCount: 5, grpcPort: 0 });
    expect(shop.grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await spawnTracked({ productCount: 1 })).grpcAddress).toBeUndefined();
  });

  it('settles exited with the exit code when the child ends', async () => {
    const shop = await spawnTracked({ productCount: 1 });
    await shop.stop();
    expect(await shop.exited).toEqual({ code: 0, signal: null });
  });

  it('listens on the port it is given', async () => {
    const probe = await spawnTracked({ productCount: 1 });
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const shop = await spawnTracked({ port, productCount: 1 });
    expect(shop.url).toBe(`http://127.0.0.1:${port}`);
  });

  it('kills the child when its parent exits without calling stop()', async () => {
    const parent = startTs(LEAVER);
    const { pid } = JSON.parse(await firstLine(parent)) as { pid: number };
    // The parent exiting on its own also proves the child does not keep it alive.
    expect((await parent.exited).code).toBe(0);
    await eventually(() => !isRunning(pid), `shop child ${pid} is gone`);
  });

  it('closes the child when its parent is killed outright', async () => {
    const parent = startTs(LEAVER, ['hang']);
    const { pid } = JSON.parse(await firstLine(parent)) as { pid: number };
    expect(isRunning(pid)).toBe(true);
    parent.kill('SIGKILL');
    await parent.exited;
    await eventually(() => !isRunning(pid), `shop child ${pid} is gone`);
  });
});
