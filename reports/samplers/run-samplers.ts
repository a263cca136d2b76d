import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HostAllowlist } from '../../engine/net/host-allowlist.ts';
import { deriveSaturation } from './derive-saturation.ts';
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
   * A failing source records its first error, then at most one error line per this interval.
   * @default 60000
   */
  errorIntervalMs?: number;
  /**
   * Hosts besides loopback the samplers may reach: endpoints, redirects and Kafka brokers outside them
   * fail as sampler errors, without a connection.
   * @default [] (loopback only)
   */
  allowHosts?: readonly string[];
}

/** Samplers running alongside a phase. */
export interface RunningSamplers {
  /** Stops sampling, waits for samples under way, closes the Kafka client and the file. Never rejects. */
  stop(): Promise<void>;
}

/** One source sampled in a loop: a Prometheus endpoint or the Kafka lag reader. */
interface Source {
  readonly name: string;
  /** Takes one sample and returns the lines it yields. */
  sample(): Promise<ServerSample[]>;
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
  const write = (line: ServerSample): void => {
    if (!out.destroyed) out.write(`${JSON.stringify(line)}\n`);
  };

  const allowlist = new HostAllowlist(options.allowHosts);
  const sources: Source[] = options.endpoints.map((url) => endpointSource(url, timeoutMs, allowlist));
  if (options.kafka && options.kafka.groups.length > 0) sources.push(kafkaSource(options.kafka, timeoutMs, allowlist));

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  for (const source of sources) {
    let lastErrorAt = -Infinity;
    let suppressed = 0;
    const once = async (): Promise<void> => {
      try {
        for (const line of await source.sample()) if (!stopped) write(line);
      } catch (error) {
        if (stopped) return;
        const now = Date.now();
        if (now - lastErrorAt < errorIntervalMs) {
          suppressed += 1;
          return;
        }
        write({ time: new Date(now).toISOString(), source: source.name, kind: 'sampler-error', error: message(error), suppressed });
        lastErrorAt = now;
        suppressed = 0;
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
    await Promise.allSettled(sources.map((source) => source.close?.()));
    await new Promise<void>((resolve) => out.end(resolve));
  };
  return { stop: () => (stopping ??= stop()) };
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
      if (!pair) return [];
      return [{ time: new Date(current.timeMs).toISOString(), source: url, kind: 'saturation', ...deriveSaturation(pair) }];
    },
  };
}

function kafkaSource(kafka: { brokers: string[]; groups: string[] }, timeoutMs: number, allowlist: HostAllowlist): Source {
  const sampler = createKafkaLagSampler({ ...kafka, timeoutMs, allowlist });
  return {
    name: 'kafka',
    async sample() {
      const groups = await sampler.sample();
      const time = new Date().toISOString();
      return groups.map((lag) => ({ time, source: 'kafka', kind: 'kafka-lag', ...lag }));
    },
    close: () => sampler.close(),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
