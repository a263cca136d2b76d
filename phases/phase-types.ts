/**
 * Labels of the windows a phase is cut into. VUs tag every metric with the current one (`stage` tag), and
 * reports fold latency, errors and cache hits per label; `warm-up` is the window analysis leaves out.
 */
export type StageLabel = 'warm-up' | 'ramp' | 'steady' | 'burst' | 'recovery';

/** What every phase profile is computed from. */
export interface PhaseInput {
  /** Iterations per second the scenario runs at baseline (`timeUnit` is always 1s). */
  baselineRate: number;
  /** The scenario's latency budget in ms (its p95, docs/runbook.md §10); sizes VUs by Little's law. */
  budgetMs: number;
  /** Multiplies every duration; 1 is the real length (docs/runbook.md §9), 0.02 turns 5 min into 6 s. */
  timeScale: number;
  /**
   * Little's-law headroom: VUs = rate × budget × headroom.
   * @default DEFAULT_HEADROOM (3)
   */
  headroom?: number;
  /** The scenario's exported function (k6 `exec`); left out, k6 runs `default`. */
  exec?: string;
}

/** One labelled window of a phase, as time offsets from the scenario start, already time-scaled. */
export interface PhaseStage {
  label: StageLabel;
  startMs: number;
  endMs: number;
  /** Iterations per second when the window opens. */
  startRate: number;
  /** Iterations per second when the window closes; the rate moves linearly in between. */
  endRate: number;
}

/** k6's `constant-arrival-rate` scenario, with the fields loadbook sets. */
export interface ConstantArrivalRateScenario {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnit: '1s';
  duration: string;
  preAllocatedVUs: number;
  maxVUs: number;
  exec?: string;
}

/** One k6 `stages` entry: reach `target` iterations per timeUnit, linearly, over `duration`. */
export interface RateStage {
  duration: string;
  target: number;
}

/** k6's `ramping-arrival-rate` scenario, with the fields loadbook sets. */
export interface RampingArrivalRateScenario {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnit: '1s';
  stages: RateStage[];
  preAllocatedVUs: number;
  maxVUs: number;
  exec?: string;
}

/**
 * The open-model scenario configs phases produce. Tagged by k6's own `executor` field rather than a `kind`:
 * the object goes into k6 `options` verbatim, and k6 refuses unknown scenario fields.
 */
export type ArrivalRateScenario = ConstantArrivalRateScenario | RampingArrivalRateScenario;

/** A phase resolved for one scenario: the k6 scenario config plus the labelled windows reports use. */
export interface PhaseProfile {
  /** k6 scenario config; goes into `options.scenarios[name]` unchanged. */
  scenario: ArrivalRateScenario;
  /** Labelled windows covering [0, totalMs) without gaps, in order. */
  stages: PhaseStage[];
  /** Scenario length in ms, excluding k6's gracefulStop. */
  totalMs: number;
  /** Highest rate reached, iterations per second; what the VUs are sized for. */
  peakRate: number;
}

/**
 * One k6 stage of a phase before time scaling: the rate moves linearly to `targetRate` over `durationMs`.
 * Phases are lists of these; build-profile turns them into a PhaseProfile.
 */
export interface PhaseSegment {
  label: StageLabel;
  durationMs: number;
  targetRate: number;
}

/** A phase as data: its shape for a given rate, and the executor that plays it. */
export interface PhaseShape {
  executor: ArrivalRateScenario['executor'];
  /** Rate when the scenario starts. */
  startRate: number;
  segments: PhaseSegment[];
}
