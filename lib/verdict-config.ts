/**
 * The verdict's part of loadbook's configuration (`verdict` in loadbook.config.json): its thresholds, the
 * build history and the escalation rules. Defaults are in DEFAULT_CONFIG (lib/config.ts).
 */

/** One escalation rule (docs/runbook.md §16): when it fires and what to do then. */
export interface EscalationRuleConfig {
  /**
   * The value the observation must exceed (strictly), in the rule's unit: a fraction of requests for
   * `error-rate`, messages for `kafka-lag`, percent of the machine for `cpu`, seconds of one pause for
   * `gc-pauses`.
   */
  threshold: number;
  /**
   * How long, in unscaled milliseconds, the condition must hold at every sample before a sustained rule
   * fires (Prometheus `for:`); the verdict multiplies it by the run's time scale. Absent for rules judged
   * on the whole run.
   */
  windowMs?: number;
  /** How many occurrences make an occurrence rule fire. Absent for other rules. */
  count?: number;
  /** What to do when the rule fires (docs/runbook.md §16). */
  action: string;
}

/** The escalation rules (docs/runbook.md §16), by id. */
export interface EscalationRulesConfig {
  /** @default { threshold: 0.01, action: 'roll back or investigate' } */
  'error-rate': EscalationRuleConfig;
  /** @default { threshold: 5000, windowMs: 300000, action: 'scale consumers' } */
  'kafka-lag': EscalationRuleConfig;
  /** @default { threshold: 85, windowMs: 600000, action: 'scale horizontally' } */
  cpu: EscalationRuleConfig;
  /** @default { threshold: 0.5, count: 5, action: 'investigate allocation' } */
  'gc-pauses': EscalationRuleConfig;
}

/**
 * Verdicts: how a run is judged against its budgets, its baseline, its history and the escalation rules
 * (docs/runbook.md §16).
 */
export interface VerdictConfig {
  /**
   * Candidate ÷ baseline percentile ratio above which a regression the interval confirms blocks (the
   * +20% of docs/runbook.md §11).
   * @default 1.2
   */
  regressionThreshold: number;
  /**
   * "Block a merge when p95 rises 30% over 2 consecutive builds" (docs/runbook.md §16).
   * @default { ratio: 1.3, builds: 2 }
   */
  consecutive: { ratio: number; builds: number };
  /**
   * Folder of the build history, one JSON file per build.
   * @default 'out/history'
   */
  historyDir: string;
  /**
   * Folder the baseline of a run's phase is looked up in (its newest `<phase>-*.json`).
   * @default 'docs/perf/baselines'
   */
  baselinesDir: string;
  /** @default the table of docs/runbook.md §16 */
  rules: EscalationRulesConfig;
}
