import type { SummaryMetric } from './summary-types.ts';
import { paint } from './format-ansi.ts';
import { formatMetricValue, formatNumber } from './format-metric-value.ts';
import type { SummaryTimeUnit } from './format-metric-value.ts';

/** One line of the metrics list before layout: a name, its threshold mark and its value columns. */
export interface MetricRow {
  /** The metric name, or `{ tag:value }` for a sub-metric listed under its parent. */
  readonly label: string;
  readonly isSubMetric: boolean;
  readonly mark: 'passed' | 'failed' | 'none';
  /** Trends align their columns with each other; counters, gauges and rates with each other. */
  readonly family: 'trend' | 'other';
  readonly columns: readonly string[];
}

export interface MetricRowOptions {
  /** Order of trend statistics, k6's `summaryTrendStats`; empty keeps the order of each trend's values. */
  readonly trendStats: readonly string[];
  readonly timeUnit: SummaryTimeUnit;
}

/**
 * Orders the summary's metrics as k6 lists them: alphabetically by name, each sub-metric (`name{tag:value}`)
 * right under its parent. A sub-metric whose parent is absent is listed under its full key.
 */
export function metricRowsOf(metrics: Readonly<Record<string, SummaryMetric>>, options: MetricRowOptions): MetricRow[] {
  const subKeysByParent = new Map<string, string[]>();
  const topKeys: string[] = [];
  for (const key of Object.keys(metrics).sort()) {
    const split = splitSubMetricKey(key);
    if (split !== undefined && Object.hasOwn(metrics, split.parent)) {
      subKeysByParent.set(split.parent, [...(subKeysByParent.get(split.parent) ?? []), key]);
    } else {
      topKeys.push(key);
    }
  }
  return topKeys.flatMap((key) => [
    rowOf(key, metrics[key]!, false, options),
    ...(subKeysByParent.get(key) ?? []).map((subKey) => rowOf(subKey, metrics[subKey]!, true, options)),
  ]);
}

/**
 * Lays rows out as k6 does: the mark slot, the name padded with dots so the colons line up, then the value
 * columns, each padded to the widest value of its column within the row's family.
 */
export function renderMetricRows(rows: readonly MetricRow[], prefix: string, colors: boolean): string[] {
  const labelWidth = Math.max(0, ...rows.map(labelLength)) + 3;
  const columnWidths = {
    trend: columnWidthsOf(rows.filter((row) => row.family === 'trend')),
    other: columnWidthsOf(rows.filter((row) => row.family === 'other')),
  };
  return rows.map((row) => {
    const widths = columnWidths[row.family];
    const values = row.columns
      .map((column, index) => {
        const padding = index === row.columns.length - 1 ? '' : ' '.repeat(widths[index]! - visibleLength(column));
        return paint(column, 'cyan', colors) + padding;
      })
      .join(' ');
    const dots = paint('.'.repeat(labelWidth - labelLength(row)), 'faint', colors);
    return `${prefix}${row.isSubMetric ? '  ' : ''}${markOf(row, colors)}${row.label}${dots}: ${values}`;
  });
}

function rowOf(key: string, metric: SummaryMetric, isSubMetric: boolean, options: MetricRowOptions): MetricRow {
  const outcomes = Object.values(metric.thresholds ?? {});
  return {
    label: isSubMetric ? subMetricLabel(key) : key,
    isSubMetric,
    mark: outcomes.length === 0 ? 'none' : outcomes.every((outcome) => outcome.ok) ? 'passed' : 'failed',
    family: metric.type === 'trend' ? 'trend' : 'other',
    columns: columnsOf(metric, options),
  };
}

function columnsOf(metric: SummaryMetric, { trendStats, timeUnit }: MetricRowOptions): string[] {
  const values = metric.values as Readonly<Record<string, number | undefined>>;
  const read = (name: string): number => values[name] ?? Number.NaN;
  const format = (value: number): string => formatMetricValue(value, metric.contains, timeUnit);
  switch (metric.type) {
    case 'counter':
      return [format(read('count')), `${format(read('rate'))}/s`];
    case 'gauge':
      return [format(read('value')), `min=${format(read('min'))}`, `max=${format(read('max'))}`];
    case 'rate':
      return [
        `${(read('rate') * 100).toFixed(2)}%`,
        `✓ ${formatNumber(read('passes'))}`,
        `✗ ${formatNumber(read('fails'))}`,
      ];
    case 'trend': {
      const stats =
        trendStats.length > 0 ? trendStats.filter((stat) => values[stat] !== undefined) : Object.keys(values);
      // `count` is a number of samples whatever the trend measures.
      return stats.map((stat) => `${stat}=${stat === 'count' ? formatNumber(read(stat)) : format(read(stat))}`);
    }
    default:
      return metric.type satisfies never;
  }
}

function markOf(row: MetricRow, colors: boolean): string {
  switch (row.mark) {
    case 'passed':
      return `${paint('✓', 'green', colors)} `;
    case 'failed':
      return `${paint('✗', 'red', colors)} `;
    case 'none':
      return '  ';
    default:
      return row.mark satisfies never;
  }
}

/** `http_req_duration{scenario:product-get}` → parent `http_req_duration`, tags `scenario:product-get`. */
function splitSubMetricKey(key: string): { parent: string; tags: string } | undefined {
  const open = key.indexOf('{');
  if (open <= 0 || !key.endsWith('}')) return undefined;
  return { parent: key.slice(0, open), tags: key.slice(open + 1, -1) };
}

function subMetricLabel(key: string): string {
  const tags = splitSubMetricKey(key)?.tags ?? key;
  return `{ ${tags.split(',').map((pair) => pair.trim()).join(', ')} }`;
}

function labelLength(row: MetricRow): number {
  return visibleLength(row.label) + (row.isSubMetric ? 2 : 0);
}

function columnWidthsOf(rows: readonly MetricRow[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.columns.forEach((column, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleLength(column));
    });
  }
  return widths;
}

/** Characters as a terminal counts them for the text we print (code points; no ANSI codes are in it yet). */
function visibleLength(text: string): number {
  return Array.from(text).length;
}
