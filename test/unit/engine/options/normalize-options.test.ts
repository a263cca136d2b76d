import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import type { ScenarioConfig } from '../../../../engine/executors/executor-types.ts';
import type { MetricType } from '../../../../engine/metrics/metric-types.ts';
import { normalizeOptions } from '../../../../engine/options/normalize-options.ts';
import type { OptionOverrides } from '../../../../engine/options/test-options.ts';

const METRIC_TYPES: Readonly<Record<string, MetricType>> = {
  http_req_duration: 'trend',
  http_req_failed: 'rate',
  http_reqs: 'counter',
  checks: 'rate',
  vus: 'gauge',
};
const metricTypeOf = (name: string): MetricType | undefined => METRIC_TYPES[name];
const scenariosOf = (script: Record<string, unknown> | undefined, overrides: OptionOverrides = {}): ScenarioConfig[] =>
  normalizeOptions(script, overrides, metricTypeOf).scenarios;

/** k6's common scenario defaults: startTime 0s, gracefulStop 30s, exec default, no env or tags. */
const common = (name: string, executor: string) => ({
  name,
  executor,
  startTimeMs: 0,
  gracefulStopMs: 30_000,
  exec: 'default',
  env: {},
  tags: {},
});

describe('normalizeOptions: each executor with only its required options gets k6 defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['shared-iterations', {}, { kind: 'shared-iterations', vus: 1, iterations: 1, maxDurationMs: 600_000 }],
    ['per-vu-iterations', {}, { kind: 'per-vu-iterations', vus: 1, iterations: 1, maxDurationMs: 600_000 }],
    ['constant-vus', { duration: '1m' }, { kind: 'constant-vus', vus: 1, durationMs: 60_000 }],
    [
      'ramping-vus',
      { stages: [{ duration: '30s', target: 10 }] },
      { kind: 'ramping-vus', startVUs: 1, stages: [{ durationMs: 30_000, target: 10 }], gracefulRampDownMs: 30_000 },
    ],
    [
      'constant-arrival-rate',
      { rate: 100, duration: '1m', preAllocatedVUs: 20 },
      { kind: 'constant-arrival-rate', rate: 100, timeUnitMs: 1000, durationMs: 60_000, preAllocatedVUs: 20, maxVUs: 20 },
    ],
    [
      'ramping-arrival-rate',
      { stages: [{ duration: '2m', target: 50 }], preAllocatedVUs: 5 },
      {
        kind: 'ramping-arrival-rate',
        startRate: 0,
        timeUnitMs: 1000,
        stages: [{ durationMs: 120_000, target: 50 }],
        preAllocatedVUs: 5,
        maxVUs: 5,
      },
    ],
  ])('reads a bare %s scenario', (executor, options, expected) => {
    expect(scenariosOf({ scenarios: { s: { executor, ...options } } })).toEqual([{ ...common('s', executor), ...expected }]);
  });
});

