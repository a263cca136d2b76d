import { formatDuration, type ArrivalRateScenario, type PhaseProfile } from '../phases/index.ts';
import type { ScenarioName, ScenariosConfig } from './config.ts';

/** A listener scenario next to the load: VUs that stay connected for the whole phase. */
export interface ConstantVusScenario {
  executor: 'constant-vus';
  vus: number;
  duration: string;
  gracefulStop: string;
  exec: string;
}

export type K6Scenario = ArrivalRateScenario | ConstantVusScenario;

/** k6 thresholds: metric (with optional tag filter) → expressions. */
export type Thresholds = Record<string, string[]>;

/** How loadbook runs one scenario. */
export interface ScenarioEntry<N extends ScenarioName> {
  /** The k6 script, relative to the repository root. */
  script: string;
  /** The function the script exports for this scenario (k6 `exec`). */
  exec: string;
  /**
   * The scenario's thresholds, scoped to it with `{scenario:<name>}` so that in a mix one scenario can
   * neither hide nor cause another's breach. They live here, not in the script, because plan.json must
   * record them and the Node side cannot import a script (it imports k6 modules).
   */
  thresholds: (config: ScenariosConfig[N]) => Thresholds;
  /**
   * The k6 scenarios this loadbook scenario runs, when it needs more than its phase profile under its
   * own name (WebSocket subscribers listening beside the publishers, say).
   * @default { [name]: profile.scenario }
   */
  k6Scenarios?: (profile: PhaseProfile, config: ScenariosConfig[N]) => Record<string, K6Scenario>;
  /**
   * The k6 scenario that runs at the phase's rate, when it is not the one named after this scenario: its
   * iterations and dropped iterations are this scenario's traffic in reports.
   * @default the scenario's own name
   */
  paceScenario?: string;
}

/** The k6 scenario of the WebSocket publishers, who run at the phase's rate beside the subscribers. */
export const WS_PUBLISHERS_SCENARIO = 'ws-broadcast-publishers';

/** Subscribers connect this long before publishers start, and stay this long after they stop. */
export const WS_SUBSCRIBER_LEAD_MS = 1000;

/** A p95 budget on `metric` for the scenario's own samples, and a checks rate above 99%. */
function budgetAndChecks(name: ScenarioName, metric: string, budgetMs: number): Thresholds {
  return {
    // The budget (docs/runbook.md §10) is the question the scenario answers; a breach fails the run with
    // exit code 99, which the verdict turns into "block".
    [`${metric}{scenario:${name}}`]: [`p(95)<${budgetMs}`],
    // Latency of wrong answers is meaningless: with over 1% of checks failing the run measured errors,
    // not the service, so it must not pass.
    [`checks{scenario:${name}}`]: ['rate>0.99'],
  };
}

/** Every runnable scenario, by name. The k6 scenario name in `options.scenarios` is the same name. */
export const SCENARIOS: { readonly [N in ScenarioName]: ScenarioEntry<N> } = {
  'product-get': {
    script: 'scenarios/product-get.ts',
    exec: 'productGet',
    thresholds: (config) => budgetAndChecks('product-get', 'http_req_duration', config.budgetP95Ms),
  },
  'order-post': {
    script: 'scenarios/order-post.ts',
    exec: 'orderPost',
    thresholds: (config) => budgetAndChecks('order-post', 'http_req_duration', config.budgetP95Ms),
  },
  'inventory-grpc': {
    script: 'scenarios/inventory-grpc.ts',
    exec: 'inventoryGrpc',
    thresholds: (config) => budgetAndChecks('inventory-grpc', 'grpc_req_duration', config.budgetP95Ms),
  },
  'ws-broadcast': {
    script: 'scenarios/ws-broadcast.ts',
    exec: 'wsPublish',
    // Subscribers record the latency, so the budget is on their samples: the scenario named ws-broadcast
    // is the subscribers; the publishers, at the phase's rate, run as ws-broadcast-publishers.
    thresholds: (config) => ({
      // The broadcast budget (docs/runbook.md §10): publish to delivery at every subscriber.
      'ws_broadcast_latency{scenario:ws-broadcast}': [`p(95)<${config.budgetP95Ms}`],
      // A lost broadcast would shorten the latency list without failing it; the subscribers check counts.
      'checks{scenario:ws-broadcast}': ['rate>0.99'],
    }),
    paceScenario: WS_PUBLISHERS_SCENARIO,
    k6Scenarios: (profile, config) => ({
      [WS_PUBLISHERS_SCENARIO]: { ...profile.scenario, startTime: formatDuration(WS_SUBSCRIBER_LEAD_MS) },
      'ws-broadcast': {
        executor: 'constant-vus',
        vus: config.subscribers,
        duration: formatDuration(profile.totalMs + 2 * WS_SUBSCRIBER_LEAD_MS),
        gracefulStop: formatDuration(WS_SUBSCRIBER_LEAD_MS),
        exec: 'wsSubscribe',
      },
    }),
  },
  'kafka-publish': {
    script: 'scenarios/kafka-publish.ts',
    exec: 'kafkaPublish',
    thresholds: (config) => ({
      // The publish budget (docs/runbook.md §10): from produce() to the broker's acknowledgement.
      'kafka_publish_latency{scenario:kafka-publish}': [`p(95)<${config.budgetP95Ms}`],
      // Failed produces would not appear in the latency at all; the checks count them.
      'checks{scenario:kafka-publish}': ['rate>0.99'],
    }),
  },
};

/** Scenario names in registry order. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Whether a string names a registered scenario. */
export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
