import { formatMsWithUnit, formatPercent } from '../../render/format.ts';
import type { BaselineScenario } from '../../baseline/index.ts';
import type { Check } from '../verdict-document.ts';
import { scenarioOf, type JudgedRun } from './judged-run.ts';

/** Dropped iterations over planned ones above which the generator, not the target, set the pace. */
export const MAX_DROPPED_RATIO = 0.001;
/** Achieved over target rate below which the generator fell behind. */
export const MIN_ACHIEVED_RATIO = 0.99;
/**
 * A whole-run p95 at least this many times the budget is the target's own slowness: a generator short of
 * CPU delays its measurements by milliseconds, not by another budget's worth.
 */
export const TARGET_BOUND_BUDGET_RATIO = 2;
/**
 * Busy VUs at this share of the pool or more mean none was free. By Little's law, VUs busy on average are
 * the achieved iterations per second × the mean time an iteration waits on the target.
 */
export const BUSY_POOL_SHARE = 0.8;

const percent = (ratio: number) => formatPercent(ratio, ratio < 0.01 ? 2 : 1);

/** Why the target, not the generator, set the pace of one run; undefined when nothing shows it did. */
interface TargetBound {
  p95Ms: number;
  budgetMs: number;
  busyVus: number;
  pool: number;
}

/**
 * Whether a run's shortfall is the target's: its p95 far over budget, and in a stage where iterations were
 * dropped, every VU of the pool busy waiting on responses. Unknown without the pool (runs from before
 * plans recorded it): then nothing shows it, and the generator stays the suspect.
 */
function targetBound(run: JudgedRun, scenario: BaselineScenario): TargetBound | undefined {
  const pool = run.vuPools?.[scenario.name];
  const p95Ms = scenario.whole.latency?.p95;
  const budgetMs = scenario.budgetP95Ms;
  if (pool === undefined || p95Ms === undefined || budgetMs === null || p95Ms < TARGET_BOUND_BUDGET_RATIO * budgetMs) return undefined;
  const busy = scenario.stages
    .filter(({ signals }) => signals.traffic.droppedIterations > 0 && signals.latency !== null)
    .map(({ signals }) => (signals.traffic.iterationsPerS * signals.latency!.avg) / 1000);
  const busyVus = Math.max(0, ...busy);
  return busyVus >= BUSY_POOL_SHARE * pool ? { p95Ms, budgetMs, busyVus, pool } : undefined;
}

/**
 * Whether the load generator kept up for a scenario in every run: dropped iterations at most 0.1% of
 * those planned, and at least 99% of the target rate achieved. When it did not, the latency measured is
 * the generator's as much as the target's, so the scenario's latency checks are inconclusive; unless the
 * target set the pace (targetBound): then the shortfall is a finding about the target, said as a warning,
 * and its latency, a lower bound since the dropped iterations were never sent, is judged on its budget.
 */
export function judgeGenerator(runs: readonly JudgedRun[], scenario: string): Check {
  let droppedRatio: number | null = null;
  let achievedRatio: number | null = null;
  const bounds: (TargetBound | undefined)[] = [];
  for (const run of runs) {
    const found = scenarioOf(run.doc, scenario);
    if (!found) continue;
    const traffic = found.whole.traffic;
    const planned = traffic.iterations + traffic.droppedIterations;
    const dropped = planned > 0 ? traffic.droppedIterations / planned : 0;
    droppedRatio = Math.max(droppedRatio ?? 0, dropped);
    if (traffic.achievedRatio !== null) achievedRatio = Math.min(achievedRatio ?? Infinity, traffic.achievedRatio);
    const behind = dropped > MAX_DROPPED_RATIO || (traffic.achievedRatio !== null && traffic.achievedRatio < MIN_ACHIEVED_RATIO);
    if (behind) bounds.push(targetBound(run, found));
  }
  const id = `generator/${scenario}`;
  const data = (bottleneck: 'generator' | 'target' | null) => ({ kind: 'generator', scenario, droppedRatio, achievedRatio, bottleneck }) as const;
  if (droppedRatio === null) return { id, status: 'not-evaluated', summary: `${scenario} has no traffic counts in the run`, data: data(null) };
  const problems = [
    ...(droppedRatio > MAX_DROPPED_RATIO ? [`${percent(droppedRatio)} of iterations dropped (at most ${percent(MAX_DROPPED_RATIO)})`] : []),
    ...(achievedRatio !== null && achievedRatio < MIN_ACHIEVED_RATIO ? [`${percent(achievedRatio)} of the target rate achieved (at least ${percent(MIN_ACHIEVED_RATIO)})`] : []),
  ];
  const achieved = achievedRatio === null ? 'no target rate' : `${percent(achievedRatio)} of the target rate`;
  if (problems.length === 0) return { id, status: 'pass', summary: `the generator kept up: ${achieved}, ${percent(droppedRatio)} dropped`, data: data(null) };
  const evidence = bounds.every((bound) => bound !== undefined) ? bounds[0] : undefined;
  if (evidence) {
    const { p95Ms, budgetMs, busyVus, pool } = evidence;
    return {
      id,
      status: 'warn',
      summary: `the target was the bottleneck, not the generator: ${problems.join(', ')} while p95 ${formatMsWithUnit(p95Ms)} was ${(p95Ms / budgetMs).toFixed(1)}× the budget and ${busyVus.toFixed(0)} of ${pool} VUs waited on responses; ${scenario}'s latency is judged on its budget`,
      action: 'make the target faster; more VUs would only queue more requests on it',
      data: data('target'),
    };
  }
  return {
    id,
    status: 'inconclusive',
    summary: `the load generator was the bottleneck: ${problems.join(', ')}; ${scenario}'s latency is not judged`,
    action: 'give the generator more cores (--workers) or a quieter machine, or lower --rate, and run again',
    data: data('generator'),
  };
}
