// Measures how fast analysis reads stock k6 `--out json` output (the goal is ≥ 500,000
// lines/s, so a long k6 run is read in seconds).
// It writes a realistic file (HTTP points with k6's tags, RFC 3339 ns times, VUs out of order by
// up to a second) to a temp dir, plain and gzipped, and reads each through readK6Json.
// Each round also times two baselines on the plain file, since the cores are shared and absolute
// figures drift: a raw byte scan counting newlines (the floor of reading the bytes at all) and a bare
// readline + JSON.parse loop (what a naive reader costs).
// Figures go in the notes, never into a test. Usage: npm run bench:k6-json [-- LINES]
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGzip } from 'node:zlib';
import { metricLine, pointLine } from '../engine/output/json-lines.ts';
import type { MetricDefinition, Tags } from '../engine/metrics/metric-types.ts';
import { readK6Json } from '../reports/sources/read-k6-json.ts';
import { peakRssOf } from './measure.ts';

const targetLines = Number(process.argv[2] ?? 2_000_000);

const trend = (name: string): MetricDefinition => ({ name, type: 'trend', contains: 'time' });
const METRICS: MetricDefinition[] = [
  { name: 'vus', type: 'gauge', contains: 'default' },
  { name: 'http_reqs', type: 'counter', contains: 'default' },
  trend('http_req_duration'),
  trend('http_req_blocked'),
  trend('http_req_connecting'),
  trend('http_req_tls_handshaking'),
  trend('http_req_sending'),
  trend('http_req_waiting'),
  trend('http_req_receiving'),
  { name: 'http_req_failed', type: 'rate', contains: 'default' },
  { name: 'data_sent', type: 'counter', contains: 'data' },
  { name: 'data_received', type: 'counter', contains: 'data' },
  { name: 'checks', type: 'rate', contains: 'default' },
  trend('iteration_duration'),
  { name: 'iterations', type: 'counter', contains: 'default' },
];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

async function writeRun(file: string): Promise<number> {
  const out = createWriteStream(file);
  let text = METRICS.map((m) => metricLine(m)).join('\n') + '\n';
  let lines = METRICS.length;
  const start = Date.UTC(2026, 10, 28, 12, 0, 0);
  const urls = ['/products/1', '/products/2', '/products/3', '/orders', '/cart'];
  const vus = 50;
  const iterationsPerSecond = 500;
  for (let i = 0; lines < targetLines; i++) {
    const second = Math.floor(i / iterationsPerSecond);
    if (i % iterationsPerSecond === 0) {
      text += pointLine('vus', start + second * 1000, vus, {}) + '\n';
      lines++;
    }
    // Each VU flushes its own samples: across VUs, times run out of order by up to a second.
    const t = start + (i / iterationsPerSecond) * 1000 + (i % vus) * 19.7 * rand();
    const url = urls[i % urls.length]!;
    const method = url === '/orders' ? 'POST' : 'GET';
    const fail = rand() < 0.01;
    const status = fail ? '503' : method === 'POST' ? '201' : '200';
    const tags: Tags = {
      expected_response: String(!fail),
      group: '',
      method,
      name: `http://localhost:3000${url}`,
      proto: 'HTTP/1.1',
      scenario: 'default',
      status,
      url: `http://localhost:3000${url}`,
    };
    const base: Tags = { group: '', scenario: 'default' };
    const duration = Math.round((2 + Math.exp(rand() * 5)) * 1e6) / 1e6;
    const part = (f: number) => Math.round(duration * f * 1e6) / 1e6;
    text +=
      pointLine('http_reqs', t, 1, tags) + '\n' +
      pointLine('http_req_duration', t, duration, tags) + '\n' +
      pointLine('http_req_blocked', t, part(0.01), tags) + '\n' +
      pointLine('http_req_connecting', t, 0, tags) + '\n' +
      pointLine('http_req_tls_handshaking', t, 0, tags) + '\n' +
      pointLine('http_req_sending', t, part(0.02), tags) + '\n' +
      pointLine('http_req_waiting', t, part(0.95), tags) + '\n' +
      pointLine('http_req_receiving', t, part(0.03), tags) + '\n' +
      pointLine('http_req_failed', t, fail ? 1 : 0, tags) + '\n' +
      pointLine('data_sent', t, 120 + (i % 40), base) + '\n' +
      pointLine('data_received', t, 800 + (i % 300), base) + '\n' +
      pointLine('checks', t, fail ? 0 : 1, { check: 'status is 2xx', ...base }) + '\n' +
      pointLine('iteration_duration', t + 1, duration + 0.5, base) + '\n' +
      pointLine('iterations', t + 1, 1, base) + '\n';
    lines += 14;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'close');
  return lines;
}

async function timeRead(file: string) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { result, peakMiB } = await peakRssOf(async () => {
    let records = 0;
    const reader = readK6Json(file);
    for (;;) {
      const next = await reader.next();
      if (next.done) return { records, stats: next.value };
      if (next.value.kind === 'series') records++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMiB };
}

/** A baseline pass: wall and CPU seconds of `work`, which returns the lines it saw. */
async function timeBaseline(work: () => Promise<number>) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const lines = await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { lines, seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const BASELINES = {
  'byte scan': async (file: string) => {
    let lines = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
    }
    return lines;
  },
  'readline+JSON.parse': async (file: string) => {
    let lines = 0;
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if ((JSON.parse(line) as { type: string }).type) lines++;
    }
    return lines;
  },
};

const dir = await mkdtemp(path.join(tmpdir(), 'k6-json-bench-'));
try {
  const plain = path.join(dir, 'out.json');
  const gz = path.join(dir, 'out.json.gz');
  const lines = await writeRun(plain);
  await pipeline(createReadStream(plain), createGzip(), createWriteStream(gz));
  const mib = async (file: string) => ((await stat(file)).size / 1024 / 1024).toFixed(0);
  console.log(`k6 JSON output: ${lines.toLocaleString('en')} lines, ${await mib(plain)} MiB plain, ${await mib(gz)} MiB gzipped`);
  // Two rounds: the first also pays for JIT warm-up and for the page cache settling after the write.
  const rounds = [['plain', plain], ['gzip', gz], ['plain', plain], ['gzip', gz]] as const;
  for (const [label, file] of rounds) {
    if (label === 'plain') {
      for (const [name, baseline] of Object.entries(BASELINES)) {
        const run = await timeBaseline(() => baseline(plain));
        console.log(
          `${name.padEnd(19)}: ${run.seconds.toFixed(2)} s, ${Math.round(run.lines / run.seconds).toLocaleString('en')} lines/s ` +
            `(${Math.round(run.lines / run.cpuSeconds).toLocaleString('en')} per CPU second)`,
        );
      }
    }
    const run = await timeRead(file);
    const rate = Math.round(run.stats.lines / run.seconds);
    console.log(
      `${("reader, " + label).padEnd(19)}: ${run.seconds.toFixed(2)} s, ${rate.toLocaleString('en')} lines/s ` +
        `(${Math.round(run.stats.lines / run.cpuSeconds).toLocaleString('en')} per CPU second), ` +
        `${run.stats.points.toLocaleString('en')} points → ${run.records.toLocaleString('en')} records ` +
        `(${run.stats.series} series × ${run.stats.seconds} s, ${run.stats.latePoints} late), peak RSS ${run.peakMiB.toFixed(0)} MiB`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
