import { OptionsError, shown } from '../errors.ts';

/** The statistic a threshold compares: `avg`, `p(95)`, `rate`… */
export type Aggregation =
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'percentile'; readonly p: number };

export type AggregationKind = Aggregation['kind'];

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

/** A parsed `aggregation operator number` expression such as `p(95)<200`. */
export interface ThresholdExpression {
  /** The expression as written; k6 keys the summary's `thresholds` by it. */
  readonly source: string;
  readonly aggregation: Aggregation;
  readonly operator: Operator;
  readonly value: number;
}

/** Longest first, so `<=` is not read as `<` followed by `=…`. */
const OPERATORS: readonly Operator[] = ['===', '==', '!=', '<=', '>=', '<', '>'];

const NAMED_AGGREGATIONS: ReadonlySet<string> = new Set(['avg', 'min', 'max', 'med', 'count', 'rate', 'value']);

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PERCENTILE = /^p\((.*)\)$/;
const UNSIGNED_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Parses a threshold expression, `aggregation operator number`, allowing whitespace between the three parts
 * (`p(95) < 200`). `p(N)` takes N from 0 to 100, as k6's docs require.
 *
 * @param metric names the metric in errors, when known.
 */
export function parseThresholdExpression(source: string, metric?: string): ThresholdExpression {
  const fail = (detail: string): OptionsError =>
    new OptionsError(
      `invalid threshold ${shown(source)}${metric === undefined ? '' : ` for metric ${shown(metric)}`}; ` +
        `expected "aggregation operator number" such as "p(95)<200", ${detail}`,
    );

  const at = source.search(/[<>=!]/);
  if (at === -1) throw fail('got no operator (<, <=, >, >=, ==, ===, !=)');
  const operator = OPERATORS.find((candidate) => source.startsWith(candidate, at));
  if (operator === undefined) throw fail(`got an unknown operator at ${shown(source.slice(at))}`);

  const aggregationText = source.slice(0, at).trim();
  const valueText = source.slice(at + operator.length).trim();
  if (aggregationText === '') throw fail(`got no aggregation before ${shown(operator)}`);
  if (!NUMBER.test(valueText)) throw fail(`got ${shown(valueText)} after ${shown(operator)} where a number belongs`);

  return { source, aggregation: parseAggregation(aggregationText, fail), operator, value: Number(valueText) };
}

function parseAggregation(text: string, fail: (detail: string) => OptionsError): Aggregation {
  if (NAMED_AGGREGATIONS.has(text)) return { kind: text as Exclude<AggregationKind, 'percentile'> };
  const percentile = PERCENTILE.exec(text);
  if (percentile === null) {
    throw fail(
      `got the unknown aggregation ${shown(text)}; aggregations are avg, min, max, med, p(N), count, rate and value`,
    );
  }
  const p = Number(percentile[1]);
  if (!UNSIGNED_NUMBER.test(percentile[1]!) || p > 100) {
    throw fail(`got ${shown(text)}; p(N) takes a percentile N from 0 to 100 such as p(95) or p(99.9)`);
  }
  return { kind: 'percentile', p };
}
