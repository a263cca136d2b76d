import { LoadbookError, shown } from '../../engine/errors.ts';
import type { Plan } from '../../plan/build-plan.ts';

type Json = Record<string, unknown>;

const SHOWN_MAX = 80;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isFinite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);

function isStage(value: unknown): boolean {
  return isObject(value) && typeof value.label === 'string' && isFinite(value.startMs) && isFinite(value.endMs);
}

const isStages = (value: unknown): boolean => Array.isArray(value) && value.every(isStage);

function isScenario(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    isStages(value.stages) &&
    optional(value.totalMs, isFinite) &&
    optional(value.budgetP95Ms, isFinite)
  );
}

/** `options.thresholds` as k6 takes it: keys to arrays of expressions or `{ threshold }` objects. */
function isThresholds(value: unknown): boolean {
  return (
    isObject(value) &&
    Object.values(value).every(
      (entries) => Array.isArray(entries) && entries.every((entry) => typeof entry === 'string' || isObject(entry)),
    )
  );
}

/** The fields the analysis reads without a default, each with what it must be. */
const CHECKS: readonly [path: string, read: (plan: Json) => unknown, ok: (value: unknown) => boolean, expected: string][] = [
  ['scenarios', (plan) => plan.scenarios, (value) => Array.isArray(value) && value.every(isScenario), 'an array of scenarios, each with a name and stages'],
  ['options', (plan) => plan.options, isObject, 'an object'],
  ['options.thresholds', (plan) => (plan.options as Json).thresholds, (value) => optional(value, isThresholds), 'an object of arrays of threshold expressions'],
  ['stages', (plan) => plan.stages, (value) => optional(value, isStages), 'an array of stages, each with a label, startMs and endMs'],
  ['totalMs', (plan) => plan.totalMs, (value) => optional(value, isFinite), 'a number of milliseconds'],
  ['timeScale', (plan) => plan.timeScale, (value) => optional(value, (scale) => isFinite(scale) && (scale as number) > 0), 'a positive number'],
  ['config', (plan) => plan.config, (value) => optional(value, isObject), 'an object'],
  ['config.reports', (plan) => (plan.config as Json | undefined)?.reports, (value) => optional(value, isObject), 'an object'],
];

/**
 * Checks a parsed `plan.json` for what the analysis reads from it, so a damaged or hand-edited plan ends
 * in one message naming the field rather than a TypeError. Lenient beyond that: plans written by older
 * versions, and the partial plans of tests, still read.
 *
 * @param file names the plan in the message.
 * @throws LoadbookError naming the field, what was expected and what was found.
 */
export function checkRunPlan(value: unknown, file: string): Plan {
  if (!isObject(value)) throw planError(file, 'the plan', 'an object', value);
  for (const [path, read, ok, expected] of CHECKS) {
    const field = read(value);
    if (!ok(field)) throw planError(file, path, expected, field);
  }
  return value as unknown as Plan;
}

function planError(file: string, path: string, expected: string, found: unknown): LoadbookError {
  const text = found === undefined ? 'nothing' : shown(found);
  const clipped = text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text;
  return new LoadbookError(`invalid ${file}; expected ${path} to be ${expected}, got ${clipped}; run the phase again to write a new plan`);
}
