import { Ajv } from 'ajv';
import { ShopError, shown } from './shop-error.ts';

/**
 * Faults the shop injects. Per-request knobs (latency, errors) act on its business routes (products,
 * catalog, orders) and on gRPC calls, never on /health, /metrics or /admin, so a fault can always be
 * observed and turned off again. Process knobs (leak, consumer pause, crash) act on the whole shop
 * (see fault-effects.ts).
 *
 * Adding a knob happens here: a field, its default in DEFAULT_SHOP_FAULTS and its entry in FAULT_KNOBS.
 * The compiler insists on all three, and options, SHOP_FAULTS and /admin/faults pick it up from them.
 */
export interface ShopFaults {
  /**
   * Multiplies the time each handler took: 3 makes a 2 ms read answer after 6 ms. Timers have millisecond
   * resolution, so multiplying a sub-millisecond handler still adds about 1 ms. From 1 to 1000.
   * @default 1
   */
  latencyFactor: number;
  /**
   * Median milliseconds of a simulated downstream dependency (a database, another service) that every
   * faulty request waits on, drawn per request from a lognormal law with σ = 0.6, so its p95 is about
   * 2.7 × the median. latencyFactor multiplies this wait like the handler's own time, which makes the
   * factor a whole-service slowdown (the verdict accuracy harness injects regressions this way). From 0
   * to 10000.
   * @default 0
   */
  dependencyMs: number;
  /**
   * Milliseconds added to every response, on top of latencyFactor. From 0 to 300000 (5 minutes).
   * @default 0
   */
  extraLatencyMs: number;
  /**
   * Fraction of requests, from 0 to 1, answered with a 500 (gRPC: UNAVAILABLE) instead of being handled.
   * @default 0
   */
  errorRate: number;
  /**
   * Megabytes of heap the shop retains per minute, in one-second steps, as a memory leak would; it shows
   * in the heap metrics. Setting it back to 0 stops the leak and releases what it held. From 0 to 1024.
   * @default 0
   */
  leakMbPerMin: number;
  /**
   * Pauses the Kafka consumer group so its lag grows while producers go on; false resumes it. Without
   * Kafka brokers there is no consumer and the knob does nothing.
   * @default false
   */
  pauseConsumer: boolean;
  /**
   * Seconds until the shop process exits with code 70, counted from when the knob is set; 0 cancels.
   * Setting the same value again keeps the countdown running. Only a shop started through its CLI
   * (shop/main.ts, spawnShop, npm run shop) exits; an in-process startShop logs that it would have
   * crashed and keeps running, since exiting would take its host process down. From 0 to 86400.
   * @default 0
   */
  crashAfterS: number;
}

export const DEFAULT_SHOP_FAULTS: Readonly<ShopFaults> = Object.freeze({
  latencyFactor: 1,
  dependencyMs: 0,
  extraLatencyMs: 0,
  errorRate: 0,
  leakMbPerMin: 0,
  pauseConsumer: false,
  crashAfterS: 0,
});

interface FaultKnob {
  /** How the knob's valid values read in an error message, after "expected". */
  readonly expected: string;
  readonly schema: object;
}

const FAULT_KNOBS = {
  // Below 1 would mean answering faster than the handler ran, which a delay cannot do; above 1000 a
  // 100 ms read would be held for minutes.
  latencyFactor: { expected: 'a number from 1 to 1000', schema: { type: 'number', minimum: 1, maximum: 1000 } },
  // Ten seconds of median wait already times out most clients; the tail reaches about 27 s.
  dependencyMs: {
    expected: 'a number of milliseconds from 0 to 10000',
    schema: { type: 'number', minimum: 0, maximum: 10_000 },
  },
  // Five minutes outlasts any client timeout; longer delays would only pile up held sockets.
  extraLatencyMs: {
    expected: 'a number of milliseconds from 0 to 300000',
    schema: { type: 'number', minimum: 0, maximum: 300_000 },
  },
  errorRate: { expected: 'a number from 0 to 1', schema: { type: 'number', minimum: 0, maximum: 1 } },
  // A gigabyte a minute exhausts a default Node heap within minutes, which is as fast as a leak is useful.
  leakMbPerMin: {
    expected: 'a number of megabytes per minute from 0 to 1024',
    schema: { type: 'number', minimum: 0, maximum: 1024 },
  },
  pauseConsumer: { expected: 'true or false', schema: { type: 'boolean' } },
  // A day covers any soak; fractions are allowed so tests need not wait whole seconds.
  crashAfterS: {
    expected: 'a number of seconds from 0 to 86400',
    schema: { type: 'number', minimum: 0, maximum: 86_400 },
  },
} as const satisfies Record<keyof ShopFaults, FaultKnob>;

const KNOB_NAMES = Object.keys(FAULT_KNOBS) as (keyof ShopFaults)[];

const validate = new Ajv().compile({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(KNOB_NAMES.map((name) => [name, FAULT_KNOBS[name].schema])),
});

const EXAMPLE = '{"extraLatencyMs":50}';

/**
 * Validates a partial fault set and fills the knobs it leaves out with their defaults.
 *
 * @param source where the value came from (`SHOP_FAULTS`, `PUT /admin/faults`), named in error messages
 * @throws ShopError with a one-line reason naming the knob, what it accepts and the value given
 */
export function parseShopFaults(value: unknown, source: string): ShopFaults {
  // Callers in code may spread options with undefined knobs; treat those as left out, as JSON would.
  const given = isPlainObject(value)
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))
    : value;
  if (!validate(given)) {
    const error = validate.errors?.[0];
    const name = error?.instancePath.split('/')[1];
    if (!isPlainObject(given) || !name) {
      const unknown = error?.params['additionalProperty'] as string | undefined;
      if (unknown !== undefined) {
        throw new ShopError(
          `unknown fault ${shown(unknown)} in ${source}; expected one of ${KNOB_NAMES.join(', ')}`,
        );
      }
      throw new ShopError(`invalid faults in ${source}; expected a JSON object such as ${EXAMPLE}, got ${shown(given)}`);
    }
    const knob = FAULT_KNOBS[name as keyof ShopFaults];
    throw new ShopError(`invalid fault ${name} in ${source}; expected ${knob.expected}, got ${shown(given[name])}`);
  }
  return { ...DEFAULT_SHOP_FAULTS, ...(given as Partial<ShopFaults>) };
}

/** parseShopFaults for JSON text, such as the SHOP_FAULTS variable or a request body. */
export function parseShopFaultsJson(text: string, source: string): ShopFaults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const sample = text.length > 80 ? `${text.slice(0, 80)}...` : text;
    throw new ShopError(`invalid JSON in ${source}; expected a JSON object such as ${EXAMPLE}, got ${shown(sample)}`);
  }
  return parseShopFaults(value, source);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
