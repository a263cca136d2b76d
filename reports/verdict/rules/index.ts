export { evaluateRules } from './evaluate-rules.ts';
export type { EvaluateRulesInput } from './evaluate-rules.ts';
export { DEFAULT_RULES, RULE_IDS, resolveRules } from './rule-spec.ts';
export type { RuleId, Rules, RulesConfig, RuleSpec } from './rule-spec.ts';
export type { CountObserved, Observed, RateObserved, RuleResult, StreakObserved } from './rule-result.ts';
