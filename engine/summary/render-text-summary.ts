import type { SummaryData } from './summary-types.ts';
import { summaryTimeUnitOf } from './format-metric-value.ts';
import { renderGroupChecks } from './render-group-checks.ts';
import { metricRowsOf, renderMetricRows } from './render-metric-rows.ts';

export interface TextSummaryOptions {
  /**
   * Plain text without ANSI colours.
   * @default data.options.noColor
   */
  readonly noColor?: boolean;
  /**
   * Put in front of every line, like the `indent` of k6's `textSummary`.
   * @default " "
   */
  readonly indent?: string;
}

/**
 * Renders the end-of-test text summary in the layout of k6's classic summary: checks and groups (`█`) from
 * `root_group` first, then every metric in a dotted, column-aligned list with a ✓/✗ before each metric that
 * has thresholds and sub-metrics indented under their parents. Trends show `summaryTrendStats` in order, and
 * time values honour `summaryTimeUnit`. Ends with a newline.
 */
export function renderTextSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  const colors = !(options.noColor ?? data.options.noColor);
  // Metric lines keep a two-character slot for the threshold mark; check and group lines start after it.
  const metricPrefix = `${options.indent ?? ' '}  `;
  const rows = metricRowsOf(data.metrics, {
    trendStats: data.options.summaryTrendStats,
    timeUnit: summaryTimeUnitOf(data.options.summaryTimeUnit),
  });
  const lines = [
    ...renderGroupChecks(data.root_group, `${metricPrefix}  `, colors),
    ...renderMetricRows(rows, metricPrefix, colors),
  ];
  return `${lines.join('\n')}\n`;
}
