import type { ProductReader } from './product-reader.ts';
import type { ProductStore } from './product-store.ts';
import type { ShopFaults } from './shop-faults.ts';
import type { ShopMetrics } from './shop-metrics.ts';

/** What every route handler can reach. One per running shop; startShop builds it. */
export interface ShopContext {
  readonly store: ProductStore;
  readonly readProduct: ProductReader;
  readonly metrics: ShopMetrics;
  /**
   * The faults in force. PUT /admin/faults replaces the whole object rather than mutating it, so a
   * request that already read it keeps a consistent set.
   */
  faults: ShopFaults;
}
