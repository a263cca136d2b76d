// The shop's public entry: what the engine's integration tests, scripts and benchmarks use.
export { startShop, type RunningShop } from './start-shop.ts';
export { spawnShop, type ShopExit, type SpawnShopOptions, type SpawnedShop } from './spawn-shop.ts';
export { DEFAULT_SHOP_OPTIONS, type ShopOptions } from './shop-options.ts';
export type { ShopKafkaOptions } from './shop-kafka-options.ts';
export { DEFAULT_SHOP_FAULTS, parseShopFaults, type ShopFaults } from './shop-faults.ts';
export { CRASH_EXIT_CODE } from './fault-effects.ts';
export { generateProduct, type Product } from './generate-product.ts';
export type { Catalog } from './product-store.ts';
export type { OrderCreated } from './order-events.ts';
export type { HubMessage } from './hub-message.ts';
export { INVENTORY_PROTO_PATH } from './start-inventory-server.ts';
export { WS_HUB_PATH } from './ws-hub.ts';
export { ShopError } from './shop-error.ts';
