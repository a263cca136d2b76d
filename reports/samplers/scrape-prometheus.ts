import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { LOOPBACK_ONLY, type HostAllowlist } from '../../engine/net/host-allowlist.ts';

/** One series value from a scrape: `name{labels} value`, with histogram/summary parts as their own names. */
export interface PrometheusSample {
  /** Series name as exposed, e.g. `nodejs_gc_duration_seconds_count` or `jvm_memory_used_bytes`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A whole scrape of one endpoint. */
export interface PrometheusScrape {
  /** The endpoint scraped. */
  readonly url: string;
  /** When the response arrived, in ms since the epoch. */
  readonly timeMs: number;
  readonly samples: readonly PrometheusSample[];
}

/** Options of {@link scrapePrometheus}. */
export interface ScrapeOptions {
  /**
   * How long the request (connect, headers and body) may take before it is aborted.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * Hosts the scrape may reach, redirects included.
   * @default LOOPBACK_ONLY
   */
  allowlist?: HostAllowlist;
}

/** Redirects a scrape follows, each to a host the allowlist allows. */
const MAX_REDIRECTS = 5;

const DEFAULT_TIMEOUT_MS = 5_000;

// The library folds every labelled series of a histogram or summary family into one object, dropping
// their labels, _count and _sum (its flattenMetrics keeps only unlabelled ones). Declared untyped, each
// `_bucket`, `_count`, `_sum` line is kept as a plain series with its labels, which is what derivation needs.
const FOLDED_TYPE = /^#\s+TYPE\s+(\S+)\s+(histogram|summary)\s*$/gim;
// Micrometer writes `# HELP name ` with an empty text for metrics without a description; the format allows
// it, but the library trims the line and rejects it. Help text is never used here, so it is dropped.
const HELP_LINE = /^#\s+HELP\b.*$/gm;
// The library only emits a family when it sees the line after it, so a body without a final newline
// would lose its last family.
const withFinalNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * Parses Prometheus text exposition format with parse-prometheus-text-format into flat samples.
 * @throws Error naming the bad line when the text is not in the format
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const families = parsePrometheusTextFormat(
    withFinalNewline(text).replace(HELP_LINE, '').replace(FOLDED_TYPE, '# TYPE $1 untyped'),
  );
  const samples: PrometheusSample[] = [];
  for (const family of families) {
    for (const metric of family.metrics) {
      if (metric.value === undefined) continue;
      samples.push({ name: family.name, labels: metric.labels ?? {}, value: Number(metric.value) });
    }
  }
  return samples;
}

/**
 * Fetches a Prometheus text endpoint and parses it.
 * @throws Error saying which endpoint failed and how: unreachable, timed out, non-2xx or unparsable
 */
export async function scrapePrometheus(url: string, options: ScrapeOptions = {}): Promise<PrometheusScrape> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const allowlist = options.allowlist ?? LOOPBACK_ONLY;
  const signal = AbortSignal.timeout(timeoutMs);
  let text: string;
  try {
    let response: Response;
    let next = new URL(url);
    for (let hop = 0; ; hop++) {
      const refusal = allowlist.refusal(next.hostname);
      if (refusal !== undefined) throw refusal;
      response = await fetch(withoutUserinfo(next), { headers: { accept: 'text/plain;version=0.0.4', ...basicAuth(next) }, signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null || hop === MAX_REDIRECTS) break;
      await response.body?.cancel();
      next = new URL(location, next);
    }
    text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(`could not scrape ${url}: ${reason(error, timeoutMs)}`, { cause: error });
  }
  try {
    return { url, timeMs: Date.now(), samples: parsePrometheusText(text) };
  } catch (error) {
    throw new Error(`could not parse ${url}; expected Prometheus text format: ${reason(error, timeoutMs)}`, {
      cause: error,
    });
  }
}

/** fetch refuses a URL with credentials: `http://user:pw@host/metrics` is sent as Basic authentication instead. */
function basicAuth(url: URL): { authorization?: string } {
  if (url.username === '' && url.password === '') return {};
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function withoutUserinfo(url: URL): URL {
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  return bare;
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message ?? String(error);
  return cause?.code ? `${message} (${cause.code})` : message;
}
