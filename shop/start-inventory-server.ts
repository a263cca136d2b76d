import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { Registry } from 'prom-client';
import { clientHost } from './client-host.ts';
import { createInventoryService } from './inventory-service.ts';
import type { ShopContext } from './shop-context.ts';
import { ShopError } from './shop-error.ts';

/** The proto shared with the inventory-grpc scenario. */
export const INVENTORY_PROTO_PATH = fileURLToPath(new URL('../proto/inventory.proto', import.meta.url));

// Same grace as the HTTP server: calls held by an injected delay must not hold close() up for long.
const CLOSE_GRACE_MS = 2_000;

/** The gRPC Inventory server of a running shop. */
export interface InventoryServer {
  /** `host:port` as gRPC clients dial it, such as `127.0.0.1:41235`. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * Serves inventory.v1.Inventory on host:port (0 picks a free port), plaintext.
 * @throws ShopError when the port cannot be bound
 */
export async function startInventoryServer(
  shop: ShopContext,
  registry: Registry,
  host: string,
  port: number,
): Promise<InventoryServer> {
  // keepCase keeps the proto's field names (product_id), longs as numbers suit ids and counts far below 2^53.
  const definition = loadSync(INVENTORY_PROTO_PATH, { keepCase: true, longs: Number, enums: String, defaults: true });
  const inventory = (loadPackageDefinition(definition) as unknown as InventoryPackage).inventory.v1.Inventory;

  const server = new Server();
  server.addService(inventory.service, createInventoryService(shop, registry));
  const target = `${clientHost(host)}:${port}`;
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(target, ServerCredentials.createInsecure(), (error, bound) => {
      if (error) {
        server.forceShutdown();
        reject(new ShopError(`cannot serve gRPC on ${target} (${error.message}); expected a free port, or 0 for any free port`));
      } else {
        resolve(bound);
      }
    });
  });

  let closing: Promise<void> | undefined;
  return {
    address: `${clientHost(host)}:${boundPort}`,
    close: () =>
      (closing ??= new Promise((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), CLOSE_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      })),
  };
}

interface InventoryPackage {
  inventory: { v1: { Inventory: { service: ServiceDefinition } } };
}
