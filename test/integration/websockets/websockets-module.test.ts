import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { EXIT, runTest, type SummaryData } from '../../../engine/index.ts';
import { startBroadcastHub, type BroadcastHub } from './start-broadcast-hub.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;
const quiet = { workers: 1, quiet: true, stdout: () => {} } as const;

function values(summary: SummaryData, metric: string): Record<string, number> {
  return (summary.metrics[metric]?.values ?? {}) as Record<string, number>;
}

async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('k6/websockets on the engine, against a broadcast hub on loopback', () => {
  let hub: BroadcastHub;
  beforeAll(async () => {
    hub = await startBroadcastHub();
  });
  afterAll(() => hub.close());

  it('opens, pings, hears its own broadcast and closes every session, counting k6 ws_* metrics with url, status and the given tags', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-ws-'));
    const jsonOut = path.join(runDir, 'points.json.gz');
    const result = await runTest({ script: fixture('ws-session.ts'), env: { HUB_URL: hub.url }, outputs: [`json=${jsonOut}`], ...quiet });
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    for (const metric of ['test_ws_opened', 'test_ws_pongs', 'test_ws_broadcasts', 'test_ws_closed', 'ws_sessions']) {
      expect(values(summary, metric).count, metric).toBe(4);
    }
    expect(summary.metrics.test_ws_errors).toBeUndefined();
    // join and publish out, joined and broadcast in, per session.
    expect(values(summary, 'ws_msgs_sent').count).toBe(8);
    expect(values(summary, 'ws_msgs_received').count).toBe(8);
    for (const trend of ['ws_connecting', 'ws_session_duration', 'ws_ping']) {
      expect(values(summary, trend).count, trend).toBe(4);
      expect(summary.metrics[trend]!.contains).toBe('time');
    }
    expect(values(summary, 'checks').rate).toBe(1);
    expect(values(summary, 'data_sent').count).toBeGreaterThan(0);
    expect(hub.lastHeaders()['x-loadbook-test']).toBe('session');
    expect(await eventually(() => hub.connections() === 0)).toBe(true);

    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const sent = points.filter((line) => line.type === 'Point' && line.metric === 'ws_msgs_sent');
    expect(sent).toHaveLength(8);
    expect(sent[0].data.tags).toMatchObject({ url: hub.url, status: '101', room_kind: 'own', scenario: 'default', group: '' });
  });

  it('keeps an iteration running until its socket closes', async () => {
    const result = await runTest({ script: fixture('ws-session.ts'), env: { HUB_URL: hub.url, CLOSE_AFTER_MS: '200' }, ...quiet });
    expect(result.exitCode).toBe(EXIT.ok);
    expect(values(result.summary!, 'test_ws_closed').count).toBe(4);
    expect(values(result.summary!, 'iteration_duration').min).toBeGreaterThanOrEqual(200);
    expect(values(result.summary!, 'ws_session_duration').min).toBeGreaterThanOrEqual(200);
  });

  it('fails the iteration when a message listener throws, and drops its socket without further callbacks', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-ws-throw-'));
    const publishedBefore = hub.published();
    const result = await runTest({ script: fixture('ws-session.ts'), env: { HUB_URL: hub.url, THROW_IN_MESSAGE: '1' }, runDir, ...quiet });
    const summary = result.summary!;
    expect(values(summary, 'ws_sessions').count).toBe(4);
    expect(values(summary, 'iterations').count).toBe(4);
    expect(summary.metrics.test_ws_broadcasts).toBeUndefined();
    expect(summary.metrics.test_ws_closed).toBeUndefined();
    expect(hub.published()).toBe(publishedBefore);
    // Each VU's second session found its room empty: the first one's socket was dropped, not left joined.
    expect(values(summary, 'test_ws_room_members').count).toBe(4);
    expect(readFileSync(path.join(runDir, 'engine.log'), 'utf8').match(/boom in onmessage/g)).toHaveLength(4);
    expect(await eventually(() => hub.connections() === 0)).toBe(true);
  });

  it('terminates the sockets of an interrupted iteration while the test goes on', async () => {
    let finished = false;
    const run = runTest({
      script: fixture('ws-session.ts'),
      env: { HUB_URL: hub.url },
      options: {
        scenarios: {
          lingering: { executor: 'constant-vus', vus: 2, duration: '500ms', gracefulStop: '0s', exec: 'lingers' },
          busy: { executor: 'constant-vus', vus: 1, duration: '3s', exec: 'idles' },
        },
      },
      ...quiet,
    }).then((result) => {
      finished = true;
      return result;
    });
    expect(await eventually(() => hub.connections() === 2, 10_000)).toBe(true);
    expect(await eventually(() => hub.connections() === 0 || finished, 10_000)).toBe(true);
    // The interruption closed them, not the end of the run.
    expect(finished).toBe(false);
    const result = await run;
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    // One iteration per VU, held open by its socket until the scenario interrupted it.
    expect(values(summary, 'test_ws_opened').count).toBe(2);
    expect(summary.metrics.test_ws_closed).toBeUndefined();
    expect(values(summary, 'ws_sessions').count).toBe(2);
  });
});

describe('k6/websockets binary frames and misuse, against an echo server on loopback', () => {
  let server: http.Server;
  let echo: WebSocketServer;
  let echoUrl: string;
  beforeAll(async () => {
    server = http.createServer();
    echo = new WebSocketServer({ server });
    echo.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    echoUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(['arraybuffer', 'blob'])('delivers a binary echo as binaryType %s says', async (binaryType) => {
    const result = await runTest({ script: fixture('ws-binary.ts'), env: { ECHO_URL: echoUrl, BINARY_TYPE: binaryType }, ...quiet });
    expect(result.exitCode).toBe(EXIT.ok);
    expect(values(result.summary!, 'checks')).toMatchObject({ rate: 1, passes: 1 });
    expect(values(result.summary!, 'ws_msgs_received').count).toBe(1);
  });

  it('names what was wrong when a script misuses a WebSocket, and closes sockets closed while connecting', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-ws-misuse-'));
    const result = await runTest({
      script: fixture('ws-binary.ts'),
      env: { ECHO_URL: echoUrl },
      options: { scenarios: { misuse: { executor: 'shared-iterations', exec: 'misuse' } } },
      runDir,
      ...quiet,
    });
    expect(result.exitCode).toBe(EXIT.ok);
    const log = readFileSync(path.join(runDir, 'engine.log'), 'utf8');
    expect(log).toContain('http scheme: SyntaxError: invalid WebSocket URL \\"http://127.0.0.1/ws\\"; expected the ws:// or wss:// scheme');
    expect(log).toContain('send before open: Error: InvalidStateError: WebSocket.send() was called while the connection is still being established');
    expect(log).toContain('unknown event: TypeError: unknown WebSocket event \\"messages\\"');
    expect(log).toContain('binaryType: TypeError: invalid binaryType \\"text\\"');
    // The sockets closed while connecting released the iteration: it completed.
    expect(values(result.summary!, 'iterations').count).toBe(1);
  });

  it('refuses to open a WebSocket in the init context', async () => {
    const result = await runTest({ script: fixture('ws-binary.ts'), env: { ECHO_URL: echoUrl, CONNECT_IN_INIT: '1' }, ...quiet });
    expect(result.exitCode).toBe(EXIT.scriptException);
    expect(result.error).toContain('WebSocket connections cannot be opened in the init context');
  });
});
