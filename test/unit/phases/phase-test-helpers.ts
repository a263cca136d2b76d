import type { PhaseProfile, RateStage } from '../../../phases/index.ts';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** Reads the compound durations phases write ("1m30s", "6s500ms") back into ms, independently of phases/. */
export function durationMs(text: string): number {
  const terms = [...text.matchAll(/(\d+)(ms|h|m|s)/g)];
  if (terms.map((term) => term[0]).join('') !== text) throw new Error(`not a compound duration: ${text}`);
  return terms.reduce((sum, term) => sum + Number(term[1]) * UNIT_MS[term[2]!]!, 0);
}

/** The k6 stages of a ramping profile; fails the test for a constant one. */
export function rateStages(profile: PhaseProfile): RateStage[] {
  if (profile.scenario.executor !== 'ramping-arrival-rate') throw new Error(`expected a ramping profile, got ${profile.scenario.executor}`);
  return profile.scenario.stages;
}

/** Length the k6 scenario itself plays for, in ms. */
export function scenarioMs(profile: PhaseProfile): number {
  const { scenario } = profile;
  return scenario.executor === 'constant-arrival-rate'
    ? durationMs(scenario.duration)
    : scenario.stages.reduce((sum, stage) => sum + durationMs(stage.duration), 0);
}

/** The baseline input most tests use: the defaults for Product GET. */
export const BASE_INPUT = { baselineRate: 100, budgetMs: 120, timeScale: 1, headroom: 3, exec: 'productGet' } as const;
