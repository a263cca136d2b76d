import { errorReply, jsonReply, type Reply } from './reply.ts';
import { ShopError, shown } from './shop-error.ts';
import type { RouteHandler } from './shop-routes.ts';

export const PRODUCT_PATH_PREFIX = '/products/';

/** Pages are capped so one request cannot ask SQLite for the whole catalog. */
export const MAX_PAGE_LIMIT = 100;
const DEFAULT_PAGE_LIMIT = 20;

// Any integer is a well-formed id (unknown ones get 404); 15 digits keep it a safe integer.
const ID_PATTERN = /^-?\d{1,15}$/;

/** GET /products/:id: the product, with X-Cache saying whether the LRU cache answered. */
export const getProduct: RouteHandler = (shop, _req, path) => {
  const text = path.slice(PRODUCT_PATH_PREFIX.length);
  if (!ID_PATTERN.test(text)) {
    return errorReply(400, `invalid product id; expected an integer such as /products/42, got ${shown(text)}`);
  }
  const id = Number(text);
  const read = shop.readProduct(id);
  if (read === undefined) return { ...errorReply(404, `no product with id ${id}`), cache: 'MISS' };
  return { status: 200, body: read.json, cache: read.cache };
};

/** GET /products?limit=N&offset=M: a page in id order, straight from SQLite (lists are not cached). */
export const listProducts: RouteHandler = (shop, _req, _path, query) => {
  const params = new URLSearchParams(query);
  const limit = Math.min(queryInteger(params, 'limit', DEFAULT_PAGE_LIMIT), MAX_PAGE_LIMIT);
  const offset = queryInteger(params, 'offset', 0);
  const items = shop.store.list(limit, offset);
  return jsonReply(200, { items, limit, offset, total: shop.store.catalog.count });
};

/** GET /catalog: the id range, so load scripts draw ids that exist. */
export const getCatalog: RouteHandler = (shop): Reply => jsonReply(200, shop.store.catalog);

function queryInteger(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null) return fallback;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  throw new ShopError(`invalid ${name}; expected a non-negative integer such as ?${name}=10, got ${shown(text)}`);
}
