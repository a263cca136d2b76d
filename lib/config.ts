/**
 * loadbook's configuration: the interface, its defaults and nothing else, so VUs can import it freely.
 * The Node side loads it with plan/load-config.ts (file, `LOADBOOK_*` env and flags, ajv-validated against
 * schemas/config.schema.json); VUs read the resolved copy from `__ENV.LOADBOOK_CONFIG` via
 * lib/read-config-from-env.ts.
 */

/** Port the reference shop listens on when a phase script starts it. */
export const SHOP_DEFAULT_PORT = 3300;

/** Where load goes. */
export interface TargetConfig {
  /**
   * Base URL of the system under test, without a trailing slash. Only loopback hosts and hosts listed in
   * `allowHosts` may be targeted.
   * @default 'http://127.0.0.1:3300'
   */
  baseUrl: string;
}

/** Fields every scenario has. */
export interface ScenarioConfigBase {
  /**
   * Multiplier on `baselineRate` for this scenario: it runs at `baselineRate × weight` iterations/s. A mix
   * that should add up to the baseline gives weights summing to 1.
   * @default 1
   */
  weight: number;
  /** The runbook's p95 latency budget in ms; the scenario's threshold and its VU sizing use it. */
  budgetP95Ms: number;
}

/** Product GET: reads one product by id, ids drawn Zipf-like so the shop's LRU cache sees realistic reuse. */
export interface ProductGetConfig extends ScenarioConfigBase {
  /**
   * @default 120
   */
  budgetP95Ms: number;
  /**
   * Request path; `{id}` is replaced by the product id. Also the request's `name` tag, so ids don't
   * multiply metric series.
   * @default '/products/{id}'
   */
  path: string;
  /**
   * Ids are drawn from 1..catalogSize; must not exceed the shop's product count.
   * @default 10000
   */
  catalogSize: number;
  /**
   * Zipf exponent s: id k is drawn with probability ∝ 1/k^s. 1.15 gives the shop's 2000-entry LRU cache
   * over 10000 products a hit ratio of about 88% (Che's approximation for LRU), the 85–90% a warm product
   * cache sees in production; s = 1.0 would give only about 77%.
   * @default 1.15
   */
  zipfExponent: number;
}

/**
 * Per-scenario settings, by scenario name. Scenarios are added here as they are written (order-post,
 * inventory-grpc, ws-broadcast and kafka-publish follow, with the runbook budgets in
 * RUNBOOK_BUDGETS_P95_MS), together with their entry in schemas/config.schema.json.
 */
export interface ScenariosConfig {
  'product-get': ProductGetConfig;
}

/** Name of a configured scenario; also its script's file name under scenarios/. */
export type ScenarioName = keyof ScenariosConfig;

/** The whole configuration. Every field has a default that targets the local reference shop. */
export interface LoadbookConfig {
  /**
   * @default { baseUrl: 'http://127.0.0.1:3300' }
   */
  target: TargetConfig;
  /**
   * Iterations per second at baseline, the load the service must hold within budget. Phases derive their
   * rates from it (smoke 10%, ramp up to 3×, spike 5×).
   * @default 100
   */
  baselineRate: number;
  /**
   * Little's-law headroom: preAllocatedVUs = rate × budget × headroom, so VUs still suffice when latency
   * reaches headroom × budget.
   * @default 3
   */
  headroom: number;
  /**
   * @default { 'product-get': { weight: 1, budgetP95Ms: 120, path: '/products/{id}', catalogSize: 10000, zipfExponent: 1.15 } }
   */
  scenarios: ScenariosConfig;
  /**
   * Hosts besides loopback (127.0.0.0/8, localhost, ::1) that load may be sent to. Every phase refuses
   * any other host.
   * @default []
   */
  allowHosts: string[];
  /**
   * Prometheus endpoints the samplers scrape during a run.
   * @default ['http://127.0.0.1:3300/metrics']
   */
  metricsEndpoints: string[];
}

/**
 * The runbook's p95 budgets in ms for every interaction, including scenarios not written yet; their
 * config entries take their `budgetP95Ms` default from here.
 */
export const RUNBOOK_BUDGETS_P95_MS = {
  'product-get': 120,
  'order-post': 180,
  'inventory-grpc': 40,
  'ws-broadcast': 150,
  'kafka-publish': 50,
} as const;

const SHOP_URL = `http://127.0.0.1:${SHOP_DEFAULT_PORT}`;

// Frozen all the way down: loaders copy the defaults before merging, and a stray write would otherwise
// change the defaults of every later load in the same process.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Defaults: the reference shop on loopback at 100 iterations/s. Deeply frozen. */
export const DEFAULT_CONFIG: Readonly<LoadbookConfig> = deepFreeze({
  target: { baseUrl: SHOP_URL },
  baselineRate: 100,
  headroom: 3,
  scenarios: {
    'product-get': {
      weight: 1,
      budgetP95Ms: RUNBOOK_BUDGETS_P95_MS['product-get'],
      path: '/products/{id}',
      catalogSize: 10_000,
      zipfExponent: 1.15,
    },
  },
  allowHosts: [],
  metricsEndpoints: [`${SHOP_URL}/metrics`],
});
