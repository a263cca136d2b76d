import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { mergeConfig } from '../../../lib/merge-config.ts';
import { buildPlan, type Plan } from '../../../plan/build-plan.ts';
import { validatePlan } from '../../../plan/validate-plan.ts';

function freshPlan(phase = 'steady'): Plan {
  const plan = buildPlan({
    phase,
    scenarios: ['product-get'],
    config: mergeConfig(DEFAULT_CONFIG, {}),
    workers: 1,
    now: new Date('2025-11-29T00:00:00Z'),
  });
  return JSON.parse(JSON.stringify(plan)) as Plan;
}

describe('validatePlan', () => {
  it.each([['smoke'], ['spike']])('accepts a freshly built %s plan and returns it', (phase) => {
    const plan = freshPlan(phase);
    expect(validatePlan(plan)).toBe(plan);
  });

  it.each([
    [
      'a rate of zero',
      (plan: Plan) => {
        (plan.options.scenarios['product-get'] as { startRate: number }).startRate = 0;
      },
      'invalid /options/scenarios/product-get/startRate in plan.json; expected a number >= 1, got 0',
    ],
    [
      'a closed-model executor',
      (plan: Plan) => {
        (plan.options.scenarios['product-get'] as { executor: string }).executor = 'per-vu-iterations';
      },
      'invalid /options/scenarios/product-get/executor in plan.json; expected one of "constant-arrival-rate", "ramping-arrival-rate", "constant-vus", got "per-vu-iterations"',
    ],
    [
      'a duration k6 cannot read',
      (plan: Plan) => {
        (plan.options.scenarios['product-get'] as { stages: { duration: string }[] }).stages[0]!.duration = 'two minutes';
      },
      'invalid /options/scenarios/product-get/stages/0/duration in plan.json; expected a k6 duration such as "30s", "1m30s" or "6s500ms", got "two minutes"',
    ],
    [
      'a missing env variable',
      (plan: Plan) => {
        delete (plan.env as Partial<Plan['env']>).LOADBOOK_PHASE;
      },
      'invalid /env in plan.json; expected the field "LOADBOOK_PHASE", got none',
    ],
    [
      'an unknown stage label',
      (plan: Plan) => {
        (plan.stages[0] as { label: string }).label = 'cooldown';
      },
      'invalid /stages/0/label in plan.json; expected one of "warm-up", "ramp", "steady", "burst", "recovery", got "cooldown"',
    ],
    [
      'a stray field',
      (plan: Plan) => {
        (plan as unknown as Record<string, unknown>)['vus'] = 10;
      },
      'invalid /vus in plan.json; expected a known field (',
    ],
    [
      'an invalid config inside',
      (plan: Plan) => {
        plan.config.headroom = 0;
      },
      'invalid /config/headroom in plan.json; expected a number >= 1, got 0',
    ],
  ] as const)('refuses a plan with %s, in one line naming the JSON path', (_what, corrupt, message) => {
    const plan = freshPlan();
    corrupt(plan);
    let thrown: unknown;
    try {
      validatePlan(plan, 'plan.json');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message.startsWith(message)).toBe(true);
    expect((thrown as Error).message).toMatch(/; rebuild the plan with the phase script instead of editing it by hand$/);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
