import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, resolveRules } from '../../../../../reports/verdict/rules/index.ts';
import type { RulesConfig } from '../../../../../reports/verdict/rules/index.ts';

describe('resolveRules', () => {
  it('gives the default rules without overrides', () => {
    expect(resolveRules()).toEqual({
      'error-rate': { threshold: 0.01, action: 'roll back or investigate' },
      'kafka-lag': { threshold: 5000, windowMs: 300_000, action: 'scale consumers' },
      cpu: { threshold: 85, windowMs: 600_000, action: 'scale horizontally' },
      'gc-pauses': { threshold: 0.5, count: 5, action: 'investigate allocation' },
    });
  });

  it('lays a partial override over its rule field by field, an undefined field keeping the default', () => {
    const rules = resolveRules({ 'kafka-lag': { threshold: 100, windowMs: undefined } });
    expect(rules['kafka-lag']).toEqual({ ...DEFAULT_RULES['kafka-lag'], threshold: 100 });
    expect(rules.cpu).toEqual(DEFAULT_RULES.cpu);
  });

  it.each([
    { overrides: { cpu: { threshold: Number.NaN } }, message: 'invalid rules.cpu.threshold; expected a finite number, got null' },
    { overrides: { 'kafka-lag': { windowMs: -1 } }, message: 'invalid rules.kafka-lag.windowMs; expected a positive number of milliseconds, got -1' },
    { overrides: { 'gc-pauses': { count: 2.5 } }, message: 'invalid rules.gc-pauses.count; expected a positive whole number, got 2.5' },
    { overrides: { 'error-rate': { action: ' ' } }, message: 'invalid rules.error-rate.action; expected a non-empty text, got " "' },
  ] as { overrides: RulesConfig; message: string }[])('rejects $message', ({ overrides, message }) => {
    expect(() => resolveRules(overrides)).toThrow(message);
  });
});
