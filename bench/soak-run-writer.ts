// Writes a synthetic soak run folder for bench/analysis-soak.ts: timeline.ndjson.gz in the engine's
// record shape (the series a 5-scenario mix writes each second, HDR histograms encoded by the engine's
// own encodeHistogram) and server.ndjson (saturation and Kafka lag every 5 s). Values are plausible:
// latencies drift up slowly over the soak, the heap leaks a little, and now and then a 503 shows up.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { createHistogram, encodeHistogram, recordTrendValue } from '../engine/metrics/hdr.ts';
import type { MetricContains, MetricType, Tags } from '../engine/metrics/metric-types.ts';
import type { SeriesDelta } from '../engine/metrics/series-delta.ts';
import type { TimelineHeader, TimelineRecord } from '../engine/output/timeline-writer.ts';
import type { Plan } from '../plan/build-plan.ts';
import type { ServerSample } from '../reports/samplers/server-sample.ts';

interface SeriesSpec {
  metric: string;
  type: MetricType;
  contains: MetricContains;
  tags: Tags;
  /** Samples per second. */
  rate: number;
  /** Trends: median in ms; counters: value per sample; rates: share of true; gauges: the value. */
  level: number;
}

const spec = (metric: string, type: MetricType, contains: MetricContains, tags: Tags, rate: number, level: number): SeriesSpec => ({
  metric,
  type,
  contains,
  tags: { group: '', ...tags },
  rate,
  level,
});

const HTTP_TIMINGS: [string, number][] = [
  ['http_req_duration', 1],
  ['http_req_blocked', 0.004],
  ['http_req_connecting', 0],
  ['http_req_tls_handshaking', 0],
  ['http_req_sending', 0.01],
  ['http_req_waiting', 0.95],
  ['http_req_receiving', 0.04],
];

function httpSeries(scenario: string, method: string, name: string, status: string, rate: number, medianMs: number, checks: string[]): SeriesSpec[] {
  const ok = status.startsWith('2');
  const tags = { expected_response: String(ok), method, name, proto: 'HTTP/1.1', scenario, status, url: name };
  const list = [
    spec('http_reqs', 'counter', 'default', tags, rate, 1),
    ...HTTP_TIMINGS.map(([metric, share]) => spec(metric, 'trend', 'time', tags, rate, medianMs * share)),
    spec('http_req_failed', 'rate', 'default', tags, rate, ok ? 0 : 1),
  ];
  if (!ok) return list;
  return [
    ...list,
    spec('data_sent', 'counter', 'data', { scenario }, rate, 180),
    spec('data_received', 'counter', 'data', { scenario }, rate, 950),
    ...checks.map((check) => spec('checks', 'rate', 'default', { check, scenario }, rate, 0.999)),
    spec('iterations', 'counter', 'default', { scenario }, rate, 1),
    spec('iteration_duration', 'trend', 'time', { scenario }, rate, medianMs * 1.1),
  ];
}

