import type { ScenarioName, ScenariosConfig } from './config.ts';

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
}

/** Every runnable scenario, by name. The k6 scenario name in `options.scenarios` is the same name. */
export const SCENARIOS: { readonly [N in ScenarioName]: ScenarioEntry<N> } = {
  'product-get': {
    script: 'scenarios/product-get.ts',
    exec: 'productGet',
    thresholds: (config) => ({
      // The runbook budget (p95 < 120 ms by default) is the question the scenario answers; a breach fails
      // the run with exit code 99, which the verdict turns into "block".
      'http_req_duration{scenario:product-get}': [`p(95)<${config.budgetP95Ms}`],
      // Latency of wrong answers is meaningless: with over 1% of checks failing (non-200, wrong product,
      // malformed body) the run measured errors, not the service, so it must not pass.
      'checks{scenario:product-get}': ['rate>0.99'],
    }),
  },
};

/** Scenario names in registry order. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Whether a string names a registered scenario. */
export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
