import { left } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';
import { SIGNAL_COLUMNS, signalCells } from '../signal-cells.ts';

/** Latency, errors and traffic of each scenario over the whole run, its p95 against the budget. */
export const goldenSignalsSection: ReportSection = {
  render({ scenarios }) {
    if (scenarios.length === 0) {
      return [
        { kind: 'heading', level: 2, text: 'Golden signals' },
        { kind: 'paragraph', text: 'No scenario recorded samples: the run has nothing to report.' },
      ];
    }
    return [
      { kind: 'heading', level: 2, text: 'Golden signals' },
      { kind: 'paragraph', text: 'Each scenario over the whole run, warm-up included, on the metric its p95 budget is set on.' },
      {
        kind: 'table',
        columns: [left('scenario'), left('metric'), ...SIGNAL_COLUMNS],
        rows: scenarios.map((scenario) => [scenario.name, scenario.metric, ...signalCells(scenario, scenario.whole)]),
      },
    ];
  },
};
