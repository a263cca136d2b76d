import { left } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';
import { SIGNAL_COLUMNS, signalCells } from '../signal-cells.ts';

/** The golden signals of each scenario per stage label, so a burst or a warm-up stands out. */
export const stagesSection: ReportSection = {
  render({ scenarios }) {
    const rows = scenarios.flatMap((scenario) =>
      scenario.stages.map((stage) => [scenario.name, stage.label, ...signalCells(scenario, stage.signals)]),
    );
    if (rows.length === 0) return [];
    return [
      { kind: 'heading', level: 2, text: 'Per stage' },
      { kind: 'table', columns: [left('scenario'), left('stage'), ...SIGNAL_COLUMNS], rows },
    ];
  },
};
