import { OptionsError, shown } from '../errors.ts';
import { EXECUTORS, isExecutorKind } from '../executors/index.ts';
import type { CommonScenario, ScenarioConfig } from '../executors/executor-types.ts';
import { OptionReader } from '../executors/read-option.ts';
import type { MetricType, Tags } from '../metrics/metric-types.ts';
import { parseThresholds } from '../thresholds/index.ts';
import { formatNumber, maxVus, roundDown, THIS_MACHINE, vuCapacity, type Machine } from './machine-limits.ts';
import { parseDuration } from './parse-duration.ts';
import { DEFAULT_SUMMARY_TREND_STATS, type OptionOverrides, type TestOptions } from './test-options.ts';

type RawOptions = Record<string, unknown>;

const SHORTCUTS = ['vus', 'duration', 'iterations', 'stages'] as const;
/** The shortcuts that pick the executor; `vus` only sizes it. */
const EXECUTION_SHORTCUTS = ['duration', 'iterations', 'stages'] as const;
const TREND_STAT = /^(avg|min|med|max|count|p\((\d+(\.\d+)?)\))$/;

/** k6's shortcut options become one scenario named "default", as `k6 run` does. */
function shortcutScenario(options: RawOptions): Record<string, unknown> {
  const { vus, duration, iterations, stages } = options;
  if (stages !== undefined) return { executor: 'ramping-vus', startVUs: vus ?? 1, stages };
  // With both, k6 runs the iterations and stops them at the duration.
  if (iterations !== undefined) {
    return { executor: 'shared-iterations', vus: vus ?? 1, iterations, ...(duration === undefined ? {} : { maxDuration: duration }) };
  }
  if (duration !== undefined) return { executor: 'constant-vus', vus: vus ?? 1, duration };
  return { executor: 'shared-iterations', vus: vus ?? 1, iterations: vus ?? 1 };
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptionsError(`invalid ${what}; expected an object of string values, got ${shown(value)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

function readScenario(name: string, raw: unknown): ScenarioConfig {
  if (typeof raw !== 'object' || raw === null) throw new OptionsError(`invalid scenarios.${name}; expected an object, got ${shown(raw)}`);
  const options = raw as Record<string, unknown>;
  const executor = options.executor;
  if (!isExecutorKind(executor)) {
    throw new OptionsError(
      `invalid scenarios.${name}.executor ${shown(executor)}; expected one of ${Object.keys(EXECUTORS).join(', ')}`,
    );
  }
  const reader = new OptionReader(options, name);
  const exec = options.exec ?? 'default';
  if (typeof exec !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(exec)) {
    throw new OptionsError(`invalid scenarios.${name}.exec; expected the name of an exported function, got ${shown(exec)}`);
  }
  const common: CommonScenario = {
    name,
    executor,
    startTimeMs: reader.duration('startTime', '0s'),
    gracefulStopMs: reader.duration('gracefulStop', '30s'),
    exec,
    env: stringRecord(options.env, `scenarios.${name}.env`),
    tags: stringRecord(options.tags, `scenarios.${name}.tags`),
  };
  return (EXECUTORS[executor].read as (reader: OptionReader, common: CommonScenario) => ScenarioConfig)(reader, common);
}

/**
 * Refuses scenarios whose VUs cannot fit in the machine's memory, naming the scenario and option that
 * asks for the most, before a single VU is created.
 */
export function checkVusFit(scenarios: ScenarioConfig[], machine: Machine = THIS_MACHINE): void {
  const executorOf = (scenario: ScenarioConfig) =>
    EXECUTORS[scenario.kind] as unknown as { maxVus(config: ScenarioConfig): number; vusOption(config: ScenarioConfig): string };
  const sizes = scenarios.map((scenario) => ({ scenario, vus: executorOf(scenario).maxVus(scenario) }));
  const total = sizes.reduce((sum, size) => sum + size.vus, 0);
  const limit = maxVus(machine);
  if (total <= limit) return;
  const largest = sizes.reduce((most, size) => (size.vus > most.vus ? size : most));
  const option = executorOf(largest.scenario).vusOption(largest.scenario);
  const room = limit - (total - largest.vus);
  const others = total > largest.vus ? `; the test's scenarios need ${formatNumber(total)} in all` : '';
  const fix = room >= 1 ? `use ${option} ≤ ${formatNumber(roundDown(room))}` : 'use fewer VUs in the other scenarios too';
  throw new OptionsError(`invalid scenarios.${largest.scenario.name}.${option} ${formatNumber(largest.vus)}; ${vuCapacity(machine)}${others}; ${fix}`);
}

function readTrendStats(value: unknown): string[] {
  if (value === undefined) return DEFAULT_SUMMARY_TREND_STATS;
  const stats = Array.isArray(value) ? value : [];
  for (const stat of stats) {
    if (typeof stat !== 'string' || !TREND_STAT.test(stat) || (stat.startsWith('p(') && Number(stat.slice(2, -1)) > 100)) {
      throw new OptionsError(
        `invalid summaryTrendStats entry ${shown(stat)}; expected avg, min, med, max, count or p(N) with N from 0 to 100`,
      );
    }
  }
  if (stats.length === 0) throw new OptionsError(`invalid summaryTrendStats ${shown(value)}; expected a non-empty list such as avg,p(95)`);
  return stats as string[];
}

/**
 * Combines the script's `options` with overrides (flags or a plan), which win, and validates the result.
 * Shortcut flags (`--vus`, `--duration`, `--iterations`) replace the script's scenarios, as in k6.
 */
export function normalizeOptions(
  scriptOptions: RawOptions | undefined,
  overrides: OptionOverrides,
  metricTypeOf: (name: string) => MetricType | undefined,
): TestOptions {
  const script = { ...scriptOptions };
  const shortcutOverride = SHORTCUTS.some((name) => overrides[name] !== undefined);
  const raw: RawOptions = { ...script };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined && key !== 'tags') raw[key] = value;
  if (shortcutOverride && overrides.scenarios === undefined) delete raw.scenarios;
  // Flags win over the script: `--duration 10s` on a script with `stages` runs 10 s, not the script's stages.
  if (EXECUTION_SHORTCUTS.some((name) => overrides[name] !== undefined)) {
    for (const name of EXECUTION_SHORTCUTS) if (overrides[name] === undefined) delete raw[name];
  }
  const tags: Tags = { ...stringRecord(script.tags, 'tags'), ...overrides.tags };
  raw.tags = tags;

  const scenarioOptions = (raw.scenarios as Record<string, unknown> | undefined) ?? { default: shortcutScenario(raw) };
  if (typeof scenarioOptions !== 'object' || Object.keys(scenarioOptions).length === 0) {
    throw new OptionsError(`invalid scenarios ${shown(raw.scenarios)}; expected an object with at least one scenario`);
  }
  const scenarios = Object.entries(scenarioOptions).map(([name, scenario]) => readScenario(name, scenario));
  checkVusFit(scenarios);
  return {
    scenarios,
    thresholds: parseThresholds(raw.thresholds ?? {}, metricTypeOf),
    summaryTrendStats: readTrendStats(raw.summaryTrendStats),
    summaryTimeUnit: typeof raw.summaryTimeUnit === 'string' ? raw.summaryTimeUnit : '',
    tags,
    setupTimeoutMs: parseDuration(raw.setupTimeout ?? '60s', 'setupTimeout'),
    teardownTimeoutMs: parseDuration(raw.teardownTimeout ?? '60s', 'teardownTimeout'),
    raw,
  };
}
