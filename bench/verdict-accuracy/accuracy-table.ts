import { median } from '../../reports/verdict/statistics/index.ts';
import type { JudgedPair } from './judge-runs.ts';

const share = (count: number, total: number) => `${count}/${total}`;

/**
 * The harness's markdown table, one row per case: the p95 change actually measured (median and range of
 * the naive ratios), the verdict's p95 check (block; warn or block, i.e. detected), its outcome over all
 * checks, and the naive rule on the same pairs.
 */
export function accuracyTable(pairs: readonly JudgedPair[]): string {
  const cases = [...new Set(pairs.map((pair) => pair.case))];
  const rows = cases.map((name) => {
    const runs = pairs.filter((pair) => pair.case === name);
    const ratios = runs.map((pair) => pair.naiveRatio);
    const measured = `${((median(ratios)! - 1) * 100).toFixed(1)}% (${((Math.min(...ratios) - 1) * 100).toFixed(1)}% … ${((Math.max(...ratios) - 1) * 100).toFixed(1)}%)`;
    const blocks = runs.filter((pair) => pair.p95Status === 'block').length;
    const detected = runs.filter((pair) => pair.p95Status === 'block' || pair.p95Status === 'warn').length;
    const inconclusive = runs.filter((pair) => pair.p95Status === 'inconclusive').length;
    const outcomeBlocks = runs.filter((pair) => pair.outcome === 'block').length;
    const naive = runs.filter((pair) => pair.naiveBlocks).length;
    return `| ${name} | ${measured} | ${share(blocks, runs.length)} | ${share(detected, runs.length)} | ${share(inconclusive, runs.length)} | ${share(outcomeBlocks, runs.length)} | ${share(naive, runs.length)} |`;
  });
  return [
    '| case | p95 change measured: median (range) | verdict p95 block | verdict p95 warn or block (detected) | inconclusive | verdict outcome block | naive +20% rule blocks |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
