import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1Client } from '../../../engine/modules/http/http1-client.ts';
import { errorCodeOf, HTTP_ERROR_CODES } from '../../../engine/modules/http/http-error-code.ts';
import { RequestTimeoutError, type ExchangeRequest, type ExchangeResult } from '../../../engine/modules/http/send-exchange.ts';

const NEVER = new AbortController().signal;

function exchange(url: string, overrides: Partial<ExchangeRequest> = {}): ExchangeRequest {
  return { method: 'GET', url: new URL(url), headers: {}, body: null, timeoutMs: 5_000, keepBody: true, signal: NEVER, ...overrides };
}

interface TestServer {
  url: string;
  connections: Socket[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const clients: Http1Client[] = [];

function client(): Http1Client {
  const created = new Http1Client();
  clients.push(created);
  return created;
}

async function listen(server: Server | ReturnType<typeof createNetServer>): Promise<TestServer> {
  const connections: Socket[] = [];
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const started: TestServer = {
    url: `http://127.0.0.1:${port}`,
    connections,
    close: () => {
      for (const socket of connections) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(started);
  return started;
}

function httpServer(handler: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void): Promise<TestServer> {
  return listen(
    createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => handler(request, response, Buffer.concat(chunks)));
    }),
  );
}

/** A raw server: `onRequest(socket, index)` runs for every request head it reads (bodies are not expected). */
function rawServer(onRequest: (socket: Socket, requestIndex: number, connectionIndex: number) => void): Promise<TestServer> {
  let requests = 0;
  let connectionCount = 0;
  return listen(
    createNetServer((socket) => {
      const connectionIndex = connectionCount++;
      let buffered = '';
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        let end: number;
        while ((end = buffered.indexOf('\r\n\r\n')) !== -1) {
          buffered = buffered.slice(end + 4);
          onRequest(socket, requests++, connectionIndex);
        }
      });
    }),
  );
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

function expectConsistentTimings(result: ExchangeResult): void {
  const { timings } = result;
  for (const value of Object.values(timings)) expect(value).toBeGreaterThanOrEqual(0);
  expect(timings.tls_handshaking).toBe(0);
  expect(timings.duration).toBeCloseTo(timings.sending + timings.waiting + timings.receiving, 9);
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((each) => each.close()));
  await Promise.all(servers.splice(0).map((each) => each.close()));
});

