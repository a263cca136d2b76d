import net from 'node:net';
import { DEFAULT_CONFIG, SHOP_DEFAULT_PORT } from '../lib/config.ts';
import { spawnShop, type SpawnedShop } from '../shop/index.ts';

/** Whether something accepts TCP connections at host:port. */
function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the reference shop when the target is the default local one and nothing serves it yet; a shop
 * the user started (`npm run shop -- --port 3300`) or their own service is used as it is.
 * @returns the shop it started, to stop afterwards, or undefined when it started none.
 */
export async function ensureTarget(baseUrl: string): Promise<SpawnedShop | undefined> {
  if (baseUrl !== DEFAULT_CONFIG.target.baseUrl) return undefined;
  const url = new URL(baseUrl);
  if (await isListening(url.hostname, Number(url.port))) return undefined;
  return spawnShop({ port: SHOP_DEFAULT_PORT });
}
