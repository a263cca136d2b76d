import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import type { Exemplar, ExemplarsFile } from '../../../engine/output/exemplar.ts';

const SCRIPT = new URL('../../fixtures/scripts/tracing-http.ts', import.meta.url).pathname;
const OWN_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const WELL_FORMED = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
/** A self-signed certificate for 127.0.0.1, valid for a century: https goes through undici, not the lean client. */
const TLS = {
  cert: readFileSync(new URL('../../fixtures/tls/loopback-cert.pem', import.meta.url)),
  key: readFileSync(new URL('../../fixtures/tls/loopback-key.pem', import.meta.url)),
};

/** One request as the server saw it. */
interface Received {
  path: string;
  traceparent: string | undefined;
  delayMs: number;
  cache: string | undefined;
}

interface TraceServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback (HTTPS with `tls`) that records the traceparent of every request, answers
 * after `?delay=` ms, sets `X-Cache` from `?cache=`, and redirects `/redirect` to `/browse`.
 */
async function startTraceServer(tls?: https.ServerOptions): Promise<TraceServer> {
  const received: Received[] = [];
  const listener: http.RequestListener = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const delayMs = Number(url.searchParams.get('delay') ?? 0);
    const cache = url.searchParams.get('cache') ?? undefined;
    received.push({ path: url.pathname, traceparent: request.headers.traceparent as string | undefined, delayMs, cache });
    setTimeout(() => {
      if (url.pathname === '/redirect') {
        response.writeHead(302, { Location: '/browse?delay=2' });
        return response.end();
      }
      if (cache) response.setHeader('X-Cache', cache);
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true}');
    }, delayMs);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const readExemplars = (runDir: string): ExemplarsFile => JSON.parse(readFileSync(path.join(runDir, 'exemplars.json'), 'utf8'));
const ofScenario = (file: ExemplarsFile, scenario: string): Exemplar[] => file.exemplars.filter((exemplar) => exemplar.scenario === scenario);