describe('Http1Client against real loopback servers', () => {
  it('sends a GET with headers and returns status, lowercased headers and body', async () => {
    const server = await httpServer((request, response) => {
      response.writeHead(200, 'Fine', { 'Content-Type': 'application/json', 'X-Echo': String(request.headers['x-custom']) });
      response.end(JSON.stringify({ method: request.method, url: request.url, host: request.headers.host }));
    });
    const result = await client().send(exchange(`${server.url}/products/7?view=full#fragment`, { headers: { 'X-Custom': 'abc' } }));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.statusText).toBe('Fine');
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.headers['x-echo']).toBe('abc');
    expect(JSON.parse(result.body!.toString())).toEqual({ method: 'GET', url: '/products/7?view=full', host: new URL(server.url).host });
    expectConsistentTimings(result);
    expect(result.timings.duration).toBeGreaterThan(0);
  });

  it.each([
    ['a string', '{"sku":"ü-1"}'],
    ['a Uint8Array', new Uint8Array([0, 1, 2, 250, 255])],
  ])('sends a POST with %s body and the Content-Length of its bytes', async (_kind, body) => {
    const server = await httpServer((request, response, received) => {
      response.writeHead(201, { 'Content-Type': 'application/octet-stream', 'X-Length': String(request.headers['content-length']) });
      response.end(received);
    });
    const result = await client().send(exchange(`${server.url}/orders`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }));
    const expected = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    expect(result.status).toBe(201);
    expect(result.headers['x-length']).toBe(String(expected.length));
    expect(result.body).toEqual(expected);
  });

  it('sends Content-Length: 0 for a POST without a body, and none for a GET', async () => {
    const server = await httpServer((request, response) => response.end(String(request.headers['content-length'])));
    const http = client();
    expect((await http.send(exchange(server.url, { method: 'POST' }))).body!.toString()).toBe('0');
    expect((await http.send(exchange(server.url))).body!.toString()).toBe('undefined');
  });

  it('reads a chunked response and a HEAD response, then reuses the connection', async () => {
    const server = await httpServer((request, response) => {
      response.setHeader('Content-Type', 'text/plain');
      if (request.method === 'HEAD') return response.end();
      response.write('first,');
      setTimeout(() => response.end('second'), 10);
    });
    const http = client();
    const chunked = await http.send(exchange(server.url));
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(chunked.body!.toString()).toBe('first,second');
    const head = await http.send(exchange(server.url, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body!.length).toBe(0);
    expect((await http.send(exchange(server.url))).body!.toString()).toBe('first,second');
    expect(server.connections).toHaveLength(1);
  });

  it('keeps the connection alive: connecting is positive on the first request and 0 on the second', async () => {
    const server = await httpServer((_request, response) => response.end('ok'));
    const http = client();
    const first = await http.send(exchange(server.url));
    const second = await http.send(exchange(server.url));
    expect(first.timings.connecting).toBeGreaterThan(0);
    expect(second.timings.connecting).toBe(0);
    expect(second.status).toBe(200);
    expect(server.connections).toHaveLength(1);
  });

  it('reconnects after the server answers with Connection: close', async () => {
    const server = await httpServer((_request, response) => {
      response.setHeader('Connection', 'close');
      response.end('bye');
    });
    const http = client();
    const first = await http.send(exchange(server.url));
    const second = await http.send(exchange(server.url));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.timings.connecting).toBeGreaterThan(0);
    expect(server.connections).toHaveLength(2);
  });

  it('reads an HTTP/1.0 response delimited by the server closing, then reconnects', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close'));
    const http = client();
    expect((await http.send(exchange(server.url))).body!.toString()).toBe('until close');
    expect((await http.send(exchange(server.url))).body!.toString()).toBe('until close');
    expect(server.connections).toHaveLength(2);
  });

  it('resolves with status 0 and ECONNREFUSED when nothing listens', async () => {
    const server = await httpServer(() => {});
    const { url } = server;
    await server.close();
    servers.length = 0;
    const result = await client().send(exchange(url));
    expect(result.status).toBe(0);
    expect(result.error?.code).toBe('ECONNREFUSED');
    expect(errorCodeOf(result.error)).toBe(HTTP_ERROR_CODES.connectionRefused);
    expectConsistentTimings(result);
  });

  it('resolves a request the server never answers with RequestTimeoutError and closes its connection', async () => {
    const server = await rawServer((socket, index) => {
      if (index > 0) socket.write(OK);
    });
    const http = client();
    const started = performance.now();
    const result = await http.send(exchange(server.url, { timeoutMs: 200 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe(0);
    expect(result.error).toBeInstanceOf(RequestTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connections[0]!.destroyed).toBe(true);
    const next = await http.send(exchange(server.url, { timeoutMs: 200 }));
    expect(next.status).toBe(200);
    expect(server.connections).toHaveLength(2);
  });

  it('does not time out a keep-alive connection that idles longer than the timeout between requests', async () => {
    const server = await rawServer((socket) => socket.write(OK));
    const http = client();
    expect((await http.send(exchange(server.url, { timeoutMs: 100 }))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const second = await http.send(exchange(server.url, { timeoutMs: 100 }));
    expect(second.status).toBe(200);
    expect(second.timings.connecting).toBe(0);
  });

  it('discards a keep-alive connection the server closed while idle and opens a new one', async () => {
    const server = await rawServer((socket) => {
      socket.write(OK);
      setTimeout(() => socket.end(), 20);
    });
    const http = client();
    expect((await http.send(exchange(server.url))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await http.send(exchange(server.url));
    expect(second.status).toBe(200);
    expect(second.timings.connecting).toBeGreaterThan(0);
    expect(server.connections).toHaveLength(2);
  });

  describe.each([
    ['closes it', (socket: Socket) => socket.destroy()],
    ['resets it', (socket: Socket) => socket.resetAndDestroy()],
  ])('when a reused connection turns out stale (the server %s on the next request)', (_how, kill) => {
    // The first connection answers its first request and drops the second, as a server does when its
    // idle timeout fires just as the request arrives.
    const staleOnSecondRequest = () =>
      rawServer((socket, _index, connection) => {
        const seen = ((socket as Socket & { seen?: number }).seen ?? 0) + 1;
        (socket as Socket & { seen?: number }).seen = seen;
        if (connection === 0 && seen === 2) kill(socket);
        else socket.write(OK);
      });

    it('retries an idempotent request once on a fresh connection, transparently', async () => {
      const server = await staleOnSecondRequest();
      const http = client();
      expect((await http.send(exchange(server.url))).status).toBe(200);
      const retried = await http.send(exchange(server.url, { method: 'DELETE' }));
      expect(retried.error).toBeUndefined();
      expect(retried.status).toBe(200);
      expect(retried.timings.connecting).toBeGreaterThan(0);
      expect(server.connections).toHaveLength(2);
    });

    it('does not retry a POST', async () => {
      const server = await staleOnSecondRequest();
      const http = client();
      expect((await http.send(exchange(server.url))).status).toBe(200);
      const failed = await http.send(exchange(server.url, { method: 'POST', body: 'x' }));
      expect(failed.status).toBe(0);
      expect(failed.error?.code).toBe('ECONNRESET');
      expect(server.connections).toHaveLength(1);
    });
  });

  it('does not retry when the request failed on a brand-new connection', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const result = await client().send(exchange(server.url));
    expect(result.status).toBe(0);
    expect(result.error?.code).toBe('ECONNRESET');
    expect(server.connections).toHaveLength(1);
  });

  it('counts exactly the bytes the server read and wrote, once', async () => {
    let serverRead = 0;
    let serverWrote = 0;
    const response = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world';
    const server = await listen(
      createNetServer((socket) => {
        socket.on('data', (chunk) => {
          serverRead += chunk.length;
          if (chunk.includes('\r\n\r\n')) {
            socket.write(response);
            serverWrote += Buffer.byteLength(response);
          }
        });
      }),
    );
    const http = client();
    await http.send(exchange(server.url, { method: 'PUT', body: 'ünïcode', headers: { 'X-A': 'b' } }));
    await http.send(exchange(server.url, { keepBody: false }));
    expect(http.takeByteCounts()).toEqual({ sent: serverRead, received: serverWrote });
    expect(serverWrote).toBe(2 * Buffer.byteLength(response));
    expect(http.takeByteCounts()).toEqual({ sent: 0, received: 0 });
  });

  it('reads but does not keep the body when keepBody is false', async () => {
    const server = await httpServer((_request, response) => response.end('x'.repeat(100_000)));
    const http = client();
    const result = await http.send(exchange(server.url, { keepBody: false }));
    expect(result.status).toBe(200);
    expect(result.body).toBeNull();
    expect(http.takeByteCounts().received).toBeGreaterThan(100_000);
    expect((await http.send(exchange(server.url))).body!.length).toBe(100_000);
    expect(server.connections).toHaveLength(1);
  });

  it('abortAll resolves every request in flight with "iteration interrupted"', async () => {
    const server = await rawServer(() => {});
    const http = client();
    const pending = Array.from({ length: 3 }, () => http.send(exchange(server.url)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    http.abortAll();
    const results = await Promise.all(pending);
    for (const result of results) {
      expect(result.status).toBe(0);
      expect(result.error?.message).toBe('iteration interrupted');
    }
  });

  it('resolves at once, without connecting, when the signal is already aborted', async () => {
    const server = await rawServer((socket) => socket.write(OK));
    const controller = new AbortController();
    controller.abort();
    const result = await client().send(exchange(server.url, { signal: controller.signal }));
    expect(result.error?.message).toBe('iteration interrupted');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.connections).toHaveLength(0);
  });

  it('gives 10 simultaneous requests 10 connections, and reuses them for the next 10', async () => {
    const server = await httpServer((_request, response) => setTimeout(() => response.end('ok'), 30));
    const http = client();
    const first = await Promise.all(Array.from({ length: 10 }, () => http.send(exchange(server.url))));
    expect(first.every((result) => result.status === 200)).toBe(true);
    expect(server.connections).toHaveLength(10);
    const second = await Promise.all(Array.from({ length: 10 }, () => http.send(exchange(server.url))));
    expect(second.every((result) => result.status === 200 && result.timings.connecting === 0)).toBe(true);
    expect(server.connections).toHaveLength(10);
  });

  it('resolves an https: URL with an error instead of sending it in clear text', async () => {
    const result = await client().send(exchange('https://127.0.0.1:1/'));
    expect(result.status).toBe(0);
    expect(result.error?.code).toBe('ERR_INVALID_PROTOCOL');
  });

  it('refuses header values that would inject CR or LF', async () => {
    const server = await rawServer((socket) => socket.write(OK));
    const result = await client().send(exchange(server.url, { headers: { 'X-Evil': 'a\r\nX-Injected: 1' } }));
    expect(result.status).toBe(0);
    expect(result.error?.code).toBe('ERR_INVALID_CHAR');
  });

  it('close() waits for the request in flight, then closes every connection', async () => {
    const server = await httpServer((_request, response) => setTimeout(() => response.end('ok'), 50));
    const http = new Http1Client();
    await http.send(exchange(server.url));
    const inFlight = http.send(exchange(server.url));
    const idleToo = http.send(exchange(server.url));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await http.close();
    expect((await inFlight).status).toBe(200);
    expect((await idleToo).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.connections.every((socket) => socket.destroyed)).toBe(true);
  });
});
