import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OrderOutcome } from './order-store.ts';

/** The shop's Prometheus metrics, on a registry of its own so one process can run several shops. */
export interface ShopMetrics {
  readonly registry: Registry;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  /** Records one answered request; route is the route's template, never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts one POST /orders that reached the store, by what it came to. */
  countOrder(outcome: OrderOutcome['kind']): void;
}

// Sub-millisecond buckets because cached reads answer in well under 1 ms; 0.04, 0.12 and 0.18 match the
// p95 budgets of Inventory gRPC, Product GET and Order POST (docs/runbook.md §10), so a budget breach
// shows as a bucket boundary.
export const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.04, 0.05, 0.1, 0.12, 0.18, 0.25, 0.5, 1, 2.5, 5, 10,
];

export function createShopMetrics(): ShopMetrics {
  const registry = new Registry();
  // Process CPU, heap, GC and event-loop lag: the saturation signals analysis reads next to latency.
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, injected fault latency included.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: 'shop_cache_hits_total',
    help: 'Product reads answered from the LRU cache.',
    registers: [registry],
  });
  const cacheMisses = new Counter({
    name: 'shop_cache_misses_total',
    help: 'Product reads that went to SQLite.',
    registers: [registry],
  });

  const orders = new Counter({
    name: 'shop_orders_total',
    help: 'POST /orders requests that reached the store: created, replayed (same Idempotency-Key and body) or conflict (same key, other body).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const orderOutcomes = {
    created: orders.labels('created'),
    replayed: orders.labels('replayed'),
    conflict: orders.labels('conflict'),
  } satisfies Record<OrderOutcome['kind'], unknown>;
  // Shown at 0 from the start: prom-client lists a labelled series only once it has a value.
  for (const series of Object.values(orderOutcomes)) series.inc(0);

  // prom-client hashes the label object on every observe; memoizing the child per label set keeps that
  // off the hot path. The key space is small: routes and statuses are the shop's own.
  const children = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();

  return {
    registry,
    cacheHits,
    cacheMisses,
    observeRequest(method, route, status, seconds) {
      const key = `${method} ${route} ${status}`;
      let child = children.get(key);
      if (child === undefined) {
        child = duration.labels(method, route, String(status));
        children.set(key, child);
      }
      child.observe(seconds);
    },
    countOrder(outcome) {
      orderOutcomes[outcome].inc();
    },
  };
}
