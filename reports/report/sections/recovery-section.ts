import { formatMs, formatNumber } from '../../render/format.ts';
import type { RecoveryAnalysis } from '../../analysis/run-analysis.ts';
import { left, right, strong, text, type RichText } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

function recoveredCell(recovery: RecoveryAnalysis): RichText {
  if (recovery.baselineP95 === undefined) return '— (no steady p95 to compare with)';
  if (recovery.recoverySeconds === undefined) return [strong('❌ not within the run')];
  return [text(`✅ ${formatNumber(recovery.recoverySeconds)} s`)];
}

/** How long each scenario's p95 took to come back after the burst; only runs with a burst have it. */
export const recoverySection: ReportSection = {
  render({ scenarios }) {
    const recovering = scenarios.flatMap((scenario) => (scenario.recovery ? [{ name: scenario.name, recovery: scenario.recovery }] : []));
    if (recovering.length === 0) return [];
    return [
      { kind: 'heading', level: 2, text: 'Spike recovery' },
      {
        kind: 'paragraph',
        text: 'Seconds from the end of the burst until the per-second p95 was back within 10% of the steady p95 before it.',
      },
      {
        kind: 'table',
        columns: [left('scenario'), right('burst ended'), right('steady p95 ms'), right('recovered after')],
        rows: recovering.map(({ name, recovery }) => [
          name,
          `${formatNumber(recovery.burstEndSecond)} s`,
          formatMs(recovery.baselineP95),
          recoveredCell(recovery),
        ]),
      },
    ];
  },
};