/** The series of a 5-scenario mix at a baseline of 100 iterations/s, as a real steady run wrote them. */
function mixSeries(): SeriesSpec[] {
  const buckets = ['1', '2-3', '4-7', '8-15', '16-31', '32-63', '64-127', '128-255', '256-511', '512-1023', '1024-2047', '2048-4095', '4096-8191'];
  const grpc = (method: string, rate: number, medianMs: number, checks: string[]) => [
    spec('grpc_req_duration', 'trend', 'time', {
      method,
      name: `/inventory.v1.Inventory/${method}`,
      scenario: 'inventory-grpc',
      service: 'inventory.v1.Inventory',
      status: '0',
      url: `127.0.0.1:3301/inventory.v1.Inventory/${method}`,
    }, rate, medianMs),
    ...checks.map((check) => spec('checks', 'rate', 'default', { check, scenario: 'inventory-grpc' }, rate, 1)),
  ];
  const ws = { status: '101', url: 'ws://127.0.0.1:3300/ws' };
  const pub = 'ws-broadcast-publishers';
  const kafka = { scenario: 'kafka-publish', topic: 'loadbook.events' };
  return [
    ...httpSeries('product-get', 'GET', 'GET /products/{id}', '200', 96, 8, ['status is 200', 'body is the product asked for']),
    ...buckets.map((id_bucket, i) => spec('cache_hit', 'rate', 'default', { id_bucket, scenario: 'product-get' }, Math.max(2, 18 - i), 0.9 - i * 0.05)),
    ...httpSeries('order-post', 'POST', 'POST /orders', '201', 96, 25, ['order created (201)', 'order id returned']),
    ...grpc('GetStock', 77, 3, ['GetStock status is OK', 'GetStock returns the product asked for']),
    ...grpc('Reserve', 19, 6, ['Reserve answered (OK, or FailedPrecondition for short stock)', 'Reserve echoes the reservation id']),
    spec('iterations', 'counter', 'default', { scenario: 'inventory-grpc' }, 96, 1),
    spec('iteration_duration', 'trend', 'time', { scenario: 'inventory-grpc' }, 96, 4),
    spec('ws_msgs_received', 'counter', 'default', { scenario: 'ws-broadcast', ...ws }, 952, 1),
    spec('ws_broadcast_latency', 'trend', 'time', { scenario: 'ws-broadcast' }, 952, 12),
    spec('ws_broadcasts_received', 'counter', 'default', { scenario: 'ws-broadcast' }, 952, 1),
    ...['ws_connecting', 'ws_session_duration'].map((m) => spec(m, 'trend', 'time', { scenario: pub, ...ws }, 95, m === 'ws_connecting' ? 2 : 40)),
    ...['ws_sessions', 'ws_msgs_sent'].map((m) => spec(m, 'counter', 'default', { scenario: pub, ...ws }, 95, 1)),
    spec('ws_broadcasts_sent', 'counter', 'default', { scenario: pub }, 95, 1),
    spec('data_sent', 'counter', 'data', { scenario: pub, ...ws }, 95, 300),
    spec('data_received', 'counter', 'data', { scenario: pub, ...ws }, 95, 400),
    spec('checks', 'rate', 'default', { check: 'message published', scenario: pub }, 95, 1),
    spec('iterations', 'counter', 'default', { scenario: pub }, 95, 1),
    spec('iteration_duration', 'trend', 'time', { scenario: pub }, 95, 45),
    spec('kafka_writer_write_seconds', 'trend', 'time', kafka, 95, 4),
    ...['kafka_writer_write_count', 'kafka_writer_message_count'].map((m) => spec(m, 'counter', 'default', kafka, 95, 1)),
    spec('kafka_writer_message_bytes', 'counter', 'data', kafka, 95, 420),
    spec('kafka_publish_latency', 'trend', 'time', { scenario: 'kafka-publish' }, 95, 5),
    spec('checks', 'rate', 'default', { check: 'event acknowledged by the broker', scenario: 'kafka-publish' }, 95, 1),
    spec('iterations', 'counter', 'default', { scenario: 'kafka-publish' }, 95, 1),
    spec('iteration_duration', 'trend', 'time', { scenario: 'kafka-publish' }, 95, 5.5),
  ];
}

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
/** Log-normal around the median, with a heavier tail now and then. */
const latency = (median: number) => median * Math.exp(0.35 * (rand() + rand() + rand() - 1.5) * 2) * (rand() < 0.01 ? 3 : 1);

/** A few ready-made seconds per trend series and drift level: encoding every second would dwarf the analysis. */
const VARIANTS = 6;
const DRIFT_LEVELS = 8;

function trendDelta(series: SeriesSpec, count: number, drift: number): Omit<SeriesDelta, 'metric' | 'type' | 'contains' | 'tags'> {
  const histogram = createHistogram();
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let last = 0;
  for (let i = 0; i < count; i++) {
    last = series.level === 0 ? 0 : Math.round(latency(series.level * drift) * 1e6) / 1e6;
    recordTrendValue(histogram, last);
    sum += last;
    min = Math.min(min, last);
    max = Math.max(max, last);
  }
  return { count, sum, min, max, last, hdr: encodeHistogram(histogram) };
}

