/**
 * loadbook's configuration: the interface, its defaults and nothing else, so VUs can import it freely.
 * The Node side loads it with plan/load-config.ts (file, `LOADBOOK_*` env and flags, ajv-validated against
 * schemas/config.schema.json); VUs read the resolved copy from `__ENV.LOADBOOK_CONFIG` via
 * lib/read-config-from-env.ts.
 */

import type { VerdictConfig } from './verdict-config.ts';

/** Port the reference shop listens on when a phase script starts it. */
export const SHOP_DEFAULT_PORT = 3300;

/** Port of the reference shop's gRPC Inventory service when a phase script starts the shop. */
export const SHOP_GRPC_DEFAULT_PORT = 3301;

/** Port of the embedded Kafka broker that scripts/kafka starts. */
export const KAFKA_DEFAULT_PORT = 39092;

/** Where load goes. */
export interface TargetConfig {
  /**
   * Base URL of the system under test, without a trailing slash. Only loopback hosts and hosts listed in
   * `allowHosts` may be targeted.
   * @default 'http://127.0.0.1:3300'
   */
  baseUrl: string;
  /**
   * host:port of the gRPC Inventory service (plaintext).
   * @default '127.0.0.1:3301'
   */
  grpcAddress: string;
  /**
   * URL of the WebSocket broadcast hub.
   * @default 'ws://127.0.0.1:3300/ws'
   */
  wsUrl: string;
}

/** The Kafka cluster events go to. The default is the embedded broker that loadbook's scripts start. */
export interface KafkaConfig {
  /**
   * Bootstrap brokers, host:port. Left at the default, phase scripts start the embedded broker.
   * @default ['127.0.0.1:39092']
   */
  brokers: string[];
  /**
   * Topic the shop publishes OrderCreated events to, and its consumer group reads.
   * @default 'shop.orders'
   */
  ordersTopic: string;
  /**
   * Consumer groups whose lag the samplers read.
   * @default ['shop-consumer']
   */
  consumerGroups: string[];
}

/**
 * Credentials masked in everything a run writes: tags (timeline, `--out json`), exemplars, engine.log and
 * reports. URL userinfo is always masked, as k6 does (`http://****:****@host/`); these lists name what
 * else is. A list given replaces the default one.
 */
export interface RedactConfig {
  /**
   * Query parameters whose values are written as `****`, matched without regard to case.
   * @default ['token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'key', 'secret', 'client_secret', 'password', 'passwd', 'pwd', 'auth', 'signature', 'sig', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token']
   */
  queryParams: string[];
  /**
   * Headers whose values are written as `****` wherever a log line shows them, matched without regard to case.
   * @default ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token']
   */
  headers: string[];
}

/** Reports: what the samplers and the analysis of a run use. */
export interface ReportsConfig {
  /**
   * Seconds between two samples of each metrics endpoint and of the Kafka lag during a run.
   * @default 5
   */
  sampleIntervalS: number;
  /**
   * Hit ratio the product cache should reach after warm-up (the caching check, docs/runbook.md §6).
   * @default 0.85
   */
  cacheHitTarget: number;
  /**
   * Warm-up excluded from the cache hit ratio, in unscaled seconds (10 min, docs/runbook.md §6); multiplied by
   * the run's time scale.
   * @default 600
   */
  cacheWarmupS: number;
  /**
   * Key buckets listed when the hit ratio is below target, and slowest traced requests listed as exemplars.
   * @default 10
   */
  topN: number;
  /**
   * Heap growth in MiB per hour, with a good linear fit (R² ≥ 0.5), above which a soak flags a suspected leak.
   * @default 50
   */
  leakMibPerHour: number;
}

