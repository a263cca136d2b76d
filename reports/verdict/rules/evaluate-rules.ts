import type { TimedServerSample } from '../../analysis/read-server-samples.ts';
import { evaluateSustained } from './evaluate-sustained.ts';
import { gcPauseBounds } from './gc-pause-bounds.ts';
import type { TimedValue } from './longest-streak.ts';
import { missingDataReason, partitionSamples } from './partition-samples.ts';
import type { PartitionedSamples } from './partition-samples.ts';
import type { RuleResult } from './rule-result.ts';
import { resolveRules, RULE_IDS } from './rule-spec.ts';
import type { RuleId, RulesConfig, RuleSpec } from './rule-spec.ts';

/** What {@link evaluateRules} judges. */
export interface EvaluateRulesInput {
  /** The run's server samples, as `readServerSamples` yields them. */
  readonly samples: readonly TimedServerSample[];
  /** Failed requests over all requests of the run, 0..1 (the analysis' errors); undefined when none ran. */
  readonly errorRate: number | undefined;
  /** The run's time scale; windows are multiplied by it. */
  readonly timeScale: number;
  /**
   * Cores the target may use. `cpuPercent` is in percent of one core, so with `cores` the CPU rule
   * compares `cpuPercent / cores` (the share of the whole machine) with its threshold; without it,
   * `cpuPercent` as is, which judges one busy core as 100%.
   * @default undefined
   */
  readonly cores?: number;
  /** Overrides of {@link DEFAULT_RULES}. @default {} */
  readonly rules?: RulesConfig;
}

/** What each rule's evaluator gets. */
interface RuleContext {
  readonly parts: PartitionedSamples;
  readonly errorRate: number | undefined;
  readonly timeScale: number;
  readonly cores: number | undefined;
}

type Evaluator = (context: RuleContext, spec: RuleSpec) => RuleResult;

/** How each rule is judged. */
const EVALUATORS: { readonly [K in RuleId]: Evaluator } = {
  'error-rate': ({ errorRate }, spec) => {
    const base = { rule: 'error-rate', action: spec.action, threshold: spec.threshold } as const;
    if (errorRate === undefined || !Number.isFinite(errorRate)) {
      return { ...base, kind: 'not-evaluated', reason: 'no error rate: the run analysed no requests' };
    }
    const observed = { kind: 'rate', rate: errorRate } as const;
    return { ...base, kind: errorRate > spec.threshold ? 'triggered' : 'ok', observed };
  },
  'kafka-lag': ({ parts, timeScale }, spec) => {
    const series = new Map<string, TimedValue[]>();
    // Why each group that was never measured could not be: no committed offset to count from, or unknown to the broker.
    const unseen = new Map<string, string>();
    for (const { timeMs, sample } of parts.kafkaLag) {
      if (sample.status === 'unknown') unseen.set(sample.group, sample.reason);
      else if (Number.isFinite(sample.total)) push(series, sample.group, { timeMs, value: sample.total });
    }
    const errors = parts.samplerErrors.filter(({ sample }) => sample.source === 'kafka');
    for (const { sample } of errors) if (sample.group !== undefined && !unseen.has(sample.group)) unseen.set(sample.group, sample.error);
    for (const group of series.keys()) unseen.delete(group);
    const result = evaluateSustained({
      rule: 'kafka-lag',
      spec,
      windowMs: scaled(spec, timeScale),
      series,
      basis: 'total lag of a consumer group, in messages',
      missingReason: missingDataReason(errors, 'no kafka-lag samples: no consumer group was sampled'),
    });
    // A group whose lag was never seen may be the one far behind: only a trigger elsewhere is a finding.
    if (unseen.size === 0 || result.kind === 'triggered') return result;
    const why = [...unseen].map(([group, reason]) => `${group}: ${reason}`).join('; ');
    const reason = `lag unknown for ${unseen.size} consumer group(s) (${why})${result.kind === 'not-evaluated' ? `; ${result.reason}` : ''}`;
    return { ...result, kind: 'not-evaluated', reason };
  },
  cpu: ({ parts, timeScale, cores }, spec) => {
    const series = new Map<string, TimedValue[]>();
    for (const { timeMs, sample } of parts.saturation) {
      if (sample.cpuPercent !== undefined) push(series, sample.source, { timeMs, value: sample.cpuPercent / (cores ?? 1) });
    }
    return evaluateSustained({
      rule: 'cpu',
      spec,
      windowMs: scaled(spec, timeScale),
      series,
      basis: cores === undefined ? 'cpuPercent, in percent of one core (no core count given)' : `cpuPercent / ${cores} cores`,
      missingReason: saturationMissing(parts, 'no CPU readings: the target exports neither process_cpu_seconds_total nor process_cpu_usage'),
    });
  },
  'gc-pauses': ({ parts }, spec) => {
    const base = { rule: 'gc-pauses', action: spec.action, threshold: spec.threshold, count: spec.count } as const;
    const needed = spec.count ?? 1;
    const bounds = gcPauseBounds(parts.saturation, spec.threshold);
    if (bounds.intervals === 0) {
      const reason = saturationMissing(parts, 'no GC readings: the target exports neither nodejs_gc_duration_seconds nor jvm_gc_pause_seconds');
      return { ...base, kind: 'not-evaluated', reason };
    }
    const observed = { kind: 'count', count: bounds.atLeast, atMost: bounds.atMost } as const;
    if (bounds.atLeast >= needed) return { ...base, kind: 'triggered', observed };
    if (bounds.atMost < needed) return { ...base, kind: 'ok', observed };
    const reason =
      `the target exports no per-pause maximum that settles it: the samples prove ${bounds.atLeast} ` +
      `pause(s) over ${spec.threshold} s and allow up to ${bounds.atMost}`;
    return { ...base, kind: 'not-evaluated', reason, observed };
  },
};

/**
 * Judges the escalation rules (docs/runbook.md §16) over a run, in {@link DEFAULT_RULES} order. A rule whose data is
 * missing is `not-evaluated` with a reason, never `ok`.
 */
export function evaluateRules(input: EvaluateRulesInput): RuleResult[] {
  const { timeScale, cores } = input;
  if (!(Number.isFinite(timeScale) && timeScale > 0)) {
    throw new Error(`invalid timeScale; expected a positive number, got ${JSON.stringify(timeScale)}`);
  }
  if (cores !== undefined && !(Number.isFinite(cores) && cores > 0)) {
    throw new Error(`invalid cores; expected a positive number of cores, got ${JSON.stringify(cores)}`);
  }
  const rules = resolveRules(input.rules);
  const context: RuleContext = { parts: partitionSamples(input.samples), errorRate: input.errorRate, timeScale, cores };
  return RULE_IDS.map((id) => EVALUATORS[id](context, rules[id]));
}

function push(series: Map<string, TimedValue[]>, name: string, reading: TimedValue): void {
  const readings = series.get(name);
  if (readings === undefined) series.set(name, [reading]);
  else readings.push(reading);
}

/** A sustained rule's window times the time scale; a rule configured without one fires on one sample. */
function scaled(spec: RuleSpec, timeScale: number): number {
  return (spec.windowMs ?? 0) * timeScale;
}

/** Why a saturation rule has no readings: no samples of the field, sampler errors only, or no samplers. */
function saturationMissing(parts: PartitionedSamples, noField: string): string {
  if (parts.saturation.length > 0) return noField;
  const errors = parts.samplerErrors.filter(({ sample }) => sample.source !== 'kafka');
  return missingDataReason(errors, 'no saturation samples: no metrics endpoint was sampled');
}
