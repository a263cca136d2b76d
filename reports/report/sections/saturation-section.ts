import type { SampledStat, SaturationAnalysis, SaturationWindow } from '../../analysis/run-analysis.ts';
import { formatMs, formatNumber } from '../../render/format.ts';
import { whyNoSaturation } from '../../charts/index.ts';
import { left, right, type Block, type RichText, type TableColumn } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** A saturation column: shown only when some window of the source has a value for it. */
interface SaturationColumn {
  column: TableColumn;
  has(window: SaturationWindow): boolean;
  cell(window: SaturationWindow): string;
}

function meanMax(stat: SampledStat | undefined, format: (value: number) => string): string {
  return stat === undefined ? '—' : `${format(stat.mean)} / ${format(stat.max)}`;
}

const COLUMNS: readonly SaturationColumn[] = [
  {
    column: right('CPU % mean / max'),
    has: (window) => window.cpuPercent !== undefined,
    cell: (window) => meanMax(window.cpuPercent, (value) => formatNumber(value)),
  },
  {
    column: right('heap MiB mean / max'),
    has: (window) => window.heapUsedMiB !== undefined,
    cell: (window) => meanMax(window.heapUsedMiB, (value) => formatNumber(value)),
  },
  {
    column: right('GC pauses: count, total, longest'),
    has: (window) => window.gcPauses !== undefined,
    cell: ({ gcPauses }) =>
      gcPauses === undefined
        ? '—'
        : `${formatNumber(gcPauses.count, 0)}, ${formatMs(gcPauses.totalMs)} ms, ${gcPauses.maxMs === undefined ? '—' : `${formatMs(gcPauses.maxMs)} ms`}`,
  },
  {
    column: right('event-loop lag ms mean / max'),
    has: (window) => window.eventLoopLagMs !== undefined,
    cell: (window) => meanMax(window.eventLoopLagMs, formatMs),
  },
  {
    column: right('queued tasks mean / max'),
    has: (window) => window.queuedTasks !== undefined,
    cell: (window) => meanMax(window.queuedTasks, (value) => formatNumber(value)),
  },
];

function sourceBlocks(source: SaturationAnalysis): Block[] {
  const windows: { label: string; window: SaturationWindow }[] = [{ label: 'whole run', window: source.whole }, ...source.stages];
  const columns = COLUMNS.filter((column) => windows.some(({ window }) => column.has(window)));
  if (columns.length === 0) return [];
  const rows: RichText[][] = windows.map(({ label, window }) => [label, ...columns.map((column) => column.cell(window))]);
  return [
    { kind: 'heading', level: 3, text: source.source },
    { kind: 'table', columns: [left('window'), ...columns.map((column) => column.column)], rows },
  ];
}

/** How loaded the target was, per metrics endpoint: CPU, heap, GC pauses, event-loop lag or queued tasks. */
export const saturationSection: ReportSection = {
  render(analysis) {
    const blocks = analysis.saturation.flatMap(sourceBlocks);
    const heading: Block = { kind: 'heading', level: 2, text: 'Saturation' };
    if (blocks.length === 0) return [heading, { kind: 'paragraph', text: `No saturation sampled: ${whyNoSaturation(analysis)}.` }];
    return [heading, ...blocks];
  },
};
