import { describe, expect, it } from 'vitest';
import { EXECUTORS, isExecutorKind } from '../../../../engine/executors/index.ts';
import type { ScenarioConfig } from '../../../../engine/executors/executor-types.ts';
import { normalizeOptions } from '../../../../engine/options/normalize-options.ts';

const scenarioOf = (definition: Record<string, unknown>): ScenarioConfig =>
  normalizeOptions({ scenarios: { s: definition } }, {}, () => undefined).scenarios[0]!;

const maxVusOf = (config: ScenarioConfig) => (EXECUTORS[config.kind].maxVus as (c: ScenarioConfig) => number)(config);
const durationOf = (config: ScenarioConfig) => (EXECUTORS[config.kind].durationMs as (c: ScenarioConfig) => number)(config);

describe('EXECUTORS', () => {
  it.each<[Record<string, unknown>, number, number]>([
    [{ executor: 'shared-iterations', vus: 4, iterations: 100, maxDuration: '2m' }, 4, 120_000],
    [{ executor: 'per-vu-iterations', vus: 6, iterations: 3 }, 6, 600_000],
    [{ executor: 'constant-vus', vus: 8, duration: '45s' }, 8, 45_000],
    [{ executor: 'ramping-vus', startVUs: 3, stages: [{ duration: '10s', target: 12 }, { duration: '5s', target: 7 }, { duration: '1s', target: 0 }] }, 12, 16_000],
    [{ executor: 'ramping-vus', startVUs: 20, stages: [{ duration: '10s', target: 5 }] }, 20, 10_000],
    [{ executor: 'constant-arrival-rate', rate: 50, duration: '1m', preAllocatedVUs: 5, maxVUs: 40 }, 40, 60_000],
    [{ executor: 'ramping-arrival-rate', stages: [{ duration: '30s', target: 10 }, { duration: '30s', target: 0 }], preAllocatedVUs: 7 }, 7, 60_000],
  ])('sizes %j at %d VUs for %d ms', (definition, maxVus, durationMs) => {
    const config = scenarioOf(definition);
    expect([maxVusOf(config), durationOf(config)]).toEqual([maxVus, durationMs]);
  });

  it.each([
    ['shared-iterations', true],
    ['per-vu-iterations', true],
    ['constant-vus', true],
    ['ramping-vus', true],
    ['constant-arrival-rate', true],
    ['ramping-arrival-rate', true],
    ['externally-controlled', false],
    ['toString', false],
    [undefined, false],
  ])('knows whether %j is an executor: %s', (name, expected) => {
    expect(isExecutorKind(name)).toBe(expected);
  });
});
