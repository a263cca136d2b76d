// The shop's public entry: what the engine's integration tests, scripts and benchmarks use.
export { startShop, type RunningShop } from './start-shop.ts';
export { spawnShop, type SpawnShopOptions, type SpawnedShop } from './spawn-shop.ts';
export { DEFAULT_SHOP_OPTIONS, type ShopOptions } from './shop-options.ts';
export { DEFAULT_SHOP_FAULTS, parseShopFaults, type ShopFaults } from './shop-faults.ts';
export { generateProduct, type Product } from './generate-product.ts';
export type { Catalog } from './product-store.ts';
export { ShopError } from './shop-error.ts';