/** Fields every scenario has. */
export interface ScenarioConfigBase {
  /**
   * Multiplier on `baselineRate` for this scenario: it runs at `baselineRate × weight` iterations/s. A mix
   * that should add up to the baseline gives weights summing to 1.
   * @default 1
   */
  weight: number;
  /** The p95 latency budget in ms (docs/runbook.md §10); the scenario's threshold and its VU sizing use it. */
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

/** Order POST: posts a JSON order of catalog items with an Idempotency-Key. */
export interface OrderPostConfig extends ScenarioConfigBase {
  /** @default 180 */
  budgetP95Ms: number;
  /** @default '/orders' */
  path: string;
  /** Items are drawn from product ids 1..catalogSize. @default 10000 */
  catalogSize: number;
  /** An order has 1..maxItems lines. @default 5 */
  maxItems: number;
  /** Each line has quantity 1..maxQuantity. @default 3 */
  maxQuantity: number;
}

/** Inventory over gRPC: GetStock, and Reserve for a share of calls. */
export interface InventoryGrpcConfig extends ScenarioConfigBase {
  /** @default 40 */
  budgetP95Ms: number;
  /**
   * Deadline of every call, below the upstream SLA (250 ms) so a slow Inventory fails fast rather than
   * holding its caller past the SLA.
   * @default 200
   */
  deadlineMs: number;
  /** @default 10000 */
  catalogSize: number;
  /** Share of calls that are Reserve rather than GetStock. @default 0.2 */
  reserveRatio: number;
}

/** Broadcast over WebSocket: publishers send stamped messages; subscribers time their arrival. */
export interface WsBroadcastConfig extends ScenarioConfigBase {
  /** @default 150 */
  budgetP95Ms: number;
  /** Room every publisher and subscriber joins. @default 'lobby' */
  room: string;
  /** Subscriber VUs, connected for the whole phase. @default 10 */
  subscribers: number;
  /** Size of each message's payload. @default 256 */
  payloadBytes: number;
}

/** Event publish: produces keyed JSON events to Kafka. */
export interface KafkaPublishConfig extends ScenarioConfigBase {
  /** @default 50 */
  budgetP95Ms: number;
  /** @default 'loadbook.events' */
  topic: string;
  /** @default 512 */
  payloadBytes: number;
}

/** Per-scenario settings, by scenario name. Each has its entry in schemas/config.schema.json. */
export interface ScenariosConfig {
  'product-get': ProductGetConfig;
  'order-post': OrderPostConfig;
  'inventory-grpc': InventoryGrpcConfig;
  'ws-broadcast': WsBroadcastConfig;
  'kafka-publish': KafkaPublishConfig;
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
   * @default { brokers: ['127.0.0.1:39092'], ordersTopic: 'shop.orders', consumerGroups: ['shop-consumer'] }
   */
  kafka: KafkaConfig;
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
  /**
   * Adds a W3C `traceparent` to every HTTP and gRPC request and keeps the slowest ones as exemplars
   * (`exemplars.json` in the run folder).
   * @default false
   */
  tracing: boolean;
  /**
   * @default { queryParams: ['token', 'api_key', …], headers: ['authorization', 'cookie', …] }
   */
  redact: RedactConfig;
  /**
   * @default { sampleIntervalS: 5, cacheHitTarget: 0.85, cacheWarmupS: 600, topN: 10, leakMibPerHour: 50 }
   */
  reports: ReportsConfig;
  /**
   * @default { regressionThreshold: 1.2, consecutive: { ratio: 1.3, builds: 2 }, historyDir: 'out/history', baselinesDir: 'docs/perf/baselines', rules: the table of docs/runbook.md §16 }
   */
  verdict: VerdictConfig;
}

/**
 * The p95 budgets in ms of docs/runbook.md §10 for every interaction, including scenarios not written yet; their
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
  target: { baseUrl: SHOP_URL, grpcAddress: `127.0.0.1:${SHOP_GRPC_DEFAULT_PORT}`, wsUrl: `ws://127.0.0.1:${SHOP_DEFAULT_PORT}/ws` },
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
    'order-post': {
      weight: 1,
      budgetP95Ms: RUNBOOK_BUDGETS_P95_MS['order-post'],
      path: '/orders',
      catalogSize: 10_000,
      maxItems: 5,
      maxQuantity: 3,
    },
    'inventory-grpc': {
      weight: 1,
      budgetP95Ms: RUNBOOK_BUDGETS_P95_MS['inventory-grpc'],
      deadlineMs: 200,
      catalogSize: 10_000,
      reserveRatio: 0.2,
    },
    'ws-broadcast': {
      weight: 1,
      budgetP95Ms: RUNBOOK_BUDGETS_P95_MS['ws-broadcast'],
      room: 'lobby',
      subscribers: 10,
      payloadBytes: 256,
    },
    'kafka-publish': {
      weight: 1,
      budgetP95Ms: RUNBOOK_BUDGETS_P95_MS['kafka-publish'],
      topic: 'loadbook.events',
      payloadBytes: 512,
    },
  },
  kafka: { brokers: [`127.0.0.1:${KAFKA_DEFAULT_PORT}`], ordersTopic: 'shop.orders', consumerGroups: ['shop-consumer'] },
  allowHosts: [],
  metricsEndpoints: [`${SHOP_URL}/metrics`],
  tracing: false,
  redact: {
    queryParams: [
      'token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'key', 'secret', 'client_secret',
      'password', 'passwd', 'pwd', 'auth', 'signature', 'sig', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
    ],
    headers: ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token'],
  },
  reports: { sampleIntervalS: 5, cacheHitTarget: 0.85, cacheWarmupS: 600, topN: 10, leakMibPerHour: 50 },
  verdict: {
    regressionThreshold: 1.2,
    consecutive: { ratio: 1.3, builds: 2 },
    historyDir: 'out/history',
    baselinesDir: 'docs/perf/baselines',
    rules: {
      'error-rate': { threshold: 0.01, action: 'roll back or investigate' },
      'kafka-lag': { threshold: 5000, windowMs: 5 * 60_000, action: 'scale consumers' },
      cpu: { threshold: 85, windowMs: 10 * 60_000, action: 'scale horizontally' },
      'gc-pauses': { threshold: 0.5, count: 5, action: 'investigate allocation' },
    },
  },
});
