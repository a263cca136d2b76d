import { fileURLToPath } from 'node:url';
import { Metadata, Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const PROTO = fileURLToPath(new URL('../../../proto/inventory.proto', import.meta.url));

export interface InventoryGrpcServer {
  address: string;
  /** Calls received, by method name. */
  calls: Record<string, number>;
  /** Metadata values of `x-test-run` seen, to prove request metadata arrives. */
  runTags: string[];
  /** The `traceparent` metadata of every call, in arrival order; undefined for a call without one. */
  traceparents: (string | undefined)[];
  /** Client addresses (ip:port) seen: one per TCP connection. */
  peers: Set<string>;
  /** Calls the client cancelled before they were answered. */
  cancelled: () => number;
  close(): Promise<void>;
}

type Request = Record<string, unknown>;

/**
 * A real gRPC Inventory server on loopback, implementing proto/inventory.proto for the module's tests.
 * Every answer waits `delayMs`, or the request's `x-delay-ms` metadata, so calls can outlast deadlines.
 */
export async function startInventoryGrpcServer({ delayMs = 0 }: { delayMs?: number } = {}): Promise<InventoryGrpcServer> {
  const definition = loadSync(PROTO, { keepCase: true, longs: String, defaults: true });
  const calls: Record<string, number> = { GetStock: 0, Reserve: 0 };
  const runTags: string[] = [];
  const traceparents: (string | undefined)[] = [];
  const peers = new Set<string>();
  let cancelled = 0;
  const reservations = new Map<string, number>();
  const server = new Server();

  function answer<T>(name: string, call: ServerUnaryCall<Request, T>, callback: sendUnaryData<T>, reply: () => T | Error): void {
    calls[name] = (calls[name] ?? 0) + 1;
    peers.add(call.getPeer());
    call.on('cancelled', () => cancelled++);
    const run = call.metadata.get('x-test-run')[0];
    if (typeof run === 'string') runTags.push(run);
    const traceparent = call.metadata.get('traceparent')[0];
    traceparents.push(typeof traceparent === 'string' ? traceparent : undefined);
    const delay = Number(call.metadata.get('x-delay-ms')[0] ?? delayMs);
    const respond = () => {
      if (call.cancelled) return;
      const result = reply();
      const trailers = new Metadata();
      trailers.set('x-served-by', 'inventory-test');
      if (result instanceof Error) callback(Object.assign(result, { code: status.FAILED_PRECONDITION, metadata: trailers }));
      else callback(null, result, trailers);
    };
    if (delay > 0) setTimeout(respond, delay);
    else respond();
  }

  server.addService(definition['inventory.v1.Inventory'] as never, {
    GetStock: (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) =>
      answer('GetStock', call, callback, () => {
        const id = Number(call.request.product_id);
        return { product_id: String(id), available: 100 + (id % 7), reserved: reservations.size };
      }),
    Reserve: (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) =>
      answer('Reserve', call, callback, () => {
        const quantity = Number(call.request.quantity);
        if (quantity > 100) return new Error(`only 100 units of product ${String(call.request.product_id)} in stock`);
        const id = String(call.request.reservation_id);
        reservations.set(id, quantity);
        return { reservation_id: id, remaining: 100 - quantity };
      }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    calls,
    runTags,
    traceparents,
    peers,
    cancelled: () => cancelled,
    close: () =>
      new Promise((resolve) => {
        server.tryShutdown(() => resolve());
        // Calls still held by a delay would keep a graceful shutdown waiting.
        setTimeout(() => server.forceShutdown(), 200).unref();
      }),
  };
}
