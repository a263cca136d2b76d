import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import type { EscalationRuleConfig } from '../../../lib/verdict-config.ts';

/** The escalation rules (docs/runbook.md §16), by id; {@link DEFAULT_RULES} lists them in evaluation order. */
export type RuleId = 'error-rate' | 'kafka-lag' | 'cpu' | 'gc-pauses';

/** One escalation rule: when it fires and what to do then (config `verdict.rules.<id>`). */
export type RuleSpec = Readonly<EscalationRuleConfig>;

/** Overrides of the rules, each field optional; the config file's `rules` section has this shape. */
export type RulesConfig = { readonly [K in RuleId]?: Partial<RuleSpec> };

/** The rules with every field resolved. */
export type Rules = { readonly [K in RuleId]: RuleSpec };

/** The rules as docs/runbook.md §16 gives them, the config's defaults; the key order is the evaluation order. */
export const DEFAULT_RULES: Rules = DEFAULT_CONFIG.verdict.rules;

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
