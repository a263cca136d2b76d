import { formatNumber, formatPercent } from '../../render/format.ts';
import { left, right, strong, text, type Block } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/**
 * The caching check (docs/runbook.md §6): the product cache's hit ratio after warm-up against its target and, below
 * target, the key buckets with most requests, to show whether the misses come from hot or cold keys.
 */
export const cachingSection: ReportSection = {
  render({ caching }) {
    if (caching === undefined) return [];
    const heading: Block = { kind: 'heading', level: 2, text: 'Caching' };
    const warmup = `${formatNumber(caching.warmupS)} s`;
    if (caching.hitRatio === undefined) {
      return [
        heading,
        {
          kind: 'paragraph',
          text: `No cache_hit samples after the ${warmup} warm-up, so the hit ratio cannot be checked; run longer than the warm-up (config reports.cacheWarmupS × time scale).`,
        },
      ];
    }
    const verdict = caching.meetsTarget ? '✅ meets the target' : '❌ below the target';
    const blocks: Block[] = [
      heading,
      {
        kind: 'paragraph',
        text: [
          text(`Hit ratio after the ${warmup} warm-up: `),
          strong(formatPercent(caching.hitRatio, 1)),
          text(` of ${formatNumber(caching.samples, 0)} requests; target ${formatPercent(caching.target, 1)}: ${verdict}.`),
        ],
      },
    ];
    if (caching.meetsTarget || caching.topKeys.length === 0) return blocks;
    return [
      ...blocks,
      { kind: 'paragraph', text: `The ${caching.topKeys.length} key buckets with most requests after warm-up:` },
      {
        kind: 'table',
        columns: [left('key bucket'), right('share of requests'), right('hit ratio'), right('requests')],
        rows: caching.topKeys.map((key) => [
          key.bucket,
          formatPercent(key.share, 1),
          formatPercent(key.hitRatio, 1),
          formatNumber(key.samples, 0),
        ]),
      },
    ];
  },
};
