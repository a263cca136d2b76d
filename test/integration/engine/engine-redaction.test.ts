import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';

const SCRIPT = new URL('../../fixtures/scripts/secrets.ts', import.meta.url).pathname;
const PASSWORD = 'Pa55w0rd-q7Zx';
const TOKEN = 'tok-7f3e9a41';
const BEARER = 'bearer-9c1d55e0';
const SECRETS = [PASSWORD, TOKEN, BEARER];

/** Every file of a folder, gzipped ones unpacked, as text. */
function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    files.set(file, (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  }
  return files;
}

describe('credentials in URLs, queries and headers, on a real engine run against a loopback server', () => {
  let server: http.Server;
  let port: number;
  const paths: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      paths.push(request.url ?? '');
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true}');
    });
    const sockets = new WebSocketServer({ server, path: '/ws' });
    sockets.on('connection', (socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes none of them to the run folder or the k6 JSON, and masks userinfo as k6 does', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-secrets-'));
    const jsonDir = mkdtempSync(path.join(tmpdir(), 'loadbook-secrets-json-'));
    try {
      const result = await runTest({
        script: SCRIPT,
        env: { TARGET: `http://admin:${PASSWORD}@127.0.0.1:${port}`, WS: `ws://admin:${PASSWORD}@127.0.0.1:${port}/ws`, TOKEN, BEARER },
        runDir,
        outputs: [`json=${path.join(jsonDir, 'points.json.gz')}`],
        workers: 1,
        quiet: true,
        noSummary: true,
        tracing: { exemplarsPerScenario: 5 },
      });
      expect(result.exitCode).toBe(0);
      // The load itself carried the secrets: masking is for what is written, not what is sent.
      expect(paths.filter((p) => p.includes(`token=${TOKEN}`))).toHaveLength(3);

      const files = new Map([...filesOf(runDir), ...filesOf(jsonDir)]);
      expect([...files.keys()].map((file) => path.basename(file)).sort()).toEqual(
        ['engine.log', 'exemplars.json', 'points.json.gz', 'summary.json', 'timeline.ndjson.gz'].sort(),
      );
      for (const [file, text] of files) {
        for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${path.basename(file)}`).toBe(false);
      }
      const timeline = files.get(path.join(runDir, 'timeline.ndjson.gz'))!;
      expect(timeline).toContain(`"url":"http://****:****@127.0.0.1:${port}/account?token=****&page=0"`);
      expect(timeline).toContain(`"name":"http://****:****@127.0.0.1:${port}/account?token=****&page=0"`);
      expect(timeline).toContain(`"url":"ws://****:****@127.0.0.1:${port}/ws?token=****"`);
      expect(files.get(path.join(runDir, 'exemplars.json'))).toContain('http://****:****@127.0.0.1');
      const log = files.get(path.join(runDir, 'engine.log'))!;
      expect(log).toContain(`calling http://****:****@127.0.0.1:${port}/account?token=****`);
      expect(log).toMatch(/authorization\\?":\\?"\*\*\*\*/i);
      expect(log).toContain('gave up on http://****:****@');
    } finally {
      rmSync(runDir, { recursive: true, force: true });
      rmSync(jsonDir, { recursive: true, force: true });
    }
  });
});
