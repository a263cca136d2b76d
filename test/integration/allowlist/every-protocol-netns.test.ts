import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest, type SummaryData } from '../../../engine/index.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig, type PartialConfig } from '../../../lib/merge-config.ts';
import { buildPlan } from '../../../plan/build-plan.ts';
import { scrapePrometheus, startSamplers } from '../../../reports/samplers/index.ts';

// A non-loopback host that cannot leave the machine: the far end of a veth pair inside a network namespace
// this test creates and deletes, with a listener there that counts the TCP connections it accepts.
const ID = process.pid % 250;
const NAMESPACE = `lb-allow-${process.pid}`;
const HOST_LINK = `lbah${process.pid}`.slice(0, 15);
const PEER_LINK = `lban${process.pid}`.slice(0, 15);
const HOST = `10.213.${ID}.2`;
const PORTS = { http: 4300, ws: 4301, grpc: 4302, kafka: 4303 } as const;

const fixture = new URL('../../fixtures/scripts/allowlist-every-protocol.ts', import.meta.url).pathname;

function whyNot(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return "iproute2's ip command is missing";
  }
  return undefined;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

/** Accepts on every port, closes each connection at once, and prints "conn PORT" for each. */
const LISTENER = `
const net = require('node:net');
const ports = process.argv.slice(1).map(Number);
let listening = 0;
for (const port of ports) {
  net.createServer((socket) => { process.stdout.write('conn ' + port + '\\n'); socket.destroy(); })
    .listen(port, '${HOST}', () => { if (++listening === ports.length) process.stdout.write('ready\\n'); });
}`;

const skipReason = whyNot();

