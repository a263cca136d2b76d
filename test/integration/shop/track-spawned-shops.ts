import { spawnShop, type SpawnedShop } from '../../../shop/spawn-shop.ts';

/** A spawnShop whose children are stopped after each test, registered with the caller's `afterEach`. */
export function trackSpawnedShops(afterEach: (hook: () => Promise<void>) => void): typeof spawnShop {
  const started: SpawnedShop[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((shop) => shop.stop()));
  });
  return async (...args) => {
    const shop = await spawnShop(...args);
    started.push(shop);
    return shop;
  };
}
