import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientHost } from './client-host.ts';
import { createRequestListener } from './create-request-listener.ts';
import { createFaultEffects } from './fault-effects.ts';
import { openInventoryStore } from './inventory-store.ts';
import { openShopDatabase } from './open-shop-database.ts';
import { openOrderStore } from './order-store.ts';
import { createProductReader } from './product-reader.ts';
import { openProductStore } from './product-store.ts';
import type { ShopContext } from './shop-context.ts';
import { ShopError, shown } from './shop-error.ts';
import { startShopKafka } from './start-shop-kafka.ts';
import { createShopMetrics } from './shop-metrics.ts';
import { resolveShopOptions, type ResolvedShopOptions, type ShopOptions } from './shop-options.ts';
import { startInventoryServer } from './start-inventory-server.ts';
import { attachWsHub } from './ws-hub.ts';

/** A shop listening in this process. */
export interface RunningShop {
  /** Base URL clients use, such as `http://127.0.0.1:41234`; never a wildcard address. The WebSocket hub is at `/ws`. */
  readonly url: string;
  /** `host:port` of the gRPC Inventory server, such as `127.0.0.1:41235`; undefined unless grpcPort was given. */
  readonly grpcAddress?: string;
  /**
   * Stops listening (HTTP, WebSocket, gRPC), waits for open requests (2 s at most), closes the Kafka
   * clients, then the database. Safe to call twice.
   */
  close(): Promise<void>;
}

// Above the 60 s idle timeout common in clients and proxies, so the client side closes an idle
// connection first and never reuses one the shop is closing at the same moment.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
// Node requires headersTimeout to exceed keepAliveTimeout, or it may cut a reused connection early.
const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;
// Requests held by an injected delay would otherwise keep close() waiting as long as the delay.
const CLOSE_GRACE_MS = 2_000;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Seeds the products, connects to Kafka when brokers are given, then starts the HTTP shop (with its
 * WebSocket hub) and, when grpcPort is given, the gRPC Inventory server, all in this process.
 * @throws ShopError for invalid options, an address that cannot be listened on or unreachable brokers
 */
export async function startShop(options: ShopOptions = {}): Promise<RunningShop> {
  const resolved = resolveShopOptions(options);
  const db = openShopDatabase(resolved.dbPath);
  const metrics = createShopMetrics();
  // Whatever has started so far, in start order; a failure or close() stops them in reverse.
  const stops: (() => void | Promise<void>)[] = [() => db.close(), () => metrics.registry.clear()];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop();
  };

  try {
    const store = openProductStore(db, resolved.productCount);
    const kafka = resolved.kafka && (await startShopKafka(resolved.kafka, metrics.registry, log));
    if (kafka) stops.push(kafka.close);
    const faultEffects = createFaultEffects({
      registry: metrics.registry,
      consumer: kafka?.consumer,
      exitOnCrash: resolved.exitOnCrash,
      log,
    });
    stops.push(faultEffects.stop);
    const shop: ShopContext = {
      store,
      readProduct: createProductReader(store, resolved.cacheSize, metrics),
      orders: openOrderStore(db),
      inventory: openInventoryStore(db),
      orderEvents: kafka?.orderEvents,
      metrics,
      faults: resolved.faults,
      faultEffects,
    };
    faultEffects.apply(shop.faults);

    // The listeners close side by side, so held requests on each wait out one grace period, not three.
    const listeners: (() => Promise<void>)[] = [];
    stops.push(async () => {
      await Promise.all(listeners.map((close) => close()));
    });
    const server = createServer(createRequestListener(shop));
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    // Responses are single small writes; Nagle would hold them back waiting for the client's ACK.
    server.on('connection', (socket) => socket.setNoDelay(true));
    const hub = attachWsHub(server, metrics.registry);
    await listen(server, resolved);
    // Upgraded sockets no longer count as HTTP connections, so closeServer cannot cut them; the hub does.
    listeners.push(() => closeServer(server), hub.close);

    const grpc =
      resolved.grpcPort === undefined
        ? undefined
        : await startInventoryServer(shop, metrics.registry, resolved.host, resolved.grpcPort);
    if (grpc) listeners.push(grpc.close);

    const { port } = server.address() as AddressInfo;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${clientHost(resolved.host)}:${port}`,
      ...(grpc === undefined ? {} : { grpcAddress: grpc.address }),
      close: () => (closing ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: Server, resolved: ResolvedShopOptions): Promise<void> {
  const { port, host } = resolved;
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(listenError(error, resolved));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function listenError(error: unknown, { host, port }: ResolvedShopOptions): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new ShopError(
      `port ${port} on ${host} is already in use; expected a free port, pick another or use 0 for any free port`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ShopError(`cannot listen on host ${shown(host)}; expected a local address such as 127.0.0.1`);
  }
  return error;
}
