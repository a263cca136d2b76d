import type { IncomingMessage } from 'node:http';
import { getFaults, putFaults } from './fault-handlers.ts';
import { getHealth, getMetrics } from './ops-handlers.ts';
import { postOrder } from './order-handlers.ts';
import { getCatalog, getProduct, listProducts, PRODUCT_PATH_PREFIX } from './product-handlers.ts';
import { errorReply, type Reply } from './reply.ts';
import type { ShopContext } from './shop-context.ts';

/** Handles one request; path has the query string removed, query is the text after `?` (or ''). */
export type RouteHandler = (
  shop: ShopContext,
  req: IncomingMessage,
  path: string,
  query: string,
) => Reply | Promise<Reply>;

export interface Route {
  /** The metrics route label: a template, never the raw path, so label cardinality stays bounded. */
  readonly template: string;
  /** Whether faults apply. Only business routes take them, so /health, /metrics and /admin stay usable. */
  readonly faulty: boolean;
  readonly handle: RouteHandler;
}

/** Every route the shop serves, keyed by `METHOD path`. */
export const SHOP_ROUTES = {
  'GET /products/:id': { template: '/products/:id', faulty: true, handle: getProduct },
  'GET /products': { template: '/products', faulty: true, handle: listProducts },
  'GET /catalog': { template: '/catalog', faulty: true, handle: getCatalog },
  'POST /orders': { template: '/orders', faulty: true, handle: postOrder },
  'GET /health': { template: '/health', faulty: false, handle: getHealth },
  'GET /metrics': { template: '/metrics', faulty: false, handle: getMetrics },
  'GET /admin/faults': { template: '/admin/faults', faulty: false, handle: getFaults },
  'PUT /admin/faults': { template: '/admin/faults', faulty: false, handle: putFaults },
} as const satisfies Record<string, Route>;

// A Map rather than the object: request paths cannot reach Object.prototype names through it.
const EXACT_ROUTES = new Map<string, Route>(Object.entries(SHOP_ROUTES));
const ROUTE_LIST = Object.keys(SHOP_ROUTES).join(', ');

const NOT_FOUND: Route = {
  template: 'unmatched',
  faulty: false,
  handle: (_shop, req, path) => errorReply(404, `no route for ${req.method} ${path}; expected one of ${ROUTE_LIST}`),
};

/** The route for a request; unknown ones get a 404 route rather than undefined, so callers need no branch. */
export function matchRoute(method: string, path: string): Route {
  const exact = EXACT_ROUTES.get(`${method} ${path}`);
  if (exact !== undefined) return exact;
  if (
    method === 'GET' &&
    path.startsWith(PRODUCT_PATH_PREFIX) &&
    path.indexOf('/', PRODUCT_PATH_PREFIX.length) === -1
  ) {
    return SHOP_ROUTES['GET /products/:id'];
  }
  return NOT_FOUND;
}
