import { strong, text, type Block } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** Every rendered chart, and one line for each chart that was skipped saying why. */
export const chartsSection: ReportSection = {
  render(_analysis, { charts }) {
    if (charts.length === 0) return [];
    const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Charts' }];
    for (const chart of charts) {
      if (chart.kind === 'rendered') blocks.push({ kind: 'chart', title: chart.title, file: chart.file, svg: chart.svg });
    }
    const skipped = charts.flatMap((chart) => (chart.kind === 'skipped' ? [[strong(`${chart.title}:`), text(` skipped, ${chart.reason}.`)]] : []));
    if (skipped.length > 0) blocks.push({ kind: 'list', items: skipped });
    return blocks;
  },
};
