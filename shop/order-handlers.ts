import type { IncomingHttpHeaders } from 'node:http';
import { parseOrderRequest } from './order-request.ts';
import { readBody } from './read-body.ts';
import { errorReply, jsonReply, type Reply } from './reply.ts';
import { ShopError, shown } from './shop-error.ts';
import type { RouteHandler } from './shop-routes.ts';

// 50 items of about 40 bytes each plus a customer id come to a few KiB; this leaves room for whitespace.
const MAX_ORDER_BYTES = 64 * 1024;
const MAX_KEY_LENGTH = 255;

/**
 * POST /orders: validates the body, stores the order under its Idempotency-Key and answers 201 with
 * `{ orderId, totalCents, items }`.
 *
 * - Replaying a key with the same body answers 201 with the original order again and the header
 *   `Idempotent-Replayed: true`, so a client retrying after a timeout sees the answer it missed; nothing
 *   is stored or published twice.
 * - Reusing a key with a different body answers 409.
 * - With Kafka configured, the response waits for the OrderCreated event's ack, up to the publish
 *   timeout: the event is part of what an order promises, and a slow broker should show in the order's
 *   latency rather than be hidden.
 */
export const postOrder: RouteHandler = async (shop, req) => {
  const key = idempotencyKey(req.headers);
  const request = parseOrderRequest(await readBody(req, MAX_ORDER_BYTES));
  const outcome = shop.orders.place(key, request, Date.now());
  shop.metrics.countOrder(outcome.kind);
  switch (outcome.kind) {
    case 'created': {
      const { order, customerId, createdAt } = outcome;
      const reply = jsonReply(201, order);
      await shop.orderEvents?.publish({
        type: 'OrderCreated',
        ...order,
        ...(customerId === undefined ? {} : { customerId }),
        createdAt: new Date(createdAt).toISOString(),
      });
      return reply;
    }
    case 'replayed':
      return { ...jsonReply(201, outcome.order), replayed: true } satisfies Reply;
    case 'conflict':
      return errorReply(
        409,
        `Idempotency-Key ${shown(key)} was already used for order ${outcome.orderId} with a different body; expected a new key for a new order`,
      );
    default:
      return outcome satisfies never;
  }
};

function idempotencyKey(headers: IncomingHttpHeaders): string {
  const key = headers['idempotency-key'];
  if (key === undefined) {
    throw new ShopError('missing Idempotency-Key header; expected a unique key per order, such as a UUID');
  }
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new ShopError(`invalid Idempotency-Key header; expected 1 to ${MAX_KEY_LENGTH} characters, got ${shown(key)}`);
  }
  return key;
}