describe('tracing on the engine, against a real HTTP server', () => {
  let server: TraceServer;
  beforeAll(async () => {
    server = await startTraceServer();
  });
  beforeEach(() => {
    server.received.length = 0;
  });
  afterAll(() => server.close());

  it('sends a unique, well-formed traceparent with every request and writes the slowest per scenario to exemplars.json', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-tracing-'));
    const jsonOut = path.join(runDir, 'points.json.gz');
    const started = Date.now();
    const result = await runTest({
      script: SCRIPT,
      env: { TARGET: server.url },
      runDir,
      outputs: [`json=${jsonOut}`],
      workers: 2,
      quiet: true,
      noSummary: true,
      tracing: { exemplarsPerScenario: 3 },
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);

    // setup 1, browse 12, cached 4, own 1, redirect 2 hops.
    expect(server.received).toHaveLength(20);
    const generated = server.received.filter((request) => request.path !== '/own').map((request) => request.traceparent);
    for (const traceparent of generated) expect(traceparent).toMatch(WELL_FORMED);
    expect(new Set(generated).size).toBe(generated.length);
    expect(new Set(generated.map((traceparent) => traceparent!.slice(3, 35))).size).toBe(generated.length);
    expect(server.received.find((request) => request.path === '/own')!.traceparent).toBe(OWN_TRACEPARENT);
    const byTraceId = new Map(server.received.map((request) => [WELL_FORMED.exec(request.traceparent!)![1], request]));

    const file = readExemplars(runDir);
    expect(result.exemplars).toEqual(file);
    expect(file.version).toBe(1);
    expect(file.perScenario).toBe(3);
    const durations = file.exemplars.map((exemplar) => exemplar.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    const counts = Object.fromEntries(['browse', 'cached', 'own', 'redirected'].map((name) => [name, ofScenario(file, name).length]));
    expect(counts).toEqual({ browse: 3, cached: 3, own: 1, redirected: 2 });
    expect(file.exemplars).toHaveLength(9);

    for (const exemplar of file.exemplars) {
      const request = byTraceId.get(exemplar.traceId);
      expect(request, `trace ${exemplar.traceId} was sent`).toBeDefined();
      expect(`00-${exemplar.traceId}-${exemplar.spanId}-01`).toBe(request!.traceparent);
      expect(exemplar.metric).toBe('http_req_duration');
      // The server delays with setTimeout, which may fire up to a millisecond early on the engine's clock.
      expect(exemplar.durationMs).toBeGreaterThan(request!.delayMs - 1);
      expect(Date.parse(exemplar.time)).toBeGreaterThanOrEqual(started);
      expect(Date.parse(exemplar.time)).toBeLessThanOrEqual(Date.now());
    }

    // The browse exemplars are exactly the three slowest http_req_duration samples of that scenario.
    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const browseDurations = points
      .filter((line) => line.type === 'Point' && line.metric === 'http_req_duration' && line.data.tags.scenario === 'browse')
      .map((line) => line.data.value as number)
      .sort((a, b) => b - a);
    expect(browseDurations).toHaveLength(12);
    const browse = ofScenario(file, 'browse');
    expect(browse.map((exemplar) => exemplar.durationMs)).toEqual(browseDurations.slice(0, 3));
    for (const exemplar of browse) expect(exemplar).toMatchObject({ name: 'browse', status: '200', attributes: {} });
    expect(browse.every((exemplar) => byTraceId.get(exemplar.traceId)!.path === '/browse')).toBe(true);

    // X-Cache: HIT|MISS becomes the cache.hit attribute of the request that got it.
    const cached = ofScenario(file, 'cached');
    for (const exemplar of cached) {
      const sent = byTraceId.get(exemplar.traceId)!.cache;
      expect(exemplar.attributes).toEqual({ 'cache.hit': sent === 'HIT' ? 'true' : 'false' });
      expect(exemplar.name).toBe('product');
    }
    expect(new Set(cached.map((exemplar) => exemplar.attributes['cache.hit']))).toEqual(new Set(['true', 'false']));

    expect(ofScenario(file, 'own')[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', status: '200' });
    // Each hop of a redirect is its own request with its own parent id, in the same scenario.
    expect(ofScenario(file, 'redirected').map((exemplar) => exemplar.status).sort()).toEqual(['200', '302']);
  });

  it('sends no traceparent and writes no exemplars.json when tracing is off', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-tracing-off-'));
    const result = await runTest({ script: SCRIPT, env: { TARGET: server.url }, runDir, workers: 1, quiet: true, noSummary: true });
    expect(result.exitCode).toBe(0);
    expect(server.received).toHaveLength(20);
    // Only the request whose script set one carries a traceparent.
    expect(server.received.filter((request) => request.traceparent !== undefined).map((request) => request.path)).toEqual(['/own']);
    expect(existsSync(path.join(runDir, 'summary.json'))).toBe(true);
    expect(existsSync(path.join(runDir, 'exemplars.json'))).toBe(false);
    expect(result.exemplars).toBeUndefined();
  });

  it('keeps the exemplars of a run stopped by a signal', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-tracing-stopped-'));
    const controller = new AbortController();
    const stopSoon = setInterval(() => {
      if (server.received.length >= 10) controller.abort();
    }, 50);
    const result = await runTest({
      script: SCRIPT,
      env: { TARGET: server.url },
      options: { vus: 2, duration: '60s' },
      runDir,
      workers: 2,
      quiet: true,
      noSummary: true,
      signal: controller.signal,
      tracing: { exemplarsPerScenario: 4 },
    });
    clearInterval(stopSoon);
    expect(result.exitCode).toBe(105);
    const file = readExemplars(runDir);
    expect(file.exemplars).toHaveLength(4);
    const sent = new Set(server.received.map((request) => WELL_FORMED.exec(request.traceparent!)![1]));
    for (const exemplar of file.exemplars) {
      expect(exemplar.scenario).toBe('default');
      expect(sent.has(exemplar.traceId)).toBe(true);
      expect(exemplar.durationMs).toBeGreaterThanOrEqual(20);
    }
  });

  it('refuses a negative number of exemplars with exit code 104', async () => {
    const result = await runTest({ script: SCRIPT, env: { TARGET: server.url }, quiet: true, noSummary: true, tracing: { exemplarsPerScenario: -1 } });
    expect(result.exitCode).toBe(104);
    expect(result.error).toMatch(/^invalid tracing\.exemplarsPerScenario -1; expected a whole number ≥ 0$/);
  });

  it('sends the traceparent over https too, where requests go through undici', async () => {
    const secure = await startTraceServer(TLS);
    // Worker threads copy the environment when they start; the engine has no option to trust a certificate.
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const result = await runTest({
        script: SCRIPT,
        env: { TARGET: secure.url },
        options: { vus: 1, iterations: 3 },
        workers: 1,
        quiet: true,
        noSummary: true,
        tracing: { exemplarsPerScenario: 2 },
      });
      expect(result.exitCode).toBe(0);
      const browse = secure.received.filter((request) => request.path === '/browse');
      expect(browse).toHaveLength(3);
      for (const request of browse) expect(request.traceparent).toMatch(WELL_FORMED);
      expect(new Set(browse.map((request) => request.traceparent)).size).toBe(3);
      const exemplars = result.exemplars!.exemplars;
      expect(exemplars).toHaveLength(2);
      for (const exemplar of exemplars) {
        expect(browse.map((request) => request.traceparent)).toContain(`00-${exemplar.traceId}-${exemplar.spanId}-01`);
        expect(exemplar).toMatchObject({ metric: 'http_req_duration', scenario: 'default', status: '200' });
      }
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      await secure.close();
    }
  });
});
