import type { FaultEffects } from './fault-effects.ts';
import type { InventoryStore } from './inventory-store.ts';
import type { OrderEvents } from './order-events.ts';
import type { OrderStore } from './order-store.ts';
import type { ProductReader } from './product-reader.ts';
import type { ProductStore } from './product-store.ts';
import type { ShopFaults } from './shop-faults.ts';
import type { ShopMetrics } from './shop-metrics.ts';

/** What every route and gRPC handler can reach. One per running shop; startShop builds it. */
export interface ShopContext {
  readonly store: ProductStore;
  readonly readProduct: ProductReader;
  readonly orders: OrderStore;
  readonly inventory: InventoryStore;
  /** Where OrderCreated events go; undefined when the shop runs without Kafka. */
  readonly orderEvents: OrderEvents | undefined;
  readonly metrics: ShopMetrics;
  /**
   * The faults in force. PUT /admin/faults replaces the whole object rather than mutating it, so a
   * request that already read it keeps a consistent set.
   */
  faults: ShopFaults;
  /** Applies the process-wide knobs of a new fault set; call it whenever faults is replaced. */
  readonly faultEffects: FaultEffects;
}
