import { LRUCache } from 'lru-cache';
import type { ProductStore } from './product-store.ts';
import type { ShopMetrics } from './shop-metrics.ts';

/** One product read: the product as JSON text and whether the cache answered. */
export interface ProductRead {
  json: string;
  cache: 'HIT' | 'MISS';
}

/** Reads a product by id through the LRU cache; undefined for an unknown id. */
export type ProductReader = (id: number) => ProductRead | undefined;

/**
 * Puts an LRU cache of serialized products in front of the store. Unknown ids are not cached, so a
 * scan of bad ids cannot evict real products.
 *
 * @param cacheSize entries the cache holds; 0 turns it off (lru-cache refuses a max of 0)
 */
export function createProductReader(store: ProductStore, cacheSize: number, metrics: ShopMetrics): ProductReader {
  const cache = cacheSize > 0 ? new LRUCache<number, string>({ max: cacheSize }) : undefined;
  return (id) => {
    const cached = cache?.get(id);
    if (cached !== undefined) {
      metrics.cacheHits.inc();
      return { json: cached, cache: 'HIT' };
    }
    metrics.cacheMisses.inc();
    const product = store.get(id);
    if (product === undefined) return undefined;
    const json = JSON.stringify(product);
    cache?.set(id, json);
    return { json, cache: 'MISS' };
  };
}
