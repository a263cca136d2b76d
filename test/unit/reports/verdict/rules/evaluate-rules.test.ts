import { describe, expect, it } from 'vitest';
import type { TimedServerSample } from '../../../../../reports/analysis/read-server-samples.ts';
import type { GcPauses } from '../../../../../reports/samplers/derive-saturation.ts';
import { evaluateRules } from '../../../../../reports/verdict/rules/index.ts';
import type { EvaluateRulesInput, RuleId, RuleResult } from '../../../../../reports/verdict/rules/index.ts';
import { kafkaLag, samplerError, saturation, T0 } from './server-sample-fixture.ts';

/** The result of one rule, with everything else left at inputs that keep the other rules quiet. */
function result(rule: RuleId, input: Partial<EvaluateRulesInput>): RuleResult {
  const results = evaluateRules({ samples: [], errorRate: 0, timeScale: 1, ...input });
  return results.find((each) => each.rule === rule)!;
}

/** Lag samples from `[seconds, total]` pairs. */
const lag = (pairs: [number, number][]) => pairs.map(([seconds, total]) => kafkaLag(seconds, total));
/** CPU samples from `[seconds, cpuPercent]` pairs. */
const cpu = (pairs: [number, number][]) => pairs.map(([seconds, cpuPercent]) => saturation(seconds, { cpuPercent }));

