import { arch, availableParallelism, platform } from 'node:os';
import { LoadbookError } from '../engine/errors.ts';
import { checkWorkers } from '../engine/options/machine-limits.ts';
import { DEFAULT_CONFIG, type LoadbookConfig, type ScenarioName } from '../lib/config.ts';
import { invalidValue } from '../lib/invalid-value.ts';
import { mergeConfig } from '../lib/merge-config.ts';
import { buildPhaseOptions, scenarioProfile, type LoadbookOptions } from '../lib/phase-options.ts';
import { LOADBOOK_ENV, readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS } from '../lib/scenarios.ts';
import { isPhaseName, PHASE_NAMES, type PhaseName, type PhaseStage, type StageLabel } from '../phases/index.ts';
import configSchema from '../schemas/config.schema.json' with { type: 'json' };
import { canonicalSha256 } from './canonical-json.ts';
import { checkPlanFits } from './check-plan-fits.ts';
import { checkConfigAddresses, checkTargetAllowed } from './check-target-allowed.ts';
import { compileSchema } from './compile-schema.ts';
import { formatSchemaError } from './format-schema-error.ts';
import type { Provenance } from './read-provenance.ts';
import { withServiceAddresses } from './service-addresses.ts';
import { validatePlan } from './validate-plan.ts';

/** Bumped when the plan's shape changes incompatibly; readers refuse plans of another version. */
export const PLAN_VERSION = 1;

/** What a plan is built from. */
export interface BuildPlanInput {
  /** Phase name: smoke, ramp, steady, spike or soak. */
  phase: string;
  /** Scenario names to run, e.g. `['product-get']`. */
  scenarios: readonly string[];
  /** The loaded config (loadConfig). */
  config: LoadbookConfig;
  /** Baseline iterations/s; overrides `config.baselineRate`. */
  rate?: number;
  /**
   * Duration multiplier in (0, 1].
   * @default 1
   */
  timeScale?: number;
  /** Base URL; overrides `config.target.baseUrl`. */
  target?: string;
  /** Engine worker threads the run uses. */
  workers: number;
  /** The plan's creation time. */
  now: Date;
  /** The code the run is made with (readProvenance()); left out, the plan records none. */
  provenance?: Provenance;
}

/** One scenario of a plan. */
export interface PlanScenario {
  name: ScenarioName;
  /** Script path, relative to the repository root. */
  script: string;
  /** The script's exported function (k6 `exec`). */
  exec: string;
  weight: number;
  /** This scenario's baseline iterations/s: `baselineRate × weight`. */
  baselineRate: number;
  /** Highest iterations/s the phase reaches for this scenario. */
  peakRate: number;
  budgetP95Ms: number;
  /** Labelled windows with their rates, offsets from the scenario start in ms. */
  stages: PhaseStage[];
  totalMs: number;
}

/**
 * The environment a plan hands the engine, and the engine every VU (`__ENV`). A type alias, not an
 * interface, so it is assignable to a plain env record.
 */
export type PlanEnv = {
  LOADBOOK_CONFIG: string;
  LOADBOOK_PHASE: PhaseName;
  LOADBOOK_RATE: string;
  LOADBOOK_TIME_SCALE: string;
  LOADBOOK_TARGET: string;
  /** The plan's scenarios, comma-separated: scenarios/mix.ts runs these. */
  LOADBOOK_SCENARIOS: string;
};

/** A stage window shared by every scenario of the plan. */
export interface PlanStageWindow {
  label: StageLabel;
  startMs: number;
  endMs: number;
}

/**
 * Every number a run uses. A run is reproducible from its plan alone: scripts compute their `options`
 * from `env` with the same code (lib/read-config-from-env.ts, lib/phase-options.ts, phases/) that
 * produced `options` here.
 */
export interface Plan {
  planVersion: typeof PLAN_VERSION;
  /** ISO 8601, UTC. */
  createdAt: string;
  phase: PhaseName;
  target: { baseUrl: string; host: string };
  /** Baseline iterations/s before scenario weights. */
  baselineRate: number;
  timeScale: number;
  headroom: number;
  /** p95 budgets in ms, by scenario. */
  budgets: Record<string, number>;
  scenarios: PlanScenario[];
  /** The k6 options of the run: scenarios (executor, rates, VU sizing), thresholds, summaryTrendStats. */
  options: LoadbookOptions;
  /** Stage windows, the same for every scenario (durations do not depend on rates). */
  stages: PlanStageWindow[];
  /** Longest scenario in ms, excluding k6's gracefulStop (default 30s). */
  totalMs: number;
  env: PlanEnv;
  /** The resolved config (rate and target overrides applied); `env.LOADBOOK_CONFIG` is its JSON. */
  config: LoadbookConfig;
  /**
   * sha256 of the resolved config's canonical JSON (keys sorted), to compare runs' configs at a glance; in
   * plan.json, of the config as written there, credentials masked.
   */
  configSha256: string;
  runtime: { node: string; cores: number; platform: string; arch: string; workers: number };
  /** The code the run was made with: git commit, uncommitted changes, loadbook version. */
  provenance?: Provenance;
}

const validateConfig = compileSchema<LoadbookConfig>(configSchema);

function fail(error: Error): never {
  throw new LoadbookError(error.message);
}

