import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { errorReply, JSON_CONTENT_TYPE, type Reply } from './reply.ts';
import { faultDelayMs, injectsError } from './request-faults.ts';
import type { ShopContext } from './shop-context.ts';
import { ShopError } from './shop-error.ts';
import { matchRoute, type Route } from './shop-routes.ts';
import { sleepUntil } from './sleep-until.ts';

const INJECTED_ERROR = errorReply(500, 'injected fault: errorRate');
const INTERNAL_ERROR = errorReply(500, 'internal error; see the shop log');

/**
 * The shop's whole request path: route, fault injection, handler, delay, write, metrics. It runs for
 * every request of a load test, so it avoids URL parsing and allocations beyond the reply itself.
 */
export function createRequestListener(shop: ShopContext): RequestListener {
  return (req, res) => {
    const start = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const route = matchRoute(req.method ?? 'GET', path);
    // Read once: a PUT /admin/faults arriving meanwhile must not change this request halfway.
    const faults = shop.faults;

    if (route.faulty && injectsError(faults)) {
      respond(shop, route, req, res, start, INJECTED_ERROR, faults.extraLatencyMs);
      return;
    }

    let outcome: Reply | Promise<Reply>;
    try {
      outcome = route.handle(shop, req, path, q === -1 ? '' : url.slice(q + 1));
    } catch (error) {
      outcome = replyForError(error);
    }
    const afterHandler = (reply: Reply): void => {
      const delayMs = route.faulty ? faultDelayMs(faults, performance.now() - start) : 0;
      respond(shop, route, req, res, start, reply, delayMs);
    };
    if (outcome instanceof Promise) outcome.then(afterHandler, (error: unknown) => afterHandler(replyForError(error)));
    else afterHandler(outcome);
  };
}

function respond(
  shop: ShopContext,
  route: Route,
  req: IncomingMessage,
  res: ServerResponse,
  start: number,
  reply: Reply,
  delayMs: number,
): void {
  if (delayMs <= 0) {
    send(shop, route, req, res, start, reply);
    return;
  }
  void sleepUntil(performance.now() + delayMs).then(() => send(shop, route, req, res, start, reply));
}

function send(
  shop: ShopContext,
  route: Route,
  req: IncomingMessage,
  res: ServerResponse,
  start: number,
  reply: Reply,
): void {
  // The client may have given up during an injected delay; nothing was delivered, so nothing is recorded.
  if (res.destroyed) return;
  const headers: OutgoingHttpHeaders = {
    'content-type': reply.contentType ?? JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(reply.body),
  };
  if (reply.cache !== undefined) headers['x-cache'] = reply.cache;
  if (reply.replayed) headers['idempotent-replayed'] = 'true';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
  shop.metrics.observeRequest(req.method ?? 'GET', route.template, reply.status, (performance.now() - start) / 1000);
}

function replyForError(error: unknown): Reply {
  if (error instanceof ShopError) return errorReply(400, error.message);
  console.error('shop: unexpected error while handling a request:', error);
  return INTERNAL_ERROR;
}