describe('normalizeOptions: explicit scenario options', () => {
  it('reads the common options: startTime, gracefulStop, exec, env and tags', () => {
    const [scenario] = scenariosOf({
      scenarios: {
        browse: {
          executor: 'constant-vus',
          vus: 3,
          duration: '1m30s',
          startTime: '10s',
          gracefulStop: '5s',
          exec: 'browseProducts',
          env: { TARGET: 'http://localhost', RETRIES: 3 },
          tags: { flow: 'browse' },
        },
      },
    });
    expect(scenario).toEqual({
      name: 'browse',
      executor: 'constant-vus',
      kind: 'constant-vus',
      startTimeMs: 10_000,
      gracefulStopMs: 5_000,
      exec: 'browseProducts',
      env: { TARGET: 'http://localhost', RETRIES: '3' },
      tags: { flow: 'browse' },
      vus: 3,
      durationMs: 90_000,
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['constant-arrival-rate', { rate: 30, timeUnit: '1m', duration: '10m', preAllocatedVUs: 2, maxVUs: 50 }, { rate: 30, timeUnitMs: 60_000, durationMs: 600_000, preAllocatedVUs: 2, maxVUs: 50 }],
    ['ramping-arrival-rate', { startRate: 10, timeUnit: '500ms', stages: [{ duration: '10s', target: 0 }], preAllocatedVUs: 1, maxVUs: 9 }, { startRate: 10, timeUnitMs: 500, preAllocatedVUs: 1, maxVUs: 9 }],
    ['ramping-vus', { startVUs: 0, gracefulRampDown: '0s', stages: [{ duration: '5s', target: 3 }] }, { startVUs: 0, gracefulRampDownMs: 0 }],
    ['per-vu-iterations', { vus: 4, iterations: 25, maxDuration: '90s' }, { vus: 4, iterations: 25, maxDurationMs: 90_000 }],
    ['shared-iterations', { vus: 4, iterations: 4, maxDuration: '1h' }, { vus: 4, iterations: 4, maxDurationMs: 3_600_000 }],
  ])('reads %s options %j', (executor, options, expected) => {
    expect(scenariosOf({ scenarios: { s: { executor, ...options } } })[0]).toMatchObject(expected);
  });

  it('keeps several scenarios in the order the script declares them', () => {
    const scenarios = scenariosOf({
      scenarios: {
        zeta: { executor: 'per-vu-iterations' },
        alpha: { executor: 'constant-vus', duration: '1s', startTime: '1s' },
      },
    });
    expect(scenarios.map((scenario) => [scenario.name, scenario.kind, scenario.startTimeMs])).toEqual([
      ['zeta', 'per-vu-iterations', 0],
      ['alpha', 'constant-vus', 1000],
    ]);
  });
});

describe('normalizeOptions: shortcut options become one scenario named "default"', () => {
  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown>]>([
    ['vus + duration is constant-vus', { vus: 10, duration: '30s' }, { kind: 'constant-vus', vus: 10, durationMs: 30_000 }],
    ['duration alone is 1 constant VU', { duration: '5s' }, { kind: 'constant-vus', vus: 1, durationMs: 5_000 }],
    ['vus + iterations is shared-iterations', { vus: 5, iterations: 20 }, { kind: 'shared-iterations', vus: 5, iterations: 20, maxDurationMs: 600_000 }],
    ['iterations alone is 1 VU sharing them', { iterations: 3 }, { kind: 'shared-iterations', vus: 1, iterations: 3 }],
    [
      'stages is ramping-vus',
      { stages: [{ duration: '10s', target: 5 }, { duration: '5s', target: 0 }] },
      { kind: 'ramping-vus', startVUs: 1, stages: [{ durationMs: 10_000, target: 5 }, { durationMs: 5_000, target: 0 }], gracefulRampDownMs: 30_000 },
    ],
    ['nothing is 1 VU doing 1 iteration', {}, { kind: 'shared-iterations', vus: 1, iterations: 1, maxDurationMs: 600_000 }],
    ['no options object is 1 VU doing 1 iteration', undefined, { kind: 'shared-iterations', vus: 1, iterations: 1 }],
  ])('%s', (_name, script, expected) => {
    const scenarios = scenariosOf(script);
    expect(scenarios).toHaveLength(1);
    expect(scenarios[0]).toMatchObject({ name: 'default', executor: expected.kind, exec: 'default', ...expected });
  });
});

describe('normalizeOptions: CLI overrides', () => {
  const script = {
    vus: 3,
    scenarios: {
      steady: { executor: 'constant-arrival-rate', rate: 50, duration: '1m', preAllocatedVUs: 10 },
      browse: { executor: 'constant-vus', vus: 2, duration: '1m' },
    },
  };

  it.each<[string, OptionOverrides, Record<string, unknown>]>([
    ['--duration runs the script vus as constant-vus', { duration: '10s' }, { kind: 'constant-vus', vus: 3, durationMs: 10_000 }],
    ['--vus and --duration run constant-vus', { vus: 7, duration: '20s' }, { kind: 'constant-vus', vus: 7, durationMs: 20_000 }],
    ['--iterations shares them among the script vus', { iterations: 9 }, { kind: 'shared-iterations', vus: 3, iterations: 9 }],
    ['--vus and --iterations run shared-iterations', { vus: 2, iterations: 8 }, { kind: 'shared-iterations', vus: 2, iterations: 8 }],
  ])('%s, replacing the script scenarios', (_name, overrides, expected) => {
    const scenarios = scenariosOf(script, overrides);
    expect(scenarios.map((scenario) => scenario.name)).toEqual(['default']);
    expect(scenarios[0]).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, OptionOverrides, Record<string, unknown>]>([
    ['--duration replaces the script stages', { vus: 2, stages: [{ duration: '1m', target: 5 }] }, { duration: '10s' }, { kind: 'constant-vus', vus: 2, durationMs: 10_000 }],
    ['--duration replaces the script iterations', { iterations: 10 }, { duration: '30s' }, { kind: 'constant-vus', vus: 1, durationMs: 30_000 }],
    ['--iterations replaces the script duration', { vus: 4, duration: '1m' }, { iterations: 8 }, { kind: 'shared-iterations', vus: 4, iterations: 8 }],
    ['--vus alone keeps the script duration', { vus: 2, duration: '1m' }, { vus: 6 }, { kind: 'constant-vus', vus: 6, durationMs: 60_000 }],
    ['--vus alone keeps the script stages as ramping-vus', { stages: [{ duration: '1m', target: 5 }] }, { vus: 3 }, { kind: 'ramping-vus', startVUs: 3 }],
  ])('%s, because flags win over the script', (_name, scriptOptions, overrides, expected) => {
    const scenarios = scenariosOf(scriptOptions, overrides);
    expect(scenarios).toHaveLength(1);
    expect(scenarios[0]).toMatchObject({ name: 'default', ...expected });
  });

  it('keeps the script scenarios when no shortcut is overridden', () => {
    expect(scenariosOf(script, { tags: { run: 'x' } }).map((scenario) => scenario.name)).toEqual(['steady', 'browse']);
  });

  it('replaces the script scenarios with the ones a plan passes', () => {
    const scenarios = scenariosOf(script, { scenarios: { planned: { executor: 'per-vu-iterations', vus: 2, iterations: 3 } } });
    expect(scenarios).toEqual([{ ...common('planned', 'per-vu-iterations'), kind: 'per-vu-iterations', vus: 2, iterations: 3, maxDurationMs: 600_000 }]);
  });

  it('merges --tag over the script tags, the flag winning', () => {
    const options = normalizeOptions({ tags: { env: 'staging', team: 'shop' } }, { tags: { env: 'ci' } }, metricTypeOf);
    expect(options.tags).toEqual({ env: 'ci', team: 'shop' });
  });

  it('takes summaryTrendStats from the flag over the script', () => {
    const options = normalizeOptions({ summaryTrendStats: ['avg'] }, { summaryTrendStats: ['med', 'p(99)', 'count'] }, metricTypeOf);
    expect(options.summaryTrendStats).toEqual(['med', 'p(99)', 'count']);
  });
});

describe('normalizeOptions: test-wide options', () => {
  it('uses k6 defaults for summaryTrendStats, setupTimeout and teardownTimeout', () => {
    const options = normalizeOptions({}, {}, metricTypeOf);
    expect(options.summaryTrendStats).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
    expect(options.setupTimeoutMs).toBe(60_000);
    expect(options.teardownTimeoutMs).toBe(60_000);
    expect(options.thresholds).toEqual([]);
    expect(options.summaryTimeUnit).toBe('');
  });

  it('reads summaryTrendStats with decimal percentiles and count', () => {
    expect(normalizeOptions({ summaryTrendStats: ['p(99.9)', 'count', 'p(0)', 'p(100)'] }, {}, metricTypeOf).summaryTrendStats).toEqual([
      'p(99.9)',
      'count',
      'p(0)',
      'p(100)',
    ]);
  });

  it('reads thresholds on metrics and sub-metrics', () => {
    const options = normalizeOptions(
      { thresholds: { http_req_duration: ['p(95)<120'], 'http_req_duration{scenario:steady}': ['avg<80'] } },
      {},
      metricTypeOf,
    );
    expect(options.thresholds.map((set) => [set.key, set.metric, set.filter, set.specs.map((spec) => spec.source)])).toEqual([
      ['http_req_duration', 'http_req_duration', {}, ['p(95)<120']],
      ['http_req_duration{scenario:steady}', 'http_req_duration', { scenario: 'steady' }, ['avg<80']],
    ]);
  });

  it('reads setupTimeout and teardownTimeout as durations', () => {
    const options = normalizeOptions({ setupTimeout: '2m', teardownTimeout: '15s' }, {}, metricTypeOf);
    expect([options.setupTimeoutMs, options.teardownTimeoutMs]).toEqual([120_000, 15_000]);
  });
});

describe('normalizeOptions: invalid options are OptionsError (exit 104) naming the offending value', () => {
  const scenario = (options: Record<string, unknown>) => ({ scenarios: { s: options } });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown executor', scenario({ executor: 'ramping-arrivals' }), /scenarios\.s\.executor "ramping-arrivals"; expected one of shared-iterations, .*ramping-arrival-rate/],
    ['a missing executor', scenario({ vus: 1 }), /scenarios\.s\.executor undefined/],
    ['a negative rate', scenario({ executor: 'constant-arrival-rate', rate: -5, duration: '1m', preAllocatedVUs: 1 }), /invalid scenarios\.s\.rate; expected a positive number of iterations per timeUnit, got -5$/],
    ['a zero rate', scenario({ executor: 'constant-arrival-rate', rate: 0, duration: '1m', preAllocatedVUs: 1 }), /scenarios\.s\.rate.*got 0$/],
    ['a rate given as a string', scenario({ executor: 'constant-arrival-rate', rate: '10', duration: '1m', preAllocatedVUs: 1 }), /scenarios\.s\.rate.*got "10"$/],
    ['a negative startRate', scenario({ executor: 'ramping-arrival-rate', startRate: -1, stages: [{ duration: '1s', target: 1 }], preAllocatedVUs: 1 }), /scenarios\.s\.startRate; expected a non-negative number.*got -1$/],
    ['the duration "5x"', scenario({ executor: 'constant-vus', duration: '5x' }), /invalid scenarios\.s\.duration "5x"; expected a duration/],
    ['a missing duration for constant-vus', scenario({ executor: 'constant-vus', vus: 2 }), /missing scenarios\.s\.duration/],
    ['a zero duration for constant-vus', scenario({ executor: 'constant-vus', duration: '0s' }), /scenarios\.s\.duration; expected a duration above zero, got "0s"/],
    ['a zero timeUnit', scenario({ executor: 'constant-arrival-rate', rate: 1, timeUnit: '0s', duration: '1m', preAllocatedVUs: 1 }), /scenarios\.s\.timeUnit; expected a duration above zero, got "0s"/],
    ['a missing preAllocatedVUs', scenario({ executor: 'constant-arrival-rate', rate: 5, duration: '1m' }), /missing scenarios\.s\.preAllocatedVUs/],
    ['vus above iterations for shared-iterations', scenario({ executor: 'shared-iterations', vus: 5, iterations: 3 }), /scenarios\.s\.iterations; expected at least as many iterations as vus \(5\), got 3$/],
    ['zero vus', scenario({ executor: 'constant-vus', vus: 0, duration: '1s' }), /scenarios\.s\.vus; expected an integer ≥ 1, got 0$/],
    ['fractional iterations', scenario({ executor: 'per-vu-iterations', iterations: 1.5 }), /scenarios\.s\.iterations; expected an integer ≥ 1, got 1\.5$/],
    ['negative startVUs', scenario({ executor: 'ramping-vus', startVUs: -1, stages: [{ duration: '1s', target: 1 }] }), /scenarios\.s\.startVUs; expected an integer ≥ 0, got -1$/],
    ['empty stages', scenario({ executor: 'ramping-vus', stages: [] }), /scenarios\.s\.stages; expected a non-empty array of \{ duration, target \}, got \[\]$/],
    ['a negative stage target', scenario({ executor: 'ramping-vus', stages: [{ duration: '1s', target: 2 }, { duration: '1s', target: -1 }] }), /scenarios\.s\.stages\[1\]\.target; expected a number ≥ 0, got -1$/],
    ['a bad stage duration', scenario({ executor: 'ramping-vus', stages: [{ duration: 'soon', target: 2 }] }), /scenarios\.s\.stages\[0\]\.duration "soon"/],
    ['an exec name that is not an identifier', scenario({ executor: 'per-vu-iterations', exec: 'not-a-name' }), /scenarios\.s\.exec; expected the name of an exported function, got "not-a-name"$/],
    ['env that is not an object', scenario({ executor: 'per-vu-iterations', env: 'A=1' }), /scenarios\.s\.env; expected an object of string values, got "A=1"$/],
    ['a scenario that is not an object', { scenarios: { s: 'constant-vus' } }, /invalid scenarios\.s; expected an object, got "constant-vus"$/],
    ['an empty scenarios object', { scenarios: {} }, /invalid scenarios \{\}; expected an object with at least one scenario$/],
    ['a malformed threshold', { thresholds: { http_req_duration: ['p95<100'] } }, /"p95<100"/],
    ['a threshold on an unknown metric', { thresholds: { no_such_metric: ['count<1'] } }, /"no_such_metric"/],
    ['an aggregation the metric type lacks', { thresholds: { http_req_failed: ['p(95)<1'] } }, /"p\(95\)<1"/],
    ['an unknown summaryTrendStats entry', { summaryTrendStats: ['avg', 'mean'] }, /summaryTrendStats entry "mean"; expected avg, min, med, max, count or p\(N\)/],
    ['a percentile above 100 in summaryTrendStats', { summaryTrendStats: ['p(101)'] }, /summaryTrendStats entry "p\(101\)"/],
    ['an empty summaryTrendStats', { summaryTrendStats: [] }, /invalid summaryTrendStats \[\]; expected a non-empty list/],
    ['a bad setupTimeout', { setupTimeout: 'forever' }, /setupTimeout "forever"/],
  ])('refuses %s', (_name, script, message) => {
    let caught: unknown;
    try {
      normalizeOptions(script, {}, metricTypeOf);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).exitCode).toBe(104);
    expect((caught as OptionsError).message).toMatch(message);
  });

  it('refuses a bad --duration override the same way', () => {
    expect(() => normalizeOptions({}, { duration: '5x' }, metricTypeOf)).toThrow(/duration "5x"/);
  });
});