function checkInput(input: BuildPlanInput): { phase: PhaseName; names: ScenarioName[]; timeScale: number } {
  const { phase, scenarios, rate, timeScale = 1, workers, now } = input;
  if (!isPhaseName(phase)) fail(invalidValue('phase', `one of ${PHASE_NAMES.join(', ')}`, phase));
  if (scenarios.length === 0) fail(invalidValue('scenarios', `at least one of ${SCENARIO_NAMES.join(', ')}`, []));
  for (const name of scenarios) {
    if (!isScenarioName(name)) fail(invalidValue('scenario', `one of ${SCENARIO_NAMES.join(', ')}`, name));
  }
  if (new Set(scenarios).size !== scenarios.length) {
    fail(invalidValue('scenarios', 'each scenario named once', scenarios));
  }
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    fail(invalidValue('rate', 'a positive number of iterations per second', rate));
  }
  if (!(Number.isFinite(timeScale) && timeScale > 0 && timeScale <= 1)) {
    fail(invalidValue('timeScale', 'a number in (0, 1] that multiplies every duration', timeScale));
  }
  if (!(Number.isInteger(workers) && workers >= 1)) fail(invalidValue('workers', 'a whole number of worker threads, at least 1', workers));
  checkWorkers(workers, '--workers');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) fail(invalidValue('now', 'a valid Date', String(now)));
  if (!validateConfig(input.config)) {
    throw new LoadbookError(
      formatSchemaError(validateConfig.errors![0]!, {
        name: (pointer) => `config ${pointer}`,
        fix: 'load the config with loadConfig, which fills in defaults',
      }),
    );
  }
  return { phase, names: scenarios as ScenarioName[], timeScale };
}

/**
 * The config with the WebSocket URL and metrics endpoints left at the default shop moved to the target's
 * origin: a target elsewhere is the service to watch, and the default shop on 3300, if anything, is
 * someone else's. Addresses the user set are kept.
 */
function followTarget(config: LoadbookConfig): LoadbookConfig {
  let origin: string;
  try {
    origin = new URL(config.target.baseUrl).origin;
  } catch {
    return config; // checkConfigAddresses names the bad URL
  }
  return origin === new URL(DEFAULT_CONFIG.target.baseUrl).origin ? config : withServiceAddresses(config, { shopUrl: origin });
}

/**
 * Resolves phase, scenarios and config into the run's plan. Refuses every address of the config (target,
 * gRPC, WebSocket, Kafka brokers, metrics endpoints) outside loopback and `allowHosts`, for every phase,
 * before anything is sent. The plan's `options` are computed from the plan's own `env`, through the same
 * functions scripts call, so they cannot drift apart.
 *
 * @throws LoadbookError (exit code 104) with a one-line message for any invalid input.
 */
export function buildPlan(input: BuildPlanInput): Plan {
  const { phase, names, timeScale } = checkInput(input);
  const config = followTarget(
    mergeConfig(input.config, {
      baselineRate: input.rate ?? input.config.baselineRate,
      target: { baseUrl: (input.target ?? input.config.target.baseUrl).replace(/\/+$/, '') },
    }),
  );
  checkConfigAddresses(config);
  const host = checkTargetAllowed(config.target.baseUrl, config.allowHosts, 'target.baseUrl');

  const env: PlanEnv = {
    [LOADBOOK_ENV.config]: JSON.stringify(config),
    [LOADBOOK_ENV.phase]: phase,
    [LOADBOOK_ENV.rate]: String(config.baselineRate),
    [LOADBOOK_ENV.timeScale]: String(timeScale),
    [LOADBOOK_ENV.target]: config.target.baseUrl,
    [LOADBOOK_ENV.scenarios]: names.join(','),
  };
  let settings;
  try {
    settings = readConfigFromEnv(env);
  } catch (error) {
    fail(error as Error);
  }
  checkPlanFits(settings, names, input.workers);

  const scenarios = names.map((name): PlanScenario => {
    const profile = scenarioProfile(settings, name);
    const scenarioConfig = config.scenarios[name];
    return {
      name,
      script: SCENARIOS[name].script,
      exec: SCENARIOS[name].exec,
      weight: scenarioConfig.weight,
      baselineRate: config.baselineRate * scenarioConfig.weight,
      peakRate: profile.peakRate,
      budgetP95Ms: scenarioConfig.budgetP95Ms,
      stages: profile.stages,
      totalMs: profile.totalMs,
    };
  });

  const plan: Plan = {
    planVersion: PLAN_VERSION,
    createdAt: input.now.toISOString(),
    phase,
    target: { baseUrl: config.target.baseUrl, host },
    baselineRate: config.baselineRate,
    timeScale,
    headroom: config.headroom,
    budgets: Object.fromEntries(scenarios.map((scenario) => [scenario.name, scenario.budgetP95Ms])),
    scenarios,
    options: buildPhaseOptions(settings, names),
    stages: scenarios[0]!.stages.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
    totalMs: Math.max(...scenarios.map((scenario) => scenario.totalMs)),
    env,
    config,
    configSha256: canonicalSha256(config),
    runtime: { node: process.version, cores: availableParallelism(), platform: platform(), arch: arch(), workers: input.workers },
    ...(input.provenance && { provenance: input.provenance }),
  };
  return validatePlan(plan);
}
