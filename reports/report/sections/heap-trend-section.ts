import { formatNumber } from '../../render/format.ts';
import { code, strong, text } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** The heap's linear trend over the run, flagged as a suspected leak when it grows fast with a good fit. */
export const heapTrendSection: ReportSection = {
  render({ heapTrend, phase }) {
    if (heapTrend === undefined) return [];
    const sign = heapTrend.slopeMiBPerHour >= 0 ? '+' : '−';
    const verdict = heapTrend.suspectedLeak ? strong('⚠️ suspected leak') : text('✅ no leak suspected');
    return [
      { kind: 'heading', level: 2, text: 'Heap trend' },
      {
        kind: 'paragraph',
        text: [
          text('Heap in use at '),
          code(heapTrend.source),
          text(
            `: ${sign}${formatNumber(Math.abs(heapTrend.slopeMiBPerHour))} MiB/h over ${formatNumber(heapTrend.spanS, 0)} s ` +
              `(${formatNumber(heapTrend.samples, 0)} samples, R² ${formatNumber(heapTrend.r2, 2)}); ` +
              `leak threshold +${formatNumber(heapTrend.thresholdMiBPerHour)} MiB/h with R² ≥ 0.5: `,
          ),
          verdict,
          text(phase === 'soak' ? '.' : '. Only a soak run is long enough to tell a leak from a heap still warming up.'),
        ],
      },
    ];
  },
};
