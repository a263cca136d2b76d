import type { BaselineDocument } from '../../baseline/index.ts';
import { consecutiveStreak, detectChangePoint, type HistoryEntry } from '../history/index.ts';
import type { Check } from '../verdict-document.ts';
import { scenarioOf } from './judged-run.ts';
import { formatMsWithUnit } from '../../render/format.ts';

/** Settings of {@link judgeHistory}: config verdict.consecutive. */
export interface HistorySettings {
  readonly ratio: number;
  readonly builds: number;
}

/** Fewest points either side of a change point; the series needs twice as many builds. */
const MIN_SEGMENT = 5;

const ms = formatMsWithUnit;
const p95Of = (entry: HistoryEntry, scenario: string) => entry.scenarios.find((each) => each.name === scenario)?.p95;

/** The builds that measured the scenario, oldest first, with their p95. */
function p95Series(entries: readonly HistoryEntry[], scenario: string): { build: string; p95: number }[] {
  return entries.flatMap((entry) => {
    const p95 = p95Of(entry, scenario);
    return typeof p95 === 'number' ? [{ build: entry.build, p95 }] : [];
  });
}

/**
 * The history's checks for one scenario:
 * - "p95 rises 30% over 2 consecutive builds" (docs/runbook.md §16) (ratio and builds from config), against the
 *   baseline's p95 when the baseline is of the same phase, else the median of the builds before the
 *   streak: it blocks;
 * - change-point detection (E-divisive means with a permutation test) over the p95s of every build, this
 *   one included: a significant rise warns of slow creep or a step that no single comparison caught.
 *
 * @param earlier the folder's entries of the run's phase, oldest first, without this build's
 */
export function judgeHistory(earlier: readonly HistoryEntry[], candidate: HistoryEntry, baseline: BaselineDocument | null, scenario: string, settings: HistorySettings): Check[] {
  return [consecutiveCheck(earlier, candidate, baseline, scenario, settings), changePointCheck(earlier, candidate, scenario)];
}

function consecutiveCheck(earlier: readonly HistoryEntry[], candidate: HistoryEntry, baseline: BaselineDocument | null, scenario: string, settings: HistorySettings): Check {
  const { ratio, builds } = settings;
  const id = `consecutive/${scenario}`;
  const baselineP95 = baseline && baseline.phase === candidate.phase ? (scenarioOf(baseline, scenario)?.whole.latency?.p95 ?? undefined) : undefined;
  const { streak, reference, measuredBuilds, unjudged, risen } = consecutiveStreak(earlier, candidate, { scenario, ratio, builds, reference: baselineP95 });
  const data = { kind: 'consecutive', scenario, ratio, builds, streakP95Ms: streak, referenceP95Ms: reference ?? null } as const;
  const rise = `+${((ratio - 1) * 100).toFixed(0)}%`;
  if (unjudged !== undefined) {
    const why = {
      // Without this build's p95 the streak would be earlier builds only, and judging them again is no verdict on this one.
      'candidate-has-no-p95': `this build recorded no p95 for ${scenario}`,
      'too-few-builds': `the history has ${measuredBuilds} of the ${builds} builds needed`,
      'no-reference': 'no reference p95: no baseline of this phase and no earlier builds',
    }[unjudged];
    return { id, status: 'not-evaluated', summary: `p95 over ${builds} consecutive builds not judged: ${why}`, data };
  }
  const found = `p95 of the last ${builds} builds ${streak.map(ms).join(', ')} against ${ms(reference)} (${baselineP95 !== undefined ? 'the baseline' : 'median of earlier builds'})`;
  if (risen) return { id, status: 'block', summary: `${found}: each ${rise} or more`, action: `p95 rose ${rise} over ${builds} consecutive builds: block the merge and find the change`, data };
  return { id, status: 'pass', summary: `${found}: not all ${rise} or more`, data };
}

function changePointCheck(earlier: readonly HistoryEntry[], candidate: HistoryEntry, scenario: string): Check {
  const points = p95Series([...earlier, candidate], scenario);
  const id = `change-point/${scenario}`;
  const base = { kind: 'change-point', scenario, builds: points.length, changedAtBuild: null, pValue: null, meanBeforeMs: null, meanAfterMs: null } as const;
  const change = detectChangePoint(points.map(({ p95 }) => p95), { minSegment: MIN_SEGMENT });
  if (!change) return { id, status: 'not-evaluated', summary: `change points need ${2 * MIN_SEGMENT} builds with a p95; the history has ${points.length}`, data: base };
  const data = { ...base, changedAtBuild: points[change.index]!.build, pValue: change.pValue, meanBeforeMs: change.meanBefore, meanAfterMs: change.meanAfter };
  const found = `mean p95 ${ms(change.meanBefore)} before build ${data.changedAtBuild}, ${ms(change.meanAfter)} from it on (permutation p = ${change.pValue.toFixed(3)})`;
  if (change.significant && change.meanAfter > change.meanBefore) {
    return { id, status: 'warn', summary: `p95 shifted up: ${found}`, action: 'look at the builds around the change point: slow creep adds up under every single threshold', data };
  }
  return { id, status: 'pass', summary: change.significant ? `p95 shifted down: ${found}` : `no significant shift: ${found}`, data };
}
