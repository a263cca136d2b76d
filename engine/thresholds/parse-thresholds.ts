import { OptionsError, shown } from '../errors.ts';
import type { MetricType } from '../metrics/metric-types.ts';
import { parseDuration } from '../options/parse-duration.ts';
import { AGGREGATIONS_BY_METRIC_TYPE, aggregationKindLabel } from './aggregations-by-metric-type.ts';
import { parseThresholdExpression } from './parse-threshold-expression.ts';
import type { ThresholdExpression } from './parse-threshold-expression.ts';
import { parseThresholdKey } from './parse-threshold-key.ts';
import type { ThresholdKey } from './parse-threshold-key.ts';

/** One threshold: an expression plus k6's abort settings. */
export interface ThresholdSpec extends ThresholdExpression {
  /**
   * Stop the run at the first evaluation that fails.
   * @default false
   */
  readonly abortOnFail: boolean;
  /**
   * How long into the run abortOnFail waits before it may stop the run, so early, sparse samples cannot.
   * @default 0
   */
  readonly delayAbortEvalMs: number;
}

/** The thresholds of one key of `options.thresholds`: a metric or sub-metric and its expressions. */
export interface ThresholdSet extends ThresholdKey {
  /** May be empty: k6 users write `'metric{tag:value}': []` just to get the sub-metric into the summary. */
  readonly specs: readonly ThresholdSpec[];
}

const LONG_FORM_FIELDS: ReadonlySet<string> = new Set(['threshold', 'abortOnFail', 'delayAbortEval']);

/**
 * Validates k6's `options.thresholds`: keys are metrics or sub-metrics that must exist, values are arrays of
 * expression strings or `{ threshold, abortOnFail?, delayAbortEval? }` objects, and each aggregation must
 * suit the metric's type.
 *
 * A bare string in place of the array is refused: k6's docs and `@types/k6` only give the array form, and
 * scripts must stay runnable on stock k6.
 *
 * @param metricTypeOf the type of a metric registered by the engine or the init context, undefined if none.
 */
export function parseThresholds(
  thresholds: unknown,
  metricTypeOf: (name: string) => MetricType | undefined,
): ThresholdSet[] {
  if (thresholds === undefined || thresholds === null) return [];
  if (typeof thresholds !== 'object' || Array.isArray(thresholds)) {
    throw new OptionsError(
      `invalid thresholds; expected an object of metric names to arrays of expressions such as ` +
        `{ "http_req_duration": ["p(95)<200"] }, got ${shown(thresholds)}`,
    );
  }

  return Object.entries(thresholds).map(([rawKey, entries]) => {
    const key = parseThresholdKey(rawKey);
    const type = metricTypeOf(key.metric);
    if (type === undefined) {
      throw new OptionsError(
        `invalid threshold key ${shown(rawKey)}; no metric named ${shown(key.metric)} exists; ` +
          `expected a built-in metric or one created in the init context`,
      );
    }
    if (!Array.isArray(entries)) {
      throw new OptionsError(
        `invalid thresholds for ${shown(rawKey)}; expected an array of expressions such as ["p(95)<200"], ` +
          `got ${shown(entries)}`,
      );
    }
    return { ...key, specs: entries.map((entry: unknown) => parseSpec(entry, key, type)) };
  });
}

function parseSpec(entry: unknown, key: ThresholdKey, type: MetricType): ThresholdSpec {
  if (typeof entry === 'string') {
    return { ...parseExpression(entry, key, type), abortOnFail: false, delayAbortEvalMs: 0 };
  }

  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new OptionsError(
      `invalid threshold for ${shown(key.key)}; expected an expression such as "p(95)<200" or ` +
        `{ threshold: "p(95)<200", abortOnFail: true, delayAbortEval: "10s" }, got ${shown(entry)}`,
    );
  }
  const fields = entry as Record<string, unknown>;
  const unknown = Object.keys(fields).find((field) => !LONG_FORM_FIELDS.has(field));
  if (unknown !== undefined) {
    throw new OptionsError(
      `invalid threshold for ${shown(key.key)}; expected only the fields threshold, abortOnFail and ` +
        `delayAbortEval, got ${shown(unknown)}`,
    );
  }
  const { threshold, abortOnFail = false, delayAbortEval = 0 } = fields;
  if (typeof threshold !== 'string') {
    throw new OptionsError(
      `invalid threshold for ${shown(key.key)}; expected "threshold" to be an expression such as "p(95)<200", ` +
        `got ${threshold === undefined ? 'no "threshold" field' : shown(threshold)}`,
    );
  }
  if (typeof abortOnFail !== 'boolean') {
    throw new OptionsError(
      `invalid abortOnFail of threshold ${shown(threshold)} for ${shown(key.key)}; expected true or false, ` +
        `got ${shown(abortOnFail)}`,
    );
  }
  return {
    ...parseExpression(threshold, key, type),
    abortOnFail,
    delayAbortEvalMs: parseDuration(
      delayAbortEval,
      `delayAbortEval (threshold ${shown(threshold)} on ${shown(key.key)})`,
    ),
  };
}

function parseExpression(source: string, key: ThresholdKey, type: MetricType): ThresholdExpression {
  const expression = parseThresholdExpression(source, key.key);
  const allowed = AGGREGATIONS_BY_METRIC_TYPE[type];
  if (!allowed.includes(expression.aggregation.kind)) {
    throw new OptionsError(
      `invalid threshold ${shown(source)} for metric ${shown(key.key)}; ${key.metric} is a ${type} metric, ` +
        `expected one of ${allowed.map(aggregationKindLabel).join(', ')}, ` +
        `got ${aggregationKindLabel(expression.aggregation.kind)}`,
    );
  }
  return expression;
}
