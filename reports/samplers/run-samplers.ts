import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HostAllowlist } from '../../engine/net/host-allowlist.ts';
import { Redactor, type RedactOptions } from '../../engine/runtime/redactor.ts';
import { deriveSaturation } from './derive-saturation.ts';
import { SourceFailures } from './failure-log.ts';
import { createKafkaLagSampler } from './kafka-lag-sampler.ts';
import { scrapePrometheus, type PrometheusScrape } from './scrape-prometheus.ts';
import type { ServerSample } from './server-sample.ts';

/** What to sample during a run, and where to write it. */
export interface SamplersOptions {
  /** Prometheus text endpoints of the target, e.g. `http://127.0.0.1:3000/metrics`. */
  endpoints: string[];
  /** Consumer groups whose lag to sample; no Kafka sampling when absent. */
  kafka?: { brokers: string[]; groups: string[] };
  /** Time between the end of one sample and the start of the next, per source. */
  intervalMs: number;
  /** The `server.ndjson` file lines are appended to; its folder is created when missing. */
  file: string;
  /**
   * Longest a single scrape or lag read may take.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * A failing source records its first error, then at most one error line per this interval; the count
   * of those held back is written with the next line, the next success or at stop.
   * @default 60000
   */
  errorIntervalMs?: number;
  /**
   * Epoch ms the run started, from which a consumer group without a commit counts its lag.
   * @default the time the samplers start
   */
  startedAtMs?: number;
  /**
   * Hosts besides loopback the samplers may reach: endpoints, redirects and Kafka brokers outside them
   * fail as sampler errors, without a connection.
   * @default [] (loopback only)
   */
  allowHosts?: readonly string[];
  /**
   * Credentials masked in every line written: URL userinfo always, and these query parameters and headers
   * (an endpoint such as `http://user:pw@host/metrics?token=…` names itself in each sample and error).
   * @default DEFAULT_REDACT
   */
  redact?: Readonly<RedactOptions>;
}

/** Samplers running alongside a phase. */
export interface RunningSamplers {
  /** Stops sampling, waits for samples under way, closes the Kafka client and the file. Never rejects. */
  stop(): Promise<void>;
}

/** What one read of a source yields. */
interface SourceReading {
  readonly samples: ServerSample[];
  /** Parts of the source read on their own (the Kafka source's groups): each one's error, or none when it was read. */
  readonly parts?: { readonly group: string; readonly error?: string }[];
}

/** One source sampled in a loop: a Prometheus endpoint or the Kafka lag reader. */
interface Source {
  readonly name: string;
  /** Takes one sample. */
  sample(): Promise<SourceReading>;
  close?(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_ERROR_INTERVAL_MS = 60_000;

/**
 * Starts one sampling loop per endpoint, plus one for Kafka lag, appending a JSON line per sample to
 * `file`. A failing sampler records `sampler-error` lines and keeps trying; nothing here throws into the run.
 */
export function startSamplers(options: SamplersOptions): RunningSamplers {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const errorIntervalMs = options.errorIntervalMs ?? DEFAULT_ERROR_INTERVAL_MS;
  mkdirSync(dirname(options.file), { recursive: true });
  const out = createWriteStream(options.file, { flags: 'a' });
  // A file that cannot be written loses samples, never the run.
  out.on('error', () => {});
  const redactor = new Redactor(options.redact);
  const write = (line: ServerSample): void => {
    if (!out.destroyed) out.write(`${redactor.text(JSON.stringify(line))}\n`);
  };

  const allowlist = new HostAllowlist(options.allowHosts);
  const sources: Source[] = options.endpoints.map((url) => endpointSource(url, timeoutMs, allowlist));
  if (options.kafka && options.kafka.groups.length > 0) {
    sources.push(kafkaSource(options.kafka, timeoutMs, options.startedAtMs ?? Date.now(), allowlist));
  }

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const logs = sources.map((source) => new SourceFailures(source.name, errorIntervalMs, write));

  for (const [index, source] of sources.entries()) {
    const failures = logs[index]!;
    const once = async (): Promise<void> => {
      try {
        const reading = await source.sample();
        if (!stopped) record(reading, failures, write);
      } catch (error) {
        if (!stopped) failures.whole.failed(message(error), Date.now());
      }
    };
    const loop = (): void => {
      const running = once();
      inFlight.add(running);
      void running.then(() => {
        inFlight.delete(running);
        if (stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          loop();
        }, options.intervalMs);
        // Samplers serve the run; they must never be what keeps the process alive.
        timer.unref();
        timers.add(timer);
      });
    };
    loop();
  }

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.allSettled([...inFlight]);
    for (const log of logs) log.flush();
    await Promise.allSettled(sources.map((source) => source.close?.()));
    await new Promise<void>((resolve) => out.end(resolve));
  };
  return { stop: () => (stopping ??= stop()) };
}

/** Writes a successful read's samples and notes which of its parts failed. */
function record(reading: SourceReading, failures: SourceFailures, write: (line: ServerSample) => void): void {
  const now = Date.now();
  failures.whole.succeeded(now);
  for (const line of reading.samples) write(line);
  for (const { group, error } of reading.parts ?? []) {
    if (error === undefined) failures.part(group).succeeded(now);
    else failures.part(group).failed(error, now);
  }
}

/** Scrapes `url`; from the second scrape on, each one yields the saturation since the previous. */
function endpointSource(url: string, timeoutMs: number, allowlist: HostAllowlist): Source {
  let previous: PrometheusScrape | undefined;
  return {
    name: url,
    async sample() {
      const current = await scrapePrometheus(url, { timeoutMs, allowlist });
      const pair = previous && { previous, current };
      previous = current;
      if (!pair) return { samples: [] };
      return { samples: [{ time: new Date(current.timeMs).toISOString(), source: url, kind: 'saturation', ...deriveSaturation(pair) }] };
    },
  };
}

/** Lag of each group; a group the broker does not know is a failure of its own, not a lag of 0. */
function kafkaSource(kafka: { brokers: string[]; groups: string[] }, timeoutMs: number, sinceMs: number, allowlist: HostAllowlist): Source {
  const sampler = createKafkaLagSampler({ ...kafka, timeoutMs, sinceMs, allowlist });
  return {
    name: 'kafka',
    async sample() {
      const readings = await sampler.sample();
      const time = new Date().toISOString();
      const samples: ServerSample[] = [];
      for (const reading of readings) if (reading.status !== 'missing') samples.push({ time, source: 'kafka', kind: 'kafka-lag', ...reading });
      const parts = readings.map((reading) => (reading.status === 'missing' ? { group: reading.group, error: reading.error } : { group: reading.group }));
      return { samples, parts };
    },
    close: () => sampler.close(),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
