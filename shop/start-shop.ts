import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProductReader } from './product-reader.ts';
import { openProductStore, type ProductStore } from './product-store.ts';
import { createRequestListener } from './create-request-listener.ts';
import type { ShopContext } from './shop-context.ts';
import { ShopError, shown } from './shop-error.ts';
import { createShopMetrics, type ShopMetrics } from './shop-metrics.ts';
import { resolveShopOptions, type ResolvedShopOptions, type ShopOptions } from './shop-options.ts';

/** A shop listening in this process. */
export interface RunningShop {
  /** Base URL clients use, such as `http://127.0.0.1:41234`; never a wildcard address. */
  readonly url: string;
  /** Stops listening, waits for open requests (2 s at most), then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

// Above the 60 s idle timeout common in clients and proxies, so the client side closes an idle
// connection first and never reuses one the shop is closing at the same moment.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
// Node requires headersTimeout to exceed keepAliveTimeout, or it may cut a reused connection early.
const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;
// Requests held by an injected delay would otherwise keep close() waiting as long as the delay.
const CLOSE_GRACE_MS = 2_000;

/**
 * Seeds the products, then starts the HTTP shop in this process.
 * @throws ShopError for invalid options or an address that cannot be listened on
 */
export async function startShop(options: ShopOptions = {}): Promise<RunningShop> {
  const resolved = resolveShopOptions(options);
  const store = openProductStore(resolved.dbPath, resolved.productCount);
  const metrics = createShopMetrics();
  const shop: ShopContext = {
    store,
    readProduct: createProductReader(store, resolved.cacheSize, metrics),
    metrics,
    faults: resolved.faults,
  };

  const server = createServer(createRequestListener(shop));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  // Responses are single small writes; Nagle would hold them back waiting for the client's ACK.
  server.on('connection', (socket) => socket.setNoDelay(true));

  try {
    await listen(server, resolved);
  } catch (error) {
    release(store, metrics);
    throw listenError(error, resolved);
  }

  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}`,
    close: () => (closing ??= closeServer(server).then(() => release(store, metrics))),
  };
}

function listen(server: Server, { port, host }: ResolvedShopOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
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

function release(store: ProductStore, metrics: ShopMetrics): void {
  store.close();
  metrics.registry.clear();
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

/** A wildcard address is where the shop listens, not where clients connect; they use loopback instead. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
