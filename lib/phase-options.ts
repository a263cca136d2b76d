import { PHASES, type PhaseProfile } from '../phases/index.ts';
import type { ScenarioName } from './config.ts';
import type { EnvSettings } from './read-config-from-env.ts';
import { SCENARIOS, type K6Scenario, type ScenarioEntry, type Thresholds } from './scenarios.ts';

/**
 * Trend statistics every summary carries: p90/p95/p99 because budgets are stated as p95 and reports show
 * the tail around it, `count` so a percentile is never read without its sample size.
 */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** The k6 `options` loadbook scripts export. Assignable to k6's `Options`. */
export interface LoadbookOptions {
  scenarios: Record<string, K6Scenario>;
  thresholds: Thresholds;
  summaryTrendStats: string[];
}

/**
 * The phase profile one scenario runs under: the phase from the settings at `baselineRate × weight`,
 * sized for the scenario's p95 budget.
 */
export function scenarioProfile(settings: EnvSettings, name: ScenarioName): PhaseProfile {
  const scenario = settings.config.scenarios[name];
  return PHASES[settings.phase].profile({
    baselineRate: settings.config.baselineRate * scenario.weight,
    budgetMs: scenario.budgetP95Ms,
    timeScale: settings.timeScale,
    headroom: settings.config.headroom,
    exec: SCENARIOS[name].exec,
  });
}

/**
 * Builds a script's exported k6 `options` for the named scenarios: each one's phase profile under its own
 * name, its thresholds, and SUMMARY_TREND_STATS. A scenario's entries depend only on the settings and its
 * own name, so the options of a multi-scenario plan are the union of each script's own options.
 */
export function buildPhaseOptions(settings: EnvSettings, names: readonly ScenarioName[]): LoadbookOptions {
  const options: LoadbookOptions = { scenarios: {}, thresholds: {}, summaryTrendStats: [...SUMMARY_TREND_STATS] };
  for (const name of names) {
    const profile = scenarioProfile(settings, name);
    const entry = SCENARIOS[name] as ScenarioEntry<typeof name>;
    const config = settings.config.scenarios[name] as never;
    Object.assign(options.scenarios, entry.k6Scenarios ? entry.k6Scenarios(profile, config) : { [name]: profile.scenario });
    Object.assign(options.thresholds, entry.thresholds(config));
  }
  return options;
}