describe.runIf(skipReason === undefined)('the allowlist against a non-loopback host in a network namespace', () => {
  let listener: ChildProcess | undefined;
  const connections: number[] = [];
  let folder = '';
  // A loopback server that redirects every request to the namespace's host.
  const redirect: Server = createServer((_request, response) => response.writeHead(302, { location: `http://${HOST}:${PORTS.http}/metrics` }).end());
  let redirectUrl = '';

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'loadbook-allowlist-'));
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    redirectUrl = `http://127.0.0.1:${(redirect.address() as { port: number }).port}/metrics`;
    ip('netns', 'add', NAMESPACE);
    ip('link', 'add', HOST_LINK, 'type', 'veth', 'peer', 'name', PEER_LINK);
    ip('link', 'set', PEER_LINK, 'netns', NAMESPACE);
    ip('addr', 'add', `10.213.${ID}.1/30`, 'dev', HOST_LINK);
    ip('link', 'set', HOST_LINK, 'up');
    ip('netns', 'exec', NAMESPACE, 'ip', 'addr', 'add', `${HOST}/30`, 'dev', PEER_LINK);
    ip('netns', 'exec', NAMESPACE, 'ip', 'link', 'set', PEER_LINK, 'up');
    const child = spawn('ip', ['netns', 'exec', NAMESPACE, process.execPath, '-e', LISTENER, ...Object.values(PORTS).map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
    listener = child;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the listener in ${NAMESPACE} exited with ${code}`)));
      let pending = '';
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        const lines = (pending + text).split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          if (line === 'ready') resolve();
          else if (line.startsWith('conn ')) connections.push(Number(line.slice(5)));
        }
      });
    });
  }, 10_000);

  afterAll(() => {
    redirect.close();
    listener?.kill('SIGKILL');
    // Deleting the namespace removes the veth pair once no process is left in it; the explicit deletes
    // make sure of it even if the listener never started.
    try {
      for (const pid of ip('netns', 'pids', NAMESPACE).toString().split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // No namespace, or no process left in it.
    }
    for (const args of [['link', 'del', HOST_LINK], ['netns', 'del', NAMESPACE]]) {
      try {
        ip(...args);
      } catch {
        // Already gone.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  });

  /** Waits long enough for a stray connection attempt to have reached the listener, then counts. */
  async function connectionsAfterSettling(): Promise<number[]> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return connections.splice(0);
  }

  /** The fixture's environment: the namespace's host and ports, and the loopback redirect to it. */
  function scriptEnv(): Record<string, string> {
    return { HOST, REDIRECT_URL: redirectUrl, HTTP_PORT: String(PORTS.http), WS_PORT: String(PORTS.ws), GRPC_PORT: String(PORTS.grpc), KAFKA_PORT: String(PORTS.kafka) };
  }

  const counted = (summary: SummaryData, metric: string) => (summary.metrics[metric]?.values as { count?: number } | undefined)?.count ?? 0;

  it('refuses a phase whose gRPC address, WebSocket URL or Kafka broker is that host, and nothing connects', async () => {
    const keys: [string, PartialConfig][] = [
      ['target.grpcAddress', { target: { grpcAddress: `${HOST}:${PORTS.grpc}` } }],
      ['target.wsUrl', { target: { wsUrl: `ws://${HOST}:${PORTS.ws}/ws` } }],
      ['kafka.brokers[0]', { kafka: { brokers: [`${HOST}:${PORTS.kafka}`] } }],
    ];
    for (const [key, patch] of keys) {
      const config = mergeConfig(DEFAULT_CONFIG, patch);
      expect(() => buildPlan({ phase: 'smoke', scenarios: ['inventory-grpc', 'ws-broadcast', 'kafka-publish'], config, workers: 1, now: new Date() })).toThrow(
        new RegExp(`^refusing to send load to host "${HOST.replaceAll('.', '\\.')}" \\(${key.replace(/[[\]]/g, '\\$&')} .*add "${HOST.replaceAll('.', '\\.')}" to "allowHosts"`),
      );
    }
    expect(await connectionsAfterSettling()).toEqual([]);
  });

  it('gives a script that connects there by HTTP (directly, over TLS and by a redirect), WebSocket, gRPC and Kafka an error for each, and samplers a sampler error, with no connection', async () => {
    const samplesFile = path.join(folder, 'server.ndjson');
    const samplers = startSamplers({
      endpoints: [`http://${HOST}:${PORTS.http}/metrics`],
      kafka: { brokers: [`${HOST}:${PORTS.kafka}`], groups: ['shop-consumer'] },
      intervalMs: 100,
      file: samplesFile,
    });
    const result = await runTest({ script: fixture, env: scriptEnv(), includeSystemEnv: false, workers: 1, quiet: true, stdout: () => {} });
    await samplers.stop();

    expect(await connectionsAfterSettling()).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(counted(result.summary!, 'refused_http')).toBe(3);
    for (const protocol of ['ws', 'grpc', 'kafka']) expect(counted(result.summary!, `refused_${protocol}`), protocol).toBe(1);
    expect(counted(result.summary!, 'iterations')).toBe(1);
    // The refused requests failed; the redirect's 302 itself was answered on loopback.
    expect(result.summary!.metrics.http_req_failed!.values).toMatchObject({ passes: 3, fails: 1 });
    expect(counted(result.summary!, 'kafka_writer_error_count')).toBe(1);
    const samplerErrors = readFileSync(samplesFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { source: string; kind: string; error: string });
    expect(samplerErrors.map((line) => [line.source, line.kind])).toEqual(
      expect.arrayContaining([
        [`http://${HOST}:${PORTS.http}/metrics`, 'sampler-error'],
        ['kafka', 'sampler-error'],
      ]),
    );
    for (const line of samplerErrors) expect(line.error).toContain(`host "${HOST}" is not allowed`);
  }, 15_000);

  it('does not follow a loopback metrics endpoint that redirects to that host', async () => {
    const scrape = scrapePrometheus(redirectUrl, { timeoutMs: 2_000 });
    await scrape.catch(() => undefined);
    expect(await connectionsAfterSettling()).toEqual([]);
    await expect(scrape).rejects.toThrow(`host "${HOST}" is not allowed`);
  });

  it('lets every protocol connect once the host is allowed, so the refusals above are the allowlist at work', async () => {
    const result = await runTest({ script: fixture, env: scriptEnv(), includeSystemEnv: false, workers: 1, quiet: true, stdout: () => {}, allowHosts: [HOST] });
    expect(result.error).toBeUndefined();
    for (const protocol of ['http', 'ws', 'grpc', 'kafka']) expect(counted(result.summary!, `refused_${protocol}`), protocol).toBe(0);
    const arrived = new Set(await connectionsAfterSettling());
    expect([...arrived].sort()).toEqual(Object.values(PORTS).sort());
  }, 15_000);
});

if (skipReason !== undefined) {
  describe('the allowlist against a host in a network namespace', () => {
    it.skip(`is skipped: ${skipReason}`, () => {});
  });
}

