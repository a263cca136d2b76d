import { minimumSamples } from '../statistics/index.ts';
import type { Check } from '../verdict-document.ts';
import { median } from '../statistics/index.ts';
import { scenarioOf, type JudgedRun } from './judged-run.ts';
import { formatMsWithUnit } from '../../render/format.ts';

const ms = formatMsWithUnit;

/**
 * A scenario's p95 against its absolute budget, whatever the baseline: the whole-run p95 (as k6's
 * threshold judges it), the median of the repeats' p95s with --repeat. Blocks when over budget;
 * inconclusive with fewer samples than a p95 needs, or when the generator was the bottleneck.
 *
 * @param generatorOk whether the generator kept up for the scenario ({@link judgeGenerator})
 */
export function judgeBudget(runs: readonly JudgedRun[], scenario: string, generatorOk: boolean): Check {
  const perRun = runs.map((run) => scenarioOf(run.doc, scenario));
  const perRunP95Ms = perRun.map((each) => each?.whole.latency?.p95 ?? null);
  const measured = perRunP95Ms.filter((p95): p95 is number => p95 !== null);
  const budgetMs = perRun.find((each) => each?.budgetP95Ms != null)?.budgetP95Ms ?? null;
  const samples = Math.min(...perRun.map((each) => each?.whole.latency?.count ?? 0));
  const p95Ms = median(measured) ?? null;
  const id = `budget/${scenario}`;
  const data = { kind: 'budget', scenario, p95Ms, budgetMs: budgetMs ?? 0, samples, perRunP95Ms } as const;
  if (budgetMs === null) return { id, status: 'not-evaluated', summary: `${scenario} has no p95 budget in the run's thresholds`, data };
  if (p95Ms === null || measured.length < runs.length) {
    return { id, status: 'not-evaluated', summary: `${scenario} recorded no latency in ${runs.length - measured.length} of ${runs.length} run(s)`, data };
  }
  const found = `p95 ${ms(p95Ms)}${runs.length > 1 ? ` (median of ${runs.length} runs)` : ''} against a budget of ${ms(budgetMs)}`;
  if (!generatorOk) return { id, status: 'inconclusive', summary: `${found}; not judged, the load generator was the bottleneck`, data };
  const needed = minimumSamples(95);
  if (samples < needed) {
    return {
      id,
      status: 'inconclusive',
      summary: `${found}; only ${samples} samples, a p95 needs ${needed}`,
      action: 'run longer (a smaller --time-scale cut) or at a higher --rate',
      data,
    };
  }
  if (p95Ms > budgetMs) {
    return { id, status: 'block', summary: `${found}: over budget by ${ms(p95Ms - budgetMs)}`, action: 'find the slow path (report.md: slowest traced requests) before merging', data };
  }
  return { id, status: 'pass', summary: `${found}: within budget`, data };
}
