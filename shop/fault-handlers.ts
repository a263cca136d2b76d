import { readBody } from './read-body.ts';
import { jsonReply } from './reply.ts';
import { parseShopFaultsJson } from './shop-faults.ts';
import type { RouteHandler } from './shop-routes.ts';

// A fault set is a few dozen bytes; anything near this size is a mistake.
const MAX_BODY_BYTES = 16 * 1024;

/** GET /admin/faults: the faults in force. */
export const getFaults: RouteHandler = (shop) => jsonReply(200, shop.faults);

/**
 * PUT /admin/faults: replaces the fault set. Knobs left out return to their defaults, so `{}` clears
 * every fault and the same body always gives the same result. Answers with the resulting set.
 */
export const putFaults: RouteHandler = async (shop, req) => {
  const body = await readBody(req, MAX_BODY_BYTES);
  shop.faults = parseShopFaultsJson(body, 'PUT /admin/faults');
  shop.faultEffects.apply(shop.faults);
  return jsonReply(200, shop.faults);
};