describe('evaluateRules', () => {
  it('returns one result per rule, in the registry order', () => {
    const rules = evaluateRules({ samples: [], errorRate: 0, timeScale: 1 }).map((each) => each.rule);
    expect(rules).toEqual(['error-rate', 'kafka-lag', 'cpu', 'gc-pauses']);
  });

  it.each([
    { case: 'a 1.1% error rate triggers', errorRate: 0.011, kind: 'triggered' },
    { case: 'a 0.9% error rate is ok', errorRate: 0.009, kind: 'ok' },
    { case: 'exactly 1% is ok, the threshold being strict', errorRate: 0.01, kind: 'ok' },
  ])('$case', ({ errorRate, kind }) => {
    expect(result('error-rate', { errorRate })).toMatchObject({ kind, threshold: 0.01, action: 'roll back or investigate', observed: { kind: 'rate', rate: errorRate } });
  });

  it('does not evaluate the error rate when the run analysed no requests', () => {
    expect(result('error-rate', { errorRate: undefined })).toMatchObject({ kind: 'not-evaluated', reason: 'no error rate: the run analysed no requests' });
  });

  it.each([
    { case: 'lag above 5,000 for exactly 5 min triggers', pairs: [[0, 6000], [150, 6000], [300, 6000], [400, 10]], kind: 'triggered', longestMs: 300_000 },
    { case: 'lag above 5,000 for 4 min 59 s is ok', pairs: [[0, 6000], [150, 6000], [299, 6000], [400, 10]], kind: 'ok', longestMs: 299_000 },
    { case: 'one dip to 5,000 resets the streak', pairs: [[0, 6000], [100, 6000], [150, 5000], [200, 6000], [400, 6000], [450, 10]], kind: 'ok', longestMs: 200_000 },
    { case: 'irregular samples are measured by their timestamps', pairs: [[0, 10], [7, 9000], [8, 9000], [191, 9000], [307, 9000], [311, 10]], kind: 'triggered', longestMs: 300_000 },
  ] as { case: string; pairs: [number, number][]; kind: string; longestMs: number }[])('$case', ({ pairs, kind, longestMs }) => {
    const outcome = result('kafka-lag', { samples: lag(pairs) });
    expect(outcome).toMatchObject({ kind, windowMs: 300_000, action: 'scale consumers', observed: { kind: 'streak', longestMs, series: 'order-events' } });
  });

  it('states when the longest streak started', () => {
    const outcome = result('kafka-lag', { samples: lag([[0, 10], [60, 9000], [400, 9000]]) });
    expect(outcome).toMatchObject({ kind: 'triggered', observed: { startedAtMs: T0 + 60_000, peak: 9000 } });
  });

  it.each([
    { case: 'a 12 s streak triggers at time scale 0.02', pairs: [[0, 90], [5, 90], [12, 90]], kind: 'triggered' },
    { case: 'an 11.9 s streak is ok at time scale 0.02', pairs: [[0, 90], [5, 90], [11.9, 90], [20, 10]], kind: 'ok' },
  ] as { case: string; pairs: [number, number][]; kind: string }[])('$case: the 10 min CPU window shrinks to 12 s', ({ pairs, kind }) => {
    expect(result('cpu', { samples: cpu(pairs), timeScale: 0.02 })).toMatchObject({ kind, windowMs: 12_000 });
  });

  it.each([
    { case: 'without cores, 90% of one core triggers', cpuPercent: 90, cores: undefined, kind: 'triggered', basis: 'cpuPercent, in percent of one core (no core count given)' },
    { case: 'with 2 cores, 180% of one core is 90% and triggers', cpuPercent: 180, cores: 2, kind: 'triggered', basis: 'cpuPercent / 2 cores' },
    { case: 'with 4 cores, 180% of one core is 45% and is ok', cpuPercent: 180, cores: 4, kind: 'ok', basis: 'cpuPercent / 4 cores' },
    { case: 'without cores, 80% of one core is ok', cpuPercent: 80, cores: undefined, kind: 'ok', basis: 'cpuPercent, in percent of one core (no core count given)' },
  ])('$case', ({ cpuPercent, cores, kind, basis }) => {
    const samples = cpu([[0, cpuPercent], [300, cpuPercent], [600, cpuPercent]]);
    expect(result('cpu', { samples, cores })).toMatchObject({ kind, observed: { basis, peak: cpuPercent / (cores ?? 1) } });
  });

  it.each([
    { case: 'no samples at all leaves kafka-lag', rule: 'kafka-lag', samples: [], reason: 'no kafka-lag samples: no consumer group was sampled' },
    { case: 'no samples at all leaves cpu', rule: 'cpu', samples: [], reason: 'no saturation samples: no metrics endpoint was sampled' },
    { case: 'no samples at all leaves gc-pauses', rule: 'gc-pauses', samples: [], reason: 'no saturation samples: no metrics endpoint was sampled' },
    { case: 'saturation without CPU leaves cpu', rule: 'cpu', samples: [saturation(0, { heapUsedBytes: 1 })], reason: 'no CPU readings: the target exports neither process_cpu_seconds_total nor process_cpu_usage' },
    { case: 'saturation without GC leaves gc-pauses', rule: 'gc-pauses', samples: [saturation(0, { cpuPercent: 1 })], reason: 'no GC readings: the target exports neither nodejs_gc_duration_seconds nor jvm_gc_pause_seconds' },
    { case: 'a run shorter than the window leaves kafka-lag', rule: 'kafka-lag', samples: lag([[0, 9000], [200, 9000]]), reason: 'run shorter than the scaled window: the samples span 200 s, the window is 300 s' },
    { case: 'a kafka sampler that only failed leaves kafka-lag', rule: 'kafka-lag', samples: [samplerError(0, 'kafka'), samplerError(9, 'kafka')], reason: 'sampler errors only: 2 failed read(s), the first: could not scrape kafka: fetch failed (ECONNREFUSED)' },
    { case: 'a metrics endpoint that only failed leaves cpu', rule: 'cpu', samples: [samplerError(0, 'http://shop/metrics'), samplerError(0, 'kafka')], reason: 'sampler errors only: 1 failed read(s), the first: could not scrape http://shop/metrics: fetch failed (ECONNREFUSED)' },
    { case: 'a metrics endpoint that only failed leaves gc-pauses', rule: 'gc-pauses', samples: [samplerError(0, 'http://shop/metrics')], reason: 'sampler errors only: 1 failed read(s), the first: could not scrape http://shop/metrics: fetch failed (ECONNREFUSED)' },
  ] as { case: string; rule: RuleId; samples: TimedServerSample[]; reason: string }[])('$case not evaluated', ({ rule, samples, reason }) => {
    expect(result(rule, { samples })).toMatchObject({ kind: 'not-evaluated', rule, reason });
  });

  describe('kafka-lag with a consumer group whose lag is unknown', () => {
    const fine = lag([[0, 10], [400, 10]]);
    const unknown: TimedServerSample = {
      timeMs: T0,
      sample: { kind: 'kafka-lag', time: new Date(T0).toISOString(), source: 'kafka', status: 'unknown', group: 'idle', reason: 'group "idle" is EMPTY with no committed offsets and no partitions assigned' },
    };
    const missing: TimedServerSample = {
      timeMs: T0,
      sample: { kind: 'sampler-error', time: new Date(T0).toISOString(), source: 'kafka', group: 'shop-consumr', error: 'consumer group "shop-consumr" is unknown to the broker', suppressed: 3 },
    };

    it.each([
      { case: 'a group with unknown lag beside a fine one', samples: [...fine, unknown], reason: 'lag unknown for 1 consumer group(s) (idle: group "idle" is EMPTY' },
      { case: 'a group the broker does not know beside a fine one', samples: [...fine, missing], reason: 'lag unknown for 1 consumer group(s) (shop-consumr: consumer group "shop-consumr" is unknown to the broker)' },
      { case: 'a group the broker does not know alone', samples: [missing], reason: 'lag unknown for 1 consumer group(s) (shop-consumr: consumer group' },
    ])('is not evaluated, never ok, for $case', ({ samples, reason }) => {
      expect(result('kafka-lag', { samples })).toMatchObject({ kind: 'not-evaluated', reason: expect.stringContaining(reason) });
    });

    it('still triggers when another group stays above the threshold', () => {
      expect(result('kafka-lag', { samples: [...lag([[0, 9000], [300, 9000]]), unknown] }).kind).toBe('triggered');
    });
  });

  it('never passes a short run even when no sample was above', () => {
    expect(result('cpu', { samples: cpu([[0, 10], [60, 10]]) }).kind).toBe('not-evaluated');
  });

  const nodePause = { count: 1, seconds: 0.6 };
  const hidden = { count: 3, seconds: 0.9 };
  it.each([
    { case: 'five Node pauses over 500 ms trigger', pauses: Array<GcPauses>(5).fill(nodePause), kind: 'triggered', count: 5, atMost: 5 },
    { case: 'four Node pauses over 500 ms are ok', pauses: Array<GcPauses>(4).fill(nodePause), kind: 'ok', count: 4, atMost: 4 },
    { case: 'four proven and one possible pause are not evaluated', pauses: [...Array<GcPauses>(4).fill(nodePause), hidden], kind: 'not-evaluated', count: 4, atMost: 5 },
    { case: 'five distinct JVM maxima trigger', pauses: [0.6, 0.7, 0.8, 0.9, 1].map((max) => ({ count: 1, seconds: max, maxSeconds: max })), kind: 'triggered', count: 5, atMost: 5 },
  ] as { case: string; pauses: GcPauses[]; kind: string; count: number; atMost: number }[])('$case', ({ pauses, kind, count, atMost }) => {
    const samples = pauses.map((gcPauses, i) => saturation(i * 15, { gcPauses }));
    const outcome = result('gc-pauses', { samples });
    expect(outcome).toMatchObject({ kind, count: 5, threshold: 0.5, action: 'investigate allocation', observed: { kind: 'count', count, atMost } });
    if (kind === 'not-evaluated') expect(outcome).toMatchObject({ reason: expect.stringContaining('no per-pause maximum') });
  });

  it('applies overrides from a partial config and keeps the other defaults', () => {
    const samples = [...cpu([[0, 60], [60, 60], [90, 10]]), ...lag([[0, 9000], [300, 9000]])];
    const rules = { cpu: { threshold: 50, windowMs: 60_000 }, 'error-rate': { action: 'page the on-call' }, 'gc-pauses': { count: 1 } };
    const results = evaluateRules({ samples: [...samples, saturation(100, { gcPauses: nodePause })], errorRate: 0.02, timeScale: 1, rules });
    expect(results).toMatchObject([
      { rule: 'error-rate', kind: 'triggered', threshold: 0.01, action: 'page the on-call' },
      { rule: 'kafka-lag', kind: 'triggered', threshold: 5000, windowMs: 300_000, action: 'scale consumers' },
      { rule: 'cpu', kind: 'triggered', threshold: 50, windowMs: 60_000, action: 'scale horizontally' },
      { rule: 'gc-pauses', kind: 'triggered', count: 1, threshold: 0.5 },
    ]);
  });

  it.each([
    { case: 'a zero time scale', input: { timeScale: 0 }, message: 'invalid timeScale; expected a positive number, got 0' },
    { case: 'negative cores', input: { cores: -2 }, message: 'invalid cores; expected a positive number of cores, got -2' },
  ])('rejects $case', ({ input, message }) => {
    expect(() => evaluateRules({ samples: [], errorRate: 0, timeScale: 1, ...input })).toThrow(message);
  });
});
