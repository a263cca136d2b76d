import type { RouteHandler } from './shop-routes.ts';

const HEALTHY = JSON.stringify({ status: 'ok' });

/** GET /health: answers as soon as the shop listens; startup (seeding) is over by then. */
export const getHealth: RouteHandler = () => ({ status: 200, body: HEALTHY });

/** GET /metrics: Prometheus text exposition of the shop's own registry. */
export const getMetrics: RouteHandler = async (shop) => ({
  status: 200,
  body: await shop.metrics.registry.metrics(),
  contentType: shop.metrics.registry.contentType,
});
