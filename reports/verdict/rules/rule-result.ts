import type { RuleId } from './rule-spec.ts';

/** The longest run of consecutive samples above a sustained rule's threshold. */
export interface StreakObserved {
  readonly kind: 'streak';
  /** From the first to the last sample of the longest streak, in ms; 0 for a single sample. */
  readonly longestMs: number;
  /** When that streak started (its first sample), epoch ms; absent when no sample was above. */
  readonly startedAtMs?: number;
  /** The series it was found in: the consumer group, or the scraped source. */
  readonly series?: string;
  /** The highest value seen in any series, in the rule's unit. */
  readonly peak: number;
  /** What the threshold was compared with, e.g. `cpuPercent / 4 cores`. */
  readonly basis: string;
}

/** Occurrences counted by an occurrence rule. */
export interface CountObserved {
  readonly kind: 'count';
  /** Occurrences the samples prove. */
  readonly count: number;
  /** Occurrences the samples allow at most; above `count` when the samples cannot tell pauses apart. */
  readonly atMost: number;
}

/** A rate over the whole run. */
export interface RateObserved {
  readonly kind: 'rate';
  readonly rate: number;
}

export type Observed = StreakObserved | CountObserved | RateObserved;

/** Fields every result has. */
interface ResultBase {
  readonly rule: RuleId;
  readonly action: string;
  readonly threshold: number;
  /** The window used: the rule's window times the run's time scale; absent for rules without a window. */
  readonly windowMs?: number;
  /** The occurrences needed, for occurrence rules. */
  readonly count?: number;
}

/** The rule's condition held: do what `action` says. */
export interface TriggeredResult extends ResultBase {
  readonly kind: 'triggered';
  readonly observed: Observed;
}

/** The data was there and the condition did not hold. */
export interface OkResult extends ResultBase {
  readonly kind: 'ok';
  readonly observed: Observed;
}

/** The rule could not be judged; `reason` says why. Never a pass. */
export interface NotEvaluatedResult extends ResultBase {
  readonly kind: 'not-evaluated';
  readonly reason: string;
  /** What was seen anyway, when something was. */
  readonly observed?: Observed;
}

/** The outcome of one rule over one run. */
export type RuleResult = TriggeredResult | OkResult | NotEvaluatedResult;
