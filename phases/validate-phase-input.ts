import { invalidValue } from '../lib/invalid-value.ts';
import type { PhaseInput } from './phase-types.ts';
import { DEFAULT_HEADROOM } from './size-vus.ts';

/** A phase input with every field checked and the optional headroom filled in. */
export interface CheckedPhaseInput extends PhaseInput {
  headroom: number;
}

const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Checks a phase input, throwing the project's standard one-line error for the first bad field. */
export function validatePhaseInput(input: PhaseInput): CheckedPhaseInput {
  const { baselineRate, budgetMs, timeScale, exec } = input;
  const headroom = input.headroom ?? DEFAULT_HEADROOM;
  if (!isPositive(baselineRate)) {
    throw invalidValue('baselineRate', 'a positive number of iterations per second', baselineRate);
  }
  if (!isPositive(budgetMs)) {
    throw invalidValue('budgetMs', 'a positive latency budget in milliseconds', budgetMs);
  }
  if (!isPositive(timeScale) || timeScale > 1) {
    throw invalidValue('timeScale', 'a number in (0, 1] that multiplies every duration', timeScale);
  }
  if (typeof headroom !== 'number' || !Number.isFinite(headroom) || headroom < 1) {
    throw invalidValue('headroom', "a Little's-law headroom factor of at least 1", headroom);
  }
  if (exec !== undefined && (typeof exec !== 'string' || !EXPORT_NAME.test(exec))) {
    throw invalidValue('exec', 'the name of a function the scenario exports', exec);
  }
  return exec === undefined
    ? { baselineRate, budgetMs, timeScale, headroom }
    : { baselineRate, budgetMs, timeScale, headroom, exec };
}
