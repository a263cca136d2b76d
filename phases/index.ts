import type { PhaseInput, PhaseProfile } from './phase-types.ts';
import { ramp } from './ramp.ts';
import { smoke } from './smoke.ts';
import { soak } from './soak.ts';
import { spike } from './spike.ts';
import { steady } from './steady.ts';

/** A registered phase: what it is for, and its profile function. */
export interface PhaseDefinition {
  /** One line for `--help` and report headers. */
  purpose: string;
  /** Pure: the same input always gives the same profile. */
  profile: (input: PhaseInput) => PhaseProfile;
}

/** The five phase profiles, by name. Both the plan builder (Node) and scenarios (VUs) resolve phases here. */
export const PHASES = {
  smoke: { purpose: 'validates the scenario: 5 min at 10% of baseline', profile: smoke },
  ramp: { purpose: 'finds the knee: baseline to 3x baseline in steps', profile: ramp },
  steady: { purpose: 'holds the baseline rate for 30 min', profile: steady },
  spike: { purpose: 'a sudden 5x burst, then recovery at baseline', profile: spike },
  soak: { purpose: 'holds the baseline rate for 2 h to expose leaks', profile: soak },
} as const satisfies Record<string, PhaseDefinition>;

/** Name of a registered phase. */
export type PhaseName = keyof typeof PHASES;

/** Phase names in registry order. */
export const PHASE_NAMES = Object.keys(PHASES) as PhaseName[];

/** Whether a string names a registered phase. */
export function isPhaseName(name: string): name is PhaseName {
  return Object.hasOwn(PHASES, name);
}

export { buildProfile, MIN_STAGE_MS, scaleDuration } from './build-profile.ts';
export { formatDuration } from './format-duration.ts';
export { DEFAULT_HEADROOM, MAX_VUS_MULTIPLIER, MIN_PREALLOCATED_VUS, sizeVus } from './size-vus.ts';
export type { VuSizing } from './size-vus.ts';
export { validatePhaseInput } from './validate-phase-input.ts';
export type { CheckedPhaseInput } from './validate-phase-input.ts';
export { WARM_UP_MS, WARM_UP_START_FRACTION } from './warm-up.ts';
export { wholeRate } from './whole-rate.ts';
export { ramp, RAMP_STEP_CLIMB_MS, RAMP_STEP_HOLD_MS, RAMP_STEP_MULTIPLIERS } from './ramp.ts';
export { smoke, SMOKE_DURATION_MS, SMOKE_RATE_FRACTION, SMOKE_WARM_UP_MS } from './smoke.ts';
export { soak, SOAK_HOLD_MS } from './soak.ts';
export {
  spike,
  SPIKE_BURST_HOLD_MS,
  SPIKE_EDGE_MS,
  SPIKE_MULTIPLIER,
  SPIKE_RECOVERY_MS,
  SPIKE_STEADY_MS,
} from './spike.ts';
export { steady, STEADY_HOLD_MS } from './steady.ts';
export type {
  ArrivalRateScenario,
  ConstantArrivalRateScenario,
  PhaseInput,
  PhaseProfile,
  PhaseSegment,
  PhaseShape,
  PhaseStage,
  RampingArrivalRateScenario,
  RateStage,
  StageLabel,
} from './phase-types.ts';
