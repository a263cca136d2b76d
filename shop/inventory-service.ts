import { status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { Histogram, type Registry } from 'prom-client';
import type { InventoryStore } from './inventory-store.ts';
import { faultDelayMs, injectsError } from './request-faults.ts';
import type { ShopContext } from './shop-context.ts';
import { DURATION_BUCKETS } from './shop-metrics.ts';
import { sleepUntil } from './sleep-until.ts';

/** Request and reply messages of proto/inventory.proto, as proto-loader decodes them (keepCase, longs as numbers). */
interface GetStockRequest {
  product_id: number;
}
interface StockReply {
  product_id: number;
  available: number;
  reserved: number;
}
interface ReserveRequest {
  product_id: number;
  quantity: number;
  reservation_id: string;
}
interface ReserveReply {
  reservation_id: string;
  remaining: number;
}

/** A handler's answer: a reply, or a status code with details for the client. */
type Outcome<Reply> = { reply: Reply } | { code: status; details: string };

const MAX_RESERVATION_ID_LENGTH = 255;

function getStock(store: InventoryStore, { product_id }: GetStockRequest): Outcome<StockReply> {
  const level = store.stock(product_id);
  if (level === undefined) return { code: status.NOT_FOUND, details: `no product with id ${product_id}` };
  return { reply: { product_id, available: level.available, reserved: level.reserved } };
}

function reserve(store: InventoryStore, request: ReserveRequest): Outcome<ReserveReply> {
  const { product_id, quantity, reservation_id } = request;
  if (!Number.isInteger(quantity) || quantity < 1) {
    return { code: status.INVALID_ARGUMENT, details: `invalid quantity; expected a positive integer, got ${quantity}` };
  }
  if (reservation_id.length === 0 || reservation_id.length > MAX_RESERVATION_ID_LENGTH) {
    return {
      code: status.INVALID_ARGUMENT,
      details: `invalid reservation_id; expected 1 to ${MAX_RESERVATION_ID_LENGTH} characters, got ${JSON.stringify(reservation_id)}`,
    };
  }
  const outcome = store.reserve(reservation_id, product_id, quantity);
  switch (outcome.kind) {
    case 'reserved':
      return { reply: { reservation_id, remaining: outcome.remaining } };
    case 'unknown-product':
      return { code: status.NOT_FOUND, details: `no product with id ${product_id}` };
    case 'short':
      return {
        code: status.FAILED_PRECONDITION,
        details: `insufficient stock for product ${product_id}; asked for ${quantity}, ${outcome.available} available`,
      };
    case 'mismatch':
      return {
        code: status.ALREADY_EXISTS,
        details: `reservation_id ${JSON.stringify(reservation_id)} already holds ${outcome.quantity} of product ${outcome.productId}; expected a new id for a different reservation`,
      };
    default:
      return outcome satisfies never;
  }
}

/**
 * The inventory.v1.Inventory implementation, with the shop's faults applied as on HTTP routes: errorRate
 * answers UNAVAILABLE without running the handler, latency knobs hold the answer back. Handlers run
 * synchronously on SQLite, so a call costs no more than its two statements.
 */
export function createInventoryService(shop: ShopContext, registry: Registry): UntypedServiceImplementation {
  const duration = new Histogram({
    name: 'grpc_server_handling_seconds',
    help: 'Time from receiving a gRPC call to answering it, injected fault latency included; code is the gRPC status name.',
    labelNames: ['method', 'code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  function unary<Request, Reply>(
    method: string,
    handle: (store: InventoryStore, request: Request) => Outcome<Reply>,
  ): (call: ServerUnaryCall<Request, Reply>, callback: sendUnaryData<Reply>) => void {
    return (call, callback) => {
      const start = performance.now();
      // Read once, as the HTTP listener does, so a fault change cannot affect a call halfway.
      const faults = shop.faults;
      let outcome: Outcome<Reply>;
      let delayMs: number;
      if (injectsError(faults)) {
        outcome = { code: status.UNAVAILABLE, details: 'injected fault: errorRate' };
        delayMs = faults.extraLatencyMs;
      } else {
        try {
          outcome = handle(shop.inventory, call.request);
        } catch (error) {
          console.error(`shop: unexpected error in gRPC ${method}:`, error);
          outcome = { code: status.INTERNAL, details: 'internal error; see the shop log' };
        }
        delayMs = faultDelayMs(faults, performance.now() - start);
      }
      const answer = (): void => {
        // The client gave up (deadline or cancel) during an injected delay: nothing is delivered or recorded.
        if (call.cancelled) return;
        if ('reply' in outcome) callback(null, outcome.reply);
        else callback({ code: outcome.code, details: outcome.details });
        const code = 'reply' in outcome ? status.OK : outcome.code;
        duration.labels(method, status[code]).observe((performance.now() - start) / 1000);
      };
      if (delayMs <= 0) answer();
      else void sleepUntil(performance.now() + delayMs).then(answer);
    };
  }

  return {
    GetStock: unary('GetStock', getStock),
    Reserve: unary('Reserve', reserve),
  };
}
