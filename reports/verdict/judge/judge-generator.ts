import { formatPercent } from '../../render/format.ts';
import type { Check } from '../verdict-document.ts';
import { scenarioOf, type JudgedRun } from './judged-run.ts';

/** Dropped iterations over planned ones above which the generator, not the target, set the pace. */
export const MAX_DROPPED_RATIO = 0.001;
/** Achieved over target rate below which the generator fell behind. */
export const MIN_ACHIEVED_RATIO = 0.99;

const percent = (ratio: number) => formatPercent(ratio, ratio < 0.01 ? 2 : 1);

/**
 * Whether the load generator kept up for a scenario in every run: dropped iterations at most 0.1% of
 * those planned, and at least 99% of the target rate achieved. When it did not, the latency measured is
 * the generator's as much as the target's, so the scenario's latency checks are inconclusive.
 */
export function judgeGenerator(runs: readonly JudgedRun[], scenario: string): Check {
  let droppedRatio: number | null = null;
  let achievedRatio: number | null = null;
  for (const run of runs) {
    const traffic = scenarioOf(run.doc, scenario)?.whole.traffic;
    if (!traffic) continue;
    const planned = traffic.iterations + traffic.droppedIterations;
    const dropped = planned > 0 ? traffic.droppedIterations / planned : 0;
    droppedRatio = Math.max(droppedRatio ?? 0, dropped);
    if (traffic.achievedRatio !== null) achievedRatio = Math.min(achievedRatio ?? Infinity, traffic.achievedRatio);
  }
  const data = { kind: 'generator', scenario, droppedRatio, achievedRatio } as const;
  const id = `generator/${scenario}`;
  if (droppedRatio === null) return { id, status: 'not-evaluated', summary: `${scenario} has no traffic counts in the run`, data };
  const problems = [
    ...(droppedRatio > MAX_DROPPED_RATIO ? [`${percent(droppedRatio)} of iterations dropped (at most ${percent(MAX_DROPPED_RATIO)})`] : []),
    ...(achievedRatio !== null && achievedRatio < MIN_ACHIEVED_RATIO ? [`${percent(achievedRatio)} of the target rate achieved (at least ${percent(MIN_ACHIEVED_RATIO)})`] : []),
  ];
  const achieved = achievedRatio === null ? 'no target rate' : `${percent(achievedRatio)} of the target rate`;
  if (problems.length === 0) return { id, status: 'pass', summary: `the generator kept up: ${achieved}, ${percent(droppedRatio)} dropped`, data };
  return {
    id,
    status: 'inconclusive',
    summary: `the load generator was the bottleneck: ${problems.join(', ')}; ${scenario}'s latency is not judged`,
    action: 'give the generator more cores (--workers) or a quieter machine, or lower --rate, and run again',
    data,
  };
}