async function write(stream: Gzip | WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** What writeSoakRun wrote. */
export interface SoakRunFiles {
  seconds: number;
  records: number;
  seriesPerSecond: number;
  serverSamples: number;
}

/** Writes timeline.ndjson.gz and server.ndjson for `plan` (its totalMs and stages) into `dir`. */
export async function writeSoakRun(dir: string, plan: Plan, startedAt: number): Promise<SoakRunFiles> {
  const seconds = Math.ceil(plan.totalMs / 1000);
  const steady = mixSeries();
  const errors = httpSeries('product-get', 'GET', 'GET /products/{id}', '503', 2, 2, []);
  const pools = new Map<SeriesSpec, ReturnType<typeof trendDelta>[][]>();
  for (const series of [...steady, ...errors]) {
    if (series.type !== 'trend') continue;
    pools.set(series, Array.from({ length: DRIFT_LEVELS }, (_, level) =>
      Array.from({ length: VARIANTS }, () => trendDelta(series, Math.round(series.rate), 1 + 0.2 * (level / DRIFT_LEVELS)))));
  }

  const gzip = createGzip();
  const file = createWriteStream(path.join(dir, 'timeline.ndjson.gz'));
  gzip.pipe(file);
  const header: TimelineHeader = { kind: 'header', version: 1, startedAt, hdrUnit: 'us', significantDigits: 3 };
  await write(gzip, JSON.stringify(header) + '\n');
  let records = 0;
  for (let second = 0; second < seconds; second++) {
    const stage = plan.stages.find((s) => second * 1000 >= s.startMs && second * 1000 < s.endMs)?.label ?? plan.stages.at(-1)!.label;
    const drift = Math.min(DRIFT_LEVELS - 1, Math.floor((second / seconds) * DRIFT_LEVELS));
    const series = second % 97 === 13 ? [...steady, ...errors] : steady;
    let text = '';
    for (const s of series) {
      const tags = { ...s.tags, stage };
      let values: Omit<SeriesDelta, 'metric' | 'type' | 'contains' | 'tags'>;
      if (s.type === 'trend') {
        values = pools.get(s)![drift]![Math.floor(rand() * VARIANTS)]!;
      } else {
        const count = Math.max(1, Math.round(s.rate * (0.95 + 0.1 * rand())));
        if (s.type === 'rate') {
          const hits = Math.min(count, Math.round(count * s.level + (rand() - 0.5)));
          values = { count, sum: Math.max(0, hits), min: hits < count ? 0 : 1, max: hits > 0 ? 1 : 0, last: rand() < s.level ? 1 : 0 };
        } else {
          values = { count, sum: count * s.level, min: s.level, max: s.level, last: s.level };
        }
      }
      const record: TimelineRecord = { kind: 'series', second, time: startedAt + second * 1000, metric: s.metric, type: s.type, contains: s.contains, tags, ...values };
      text += JSON.stringify(record) + '\n';
      records++;
    }
    for (const gauge of ['vus', 'vus_max']) {
      const record: TimelineRecord = { kind: 'series', second, time: startedAt + second * 1000, metric: gauge, type: 'gauge', contains: 'default', tags: {}, count: 1, sum: 60, min: 60, max: 60, last: 60 };
      text += JSON.stringify(record) + '\n';
      records++;
    }
    await write(gzip, text);
  }
  gzip.end();
  await once(file, 'close');

  const server = createWriteStream(path.join(dir, 'server.ndjson'));
  let serverSamples = 0;
  for (let ms = 5000; ms <= plan.totalMs; ms += 5000) {
    const time = new Date(startedAt + ms).toISOString();
    const hours = ms / 3_600_000;
    const end = Math.round((ms / 1000) * 32);
    const partitions = [0, 1, 2].map((partition) => {
      const lag = Math.round(20 * rand());
      return { topic: 'loadbook.events', partition, committed: end - lag, from: end - lag, end, lag };
    });
    const samples: ServerSample[] = [
      {
        kind: 'saturation',
        time,
        source: 'http://127.0.0.1:3000/metrics',
        cpuPercent: 55 + 10 * rand(),
        heapUsedBytes: Math.round((48 + 3 * hours + 6 * rand()) * 1048576),
        gcPauses: { count: 3, seconds: 0.004 + 0.002 * rand() },
        eventLoopLagSeconds: 0.011 + 0.004 * rand(),
      },
      {
        kind: 'kafka-lag',
        time,
        source: 'kafka',
        group: 'loadbook-shop',
        partitions,
        total: partitions.reduce((sum, p) => sum + p.lag, 0),
      },
    ];
    for (const sample of samples) await write(server, JSON.stringify(sample) + '\n');
    serverSamples += samples.length;
  }
  server.end();
  await once(server, 'close');
  return { seconds, records, seriesPerSecond: records / seconds, serverSamples };
}
