import { isPhaseName, PHASE_NAMES, type PhaseName } from '../phases/index.ts';
import { DEFAULT_CONFIG, type LoadbookConfig } from './config.ts';
import { invalidValue } from './invalid-value.ts';
import { mergeConfig, type PartialConfig } from './merge-config.ts';

/**
 * The environment contract between a plan and the scripts it runs. The plan builder writes these; the
 * engine passes them to every VU as `__ENV`; scripts read them with readConfigFromEnv.
 */
export const LOADBOOK_ENV = {
  /** The resolved LoadbookConfig as JSON. Absent: DEFAULT_CONFIG, so a scenario also runs on its own. */
  config: 'LOADBOOK_CONFIG',
  /** Phase name (smoke, ramp, steady, spike, soak). Absent: smoke. */
  phase: 'LOADBOOK_PHASE',
  /** Baseline iterations per second; overrides the config's baselineRate. */
  rate: 'LOADBOOK_RATE',
  /** Duration multiplier in (0, 1]. Absent: 1. */
  timeScale: 'LOADBOOK_TIME_SCALE',
  /** Base URL of the target; overrides the config's target.baseUrl. */
  target: 'LOADBOOK_TARGET',
  scenarios: 'LOADBOOK_SCENARIOS',
} as const;

/** Phase a script runs when LOADBOOK_PHASE is absent: the cheap one that only validates the scenario. */
export const DEFAULT_PHASE: PhaseName = 'smoke';

/** Time scale when LOADBOOK_TIME_SCALE is absent: the phases' real durations (docs/runbook.md §9). */
export const DEFAULT_TIME_SCALE = 1;

/** What a script runs with, as read from its environment. */
export interface EnvSettings {
  /** The config with LOADBOOK_RATE and LOADBOOK_TARGET already applied. */
  config: LoadbookConfig;
  phase: PhaseName;
  timeScale: number;
}

/** Environment as k6 hands it to scripts (`__ENV`) or Node has it (`process.env`). */
export type EnvVars = Readonly<Record<string, string | undefined>>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;
const SHOWN_MAX = 80;

function clip(text: string): string {
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text;
}

/** A number that must be positive (and at most `max`), read from an env var. */
function positiveNumber(name: string, raw: string, expected: string, max = Infinity): number {
  const value = NUMBER.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0 || value > max) throw invalidValue(name, expected, raw);
  return value;
}

function baseUrl(name: string, raw: string): string {
  if (!HTTP_URL.test(raw)) throw invalidValue(name, 'an http:// or https:// base URL such as "http://127.0.0.1:3300"', raw);
  return raw.replace(/\/+$/, '');
}

function parseConfig(raw: string): PartialConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidValue(LOADBOOK_ENV.config, 'the resolved config as JSON, as plan.json records it', clip(raw));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidValue(LOADBOOK_ENV.config, 'a JSON object', clip(raw));
  }
  return parsed as PartialConfig;
}

// The Node side validated the config with ajv before writing it; VUs only re-check the numbers they
// compute with, so a hand-written LOADBOOK_CONFIG fails with a message rather than NaN rates. It also
// drops a trailing slash from the base URL, so paths join without a double slash.
function checkConfig(config: LoadbookConfig): void {
  const where = (path: string) => `${LOADBOOK_ENV.config}.${path}`;
  const positive = (path: string, value: unknown, expected: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalidValue(where(path), expected, value);
  };
  positive('baselineRate', config.baselineRate, 'a positive number of iterations per second');
  if (typeof config.headroom !== 'number' || !(config.headroom >= 1)) {
    throw invalidValue(where('headroom'), "a Little's-law headroom factor of at least 1", config.headroom);
  }
  if (typeof config.target?.baseUrl !== 'string') {
    throw invalidValue(where('target.baseUrl'), 'an http:// or https:// base URL', config.target?.baseUrl);
  }
  config.target.baseUrl = baseUrl(where('target.baseUrl'), config.target.baseUrl);
  for (const [name, scenario] of Object.entries(config.scenarios)) {
    positive(`scenarios.${name}.weight`, scenario.weight, 'a positive multiplier of baselineRate');
    positive(`scenarios.${name}.budgetP95Ms`, scenario.budgetP95Ms, 'a positive p95 budget in milliseconds');
  }
  const productGet = config.scenarios['product-get'];
  if (!Number.isInteger(productGet.catalogSize) || productGet.catalogSize < 1) {
    throw invalidValue(where('scenarios.product-get.catalogSize'), 'a whole number of products, at least 1', productGet.catalogSize);
  }
  if (typeof productGet.zipfExponent !== 'number' || !(productGet.zipfExponent >= 0) || !Number.isFinite(productGet.zipfExponent)) {
    throw invalidValue(where('scenarios.product-get.zipfExponent'), 'a Zipf exponent of 0 or more', productGet.zipfExponent);
  }
  if (typeof productGet.path !== 'string' || !productGet.path.startsWith('/') || !productGet.path.includes('{id}')) {
    throw invalidValue(where('scenarios.product-get.path'), 'a path starting with "/" that contains "{id}"', productGet.path);
  }
}

/**
 * Reads what a script runs with from its environment (k6's `__ENV`):
 * - `LOADBOOK_CONFIG`: the resolved config as JSON, laid over DEFAULT_CONFIG; absent, the defaults;
 * - `LOADBOOK_PHASE`: phase name, default `smoke`;
 * - `LOADBOOK_RATE`: baseline iterations/s, overrides `baselineRate`;
 * - `LOADBOOK_TIME_SCALE`: duration multiplier in (0, 1], default 1;
 * - `LOADBOOK_TARGET`: base URL, overrides `target.baseUrl`.
 *
 * Empty variables count as absent. Invalid values throw an Error naming the variable, what was expected
 * and what was given. Pure: the plan builder calls it on the env it writes, so plan and script agree.
 */
export function readConfigFromEnv(env: EnvVars): EnvSettings {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };

  const rawConfig = read(LOADBOOK_ENV.config);
  const config = mergeConfig(DEFAULT_CONFIG, rawConfig === undefined ? undefined : parseConfig(rawConfig));

  const rawRate = read(LOADBOOK_ENV.rate);
  if (rawRate !== undefined) {
    config.baselineRate = positiveNumber(LOADBOOK_ENV.rate, rawRate, 'a positive number of iterations per second');
  }
  const rawTarget = read(LOADBOOK_ENV.target);
  if (rawTarget !== undefined) config.target.baseUrl = baseUrl(LOADBOOK_ENV.target, rawTarget);
  checkConfig(config);

  const phase = read(LOADBOOK_ENV.phase) ?? DEFAULT_PHASE;
  if (!isPhaseName(phase)) throw invalidValue(LOADBOOK_ENV.phase, `one of ${PHASE_NAMES.join(', ')}`, phase);

  const rawTimeScale = read(LOADBOOK_ENV.timeScale);
  const timeScale =
    rawTimeScale === undefined
      ? DEFAULT_TIME_SCALE
      : positiveNumber(LOADBOOK_ENV.timeScale, rawTimeScale, 'a number in (0, 1] that multiplies every duration', 1);

  return { config, phase, timeScale };
}
