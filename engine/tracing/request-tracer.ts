import type { IncomingHttpHeaders } from 'node:http';
import type { Exemplar } from '../output/exemplar.ts';
import { Redactor } from '../runtime/redactor.ts';
import type { ScenarioState } from '../runtime/scenario-state.ts';
import { ExemplarReservoir } from './exemplar-reservoir.ts';
import { parseTraceparent, TraceparentSource } from './traceparent-source.ts';

/** What a run with tracing does. */
export interface TracingOptions {
  /**
   * The slowest traced requests kept per scenario, as exemplars in `exemplars.json`.
   * @default 10
   */
  exemplarsPerScenario: number;
}

/** `reports.topN`'s default: as many exemplars per scenario as the report lists. */
export const DEFAULT_EXEMPLARS_PER_SCENARIO = 10;

/** `X-Cache: HIT|MISS`, the reference shop's product cache header, as the `cache.hit` attribute. */
function cacheHitOf(headers: IncomingHttpHeaders | undefined): string | undefined {
  const value = headers?.['x-cache'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim().toUpperCase();
  return text === 'HIT' ? 'true' : text === 'MISS' ? 'false' : undefined;
}

/**
 * The tracing of one thread's VUs: hands out `traceparent` values and keeps, per scenario, the slowest
 * traced requests. Nothing exists of it when tracing is off, so the modules' cost then is one check.
 */
export class RequestTracer {
  private readonly ids = new TraceparentSource();
  private readonly reservoirs = new Map<string, ExemplarReservoir>();
  /** Exemplars kept since the last `takeNew()`; an evicted one leaves before it was ever sent. */
  private readonly fresh = new Set<Exemplar>();

  constructor(
    readonly exemplarsPerScenario: number,
    private readonly redactor: Redactor = new Redactor(),
  ) {}

  /** A new `traceparent` value: random trace id and parent id, sampled. */
  traceparent(): string {
    return this.ids.next();
  }

  /** The `traceparent` header the script set itself, whatever its case, or undefined. */
  scriptTraceparent(headers: Record<string, string>): string | undefined {
    for (const name in headers) {
      if (name.length === 11 && name.toLowerCase() === 'traceparent') return headers[name];
    }
    return undefined;
  }

  /**
   * Offers a finished traced request. Requests outside a scenario (setup, teardown) and requests faster
   * than the scenario's kept ones cost a lookup and a comparison; only a kept one builds its exemplar.
   */
  record(
    scenario: ScenarioState | undefined,
    traceparent: string,
    metric: string,
    durationMs: number,
    name: string,
    status: number,
    headers: IncomingHttpHeaders | undefined,
  ): void {
    if (scenario === undefined) return;
    let reservoir = this.reservoirs.get(scenario.name);
    if (reservoir === undefined) {
      reservoir = new ExemplarReservoir(this.exemplarsPerScenario);
      this.reservoirs.set(scenario.name, reservoir);
    }
    if (!reservoir.admits(durationMs)) return;
    const ids = parseTraceparent(traceparent);
    // A script's own malformed traceparent went out as it was, but names no trace to look up.
    if (ids === undefined) return;
    const attributes: Record<string, string> = {};
    const cacheHit = cacheHitOf(headers);
    if (cacheHit !== undefined) attributes['cache.hit'] = cacheHit;
    const exemplar: Exemplar = {
      traceId: ids.traceId,
      spanId: ids.spanId,
      metric,
      durationMs,
      time: new Date(performance.timeOrigin + performance.now() - durationMs).toISOString(),
      scenario: scenario.name,
      // Masked only for a kept exemplar: the request's name tag may be its URL, credentials and all.
      name: this.redactor.url(name),
      status: String(status),
      attributes,
    };
    const left = reservoir.add(exemplar);
    this.fresh.add(exemplar);
    if (left !== undefined) this.fresh.delete(left);
  }

  /** The exemplars kept since the previous call, for the main thread to merge. */
  takeNew(): Exemplar[] {
    if (this.fresh.size === 0) return [];
    const taken = [...this.fresh];
    this.fresh.clear();
    return taken;
  }
}
