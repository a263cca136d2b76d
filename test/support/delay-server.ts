import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayServer {
  url: string;
  requests: () => number;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that answers every request after a fixed delay. */
export async function startDelayServer(delayMs: number): Promise<DelayServer> {
  let count = 0;
  const server = http.createServer((request, response) => {
    count++;
    setTimeout(() => {
      if (request.url?.startsWith('/status/')) response.statusCode = Number(request.url.slice(8));
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ path: request.url, method: request.method }));
    }, delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
