/** The runbook's escalation rules, by id; {@link DEFAULT_RULES} lists them in evaluation order. */
export type RuleId = 'error-rate' | 'kafka-lag' | 'cpu' | 'gc-pauses';

/** One escalation rule: when it fires and what the runbook says to do then. */
export interface RuleSpec {
  /**
   * The value the observation must exceed (strictly). Its unit is the rule's: a fraction of requests for
   * `error-rate`, messages for `kafka-lag`, percent for `cpu`, seconds of one pause for `gc-pauses`.
   */
  readonly threshold: number;
  /**
   * How long, in unscaled milliseconds, the condition must hold at every sample before a sustained rule
   * fires (Prometheus `for:`). Absent for rules judged on the whole run.
   */
  readonly windowMs?: number;
  /** How many occurrences make an occurrence rule fire. Absent for other rules. */
  readonly count?: number;
  /** What the runbook says to do when the rule fires. */
  readonly action: string;
}

/** Overrides of the rules, each field optional; the config file's `rules` section has this shape. */
export type RulesConfig = { readonly [K in RuleId]?: Partial<RuleSpec> };

/** The rules with every field resolved. */
export type Rules = { readonly [K in RuleId]: RuleSpec };

/** The runbook's rules as written; the key order is the evaluation order. */
export const DEFAULT_RULES = {
  /**
   * @default { threshold: 0.01, action: 'roll back or investigate' }
   */
  'error-rate': { threshold: 0.01, action: 'roll back or investigate' },
  /**
   * @default { threshold: 5000, windowMs: 300_000, action: 'scale consumers' }
   */
  'kafka-lag': { threshold: 5000, windowMs: 5 * 60_000, action: 'scale consumers' },
  /**
   * @default { threshold: 85, windowMs: 600_000, action: 'scale horizontally' }
   */
  cpu: { threshold: 85, windowMs: 10 * 60_000, action: 'scale horizontally' },
  /**
   * @default { threshold: 0.5, count: 5, action: 'investigate allocation' }
   */
  'gc-pauses': { threshold: 0.5, count: 5, action: 'investigate allocation' },
} as const satisfies Rules;

/** The rule ids in evaluation order. */
export const RULE_IDS = Object.keys(DEFAULT_RULES) as readonly RuleId[];

/**
 * Lays `overrides` over {@link DEFAULT_RULES}, field by field; a field given as `undefined` keeps its default. Throws on a field that cannot be a rule's:
 * a threshold that is not a finite number, a window or count that is not positive, an empty action.
 */
export function resolveRules(overrides: RulesConfig = {}): Rules {
  const rules = {} as Record<RuleId, RuleSpec>;
  for (const id of RULE_IDS) {
    const given = Object.entries(overrides[id] ?? {}).filter(([, value]) => value !== undefined);
    const rule: RuleSpec = { ...DEFAULT_RULES[id], ...Object.fromEntries(given) };
    check(id, 'threshold', rule.threshold, 'a finite number', Number.isFinite(rule.threshold));
    if (rule.windowMs !== undefined) {
      check(id, 'windowMs', rule.windowMs, 'a positive number of milliseconds', Number.isFinite(rule.windowMs) && rule.windowMs > 0);
    }
    if (rule.count !== undefined) {
      check(id, 'count', rule.count, 'a positive whole number', Number.isInteger(rule.count) && rule.count > 0);
    }
    check(id, 'action', rule.action, 'a non-empty text', typeof rule.action === 'string' && rule.action.trim() !== '');
    rules[id] = rule;
  }
  return rules;
}

function check(id: RuleId, field: string, value: unknown, expected: string, ok: boolean): void {
  if (!ok) throw new Error(`invalid rules.${id}.${field}; expected ${expected}, got ${JSON.stringify(value)}`);
}
