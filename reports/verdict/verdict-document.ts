import type { Observed } from './rules/rule-result.ts';

/** Bumped when verdict.json's shape changes incompatibly. */
export const VERDICT_SCHEMA_VERSION = 1;

/**
 * The verdict on a run, worst check first:
 * - `block`: a budget is broken, a regression past the threshold is confirmed, an escalation rule fired,
 *   or p95 rose over the configured consecutive builds (exit 1);
 * - `inconclusive`: some check could not be judged from this run: too few samples for its percentile,
 *   or the load generator was the bottleneck (exit 3);
 * - `warn`: a regression below the threshold, or one the interval cannot confirm; a significant rise in
 *   the error rate; a change point in the history (exit 0);
 * - `pass` (exit 0).
 */
export type Outcome = 'pass' | 'warn' | 'inconclusive' | 'block';

/** One check's status; `not-evaluated` (data missing, with the reason) never changes the outcome and never passes. */
export type CheckStatus = Outcome | 'not-evaluated';

/** Outcomes from least to most severe: the verdict's outcome is its most severe check's. */
export const OUTCOME_SEVERITY: readonly Outcome[] = ['pass', 'warn', 'inconclusive', 'block'];

/** The process exit code of each outcome (2 is bad input, before any verdict). */
export const EXIT_CODES: { readonly [K in Outcome]: 0 | 1 | 3 } = { pass: 0, warn: 0, inconclusive: 3, block: 1 };

/** The p95 of a scenario against its absolute budget. */
export interface BudgetCheck {
  kind: 'budget';
  scenario: string;
  /** The p95 judged, in ms: the run's whole-run p95, or the median of the repeats' p95s. */
  p95Ms: number | null;
  budgetMs: number;
  /** Samples of the budget metric behind the p95 (the smallest of the repeats). */
  samples: number;
  /** The p95 of each repeat, in run order. */
  perRunP95Ms: (number | null)[];
}

/** A percentile ratio against the baseline, with its block-bootstrap interval. */
export interface RegressionCheck {
  kind: 'regression';
  scenario: string;
  percentile: 50 | 95;
  /** Candidate ÷ baseline: the run's ratio, or the median of the repeats' ratios. */
  ratio: number | null;
  /** The interval's bounds at `confidence`, from all candidate windows against all baseline windows. */
  low: number | null;
  high: number | null;
  confidence: number;
  /** Ratio above which a confirmed regression blocks (config verdict.regressionThreshold). */
  thresholdRatio: number;
  candidateMs: number | null;
  baselineMs: number | null;
  /** Samples after warm-up on each side. */
  candidateSamples: number;
  baselineSamples: number;
  /** Window histograms on each side (the bootstrap's blocks). */
  candidateWindows: number;
  baselineWindows: number;
  /** Each repeat's ratio, in run order (one entry without --repeat). */
  perRunRatios: number[];
}

/** The error rate against the baseline's, by a one-sided test on counts. */
export interface ErrorRateCheck {
  kind: 'error-rate';
  scenario: string;
  /** What was counted as an error: failed HTTP requests, or failed checks where the scenario makes no HTTP request. */
  counted: 'http' | 'checks';
  candidateErrors: number;
  candidateTotal: number;
  baselineErrors: number;
  baselineTotal: number;
  pValue: number | null;
  method: 'fisher' | 'z' | null;
}

/** One escalation rule (docs/runbook.md §16) over the server samples. */
export interface RuleCheck {
  kind: 'rule';
  rule: string;
  action: string;
  threshold: number;
  /** The window used, in ms of this run: the configured window times the time scale. */
  windowMs: number | null;
  /** The configured window, unscaled. */
  configuredWindowMs: number | null;
  count: number | null;
  observed: Observed | null;
  /** The run the result comes from (the worst of the repeats). */
  run: string;
}

/** The history's "p95 rises by ratio over N consecutive builds". */
export interface ConsecutiveCheck {
  kind: 'consecutive';
  scenario: string;
  ratio: number;
  builds: number;
  /** The p95s of the streak's builds, oldest first. */
  streakP95Ms: number[];
  referenceP95Ms: number | null;
}

/** Change-point detection over the history's p95s. */
export interface ChangePointCheck {
  kind: 'change-point';
  scenario: string;
  /** Builds in the series, this one included. */
  builds: number;
  /** The first build after the change, when one was found. */
  changedAtBuild: string | null;
  pValue: number | null;
  meanBeforeMs: number | null;
  meanAfterMs: number | null;
}

/** Whether the load generator kept up with the plan for a scenario. */
export interface GeneratorCheck {
  kind: 'generator';
  scenario: string;
  /** Dropped iterations over planned ones (the worst repeat). */
  droppedRatio: number | null;
  /** Achieved over target rate (the worst repeat). */
  achievedRatio: number | null;
  /**
   * What held the rate back when the generator fell behind: the generator itself, or the target (far over
   * budget with every VU waiting on it); null when it kept up. Verdicts written before it have none.
   */
  bottleneck?: 'generator' | 'target' | null;
}

export type CheckData = BudgetCheck | RegressionCheck | ErrorRateCheck | RuleCheck | ConsecutiveCheck | ChangePointCheck | GeneratorCheck;

/** One judged check: a JUnit testcase, a row in verdict.md. */
export interface Check {
  /** Stable id, e.g. `budget/product-get`, `regression/product-get/p95`, `rule/cpu`. */
  id: string;
  status: CheckStatus;
  /** One line saying what was found, with numbers, e.g. `p95 8.6 ms ≤ budget 120 ms`. */
  summary: string;
  /** What to do when the check does not pass (docs/runbook.md §16); absent when it passes. */
  action?: string;
  data: CheckData;
}

/** A run the verdict judged. */
export interface VerdictRun {
  id: string;
  dir: string;
  phase: string;
  createdAt: string;
  timeScale: number;
  commit: string | null;
}

/** The baseline compared with, or why there was none. */
export interface VerdictBaseline {
  file: string;
  runId: string;
  phase: string;
  createdAt: string;
  timeScale: number;
  commit: string | null;
  /** Differences in how the baseline and the candidate ran (rate, time scale, cores, config), each one line. */
  caveats: string[];
}

/** What the history folder added. */
export interface VerdictHistory {
  dir: string;
  /** The entry written for this build; null when none was written (`--no-history-write`). */
  entry: string | null;
  /** Earlier entries of the same phase read. */
  builds: number;
  /** Files in the folder that were not valid entries, each `file: reason`. */
  skipped: string[];
}

/** verdict.json: validated against `schemas/verdict.schema.json` before it is written. */
export interface Verdict {
  schemaVersion: typeof VERDICT_SCHEMA_VERSION;
  outcome: Outcome;
  exitCode: 0 | 1 | 3;
  /** One line for a PR title or a log: the outcome and the checks that decided it. */
  headline: string;
  createdAt: string;
  phase: string;
  runs: VerdictRun[];
  baseline: VerdictBaseline | null;
  /** Why regression checks were not made, when there is no baseline. */
  noBaselineReason: string | null;
  history: VerdictHistory | null;
  checks: Check[];
}
