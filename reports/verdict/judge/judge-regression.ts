import type { BaselineDocument } from '../../baseline/index.ts';
import { blockBootstrapRatio, classifyRatio, medianOfRatios, minimumSamples, recordedResolutionMs, type WindowCounts } from '../statistics/index.ts';
import type { Check, RegressionCheck } from '../verdict-document.ts';
import { scenarioOf, type JudgedRun } from './judged-run.ts';
import { samplesIn, windowsAfterWarmUp } from './windows-after-warm-up.ts';
import { formatMsWithUnit } from '../../render/format.ts';

/** The percentiles compared with the baseline. */
export const COMPARED_PERCENTILES = [95, 50] as const;

/** Coverage of the bootstrap interval. */
export const CONFIDENCE = 0.95;

/** Settings of {@link judgeRegression}. */
export interface RegressionSettings {
  /** Ratio above which a confirmed regression blocks (config verdict.regressionThreshold). */
  readonly thresholdRatio: number;
  /** Bootstrap resamples. @default 1000 */
  readonly resamples?: number;
}

const change = (ratio: number) => `${ratio >= 1 ? '+' : '−'}${(Math.abs(ratio - 1) * 100).toFixed(1)}%`;
const ms = formatMsWithUnit;

/**
 * A scenario's percentile against the baseline's: candidate ÷ baseline, with a block-bootstrap interval
 * over the 5-second window histograms after warm-up on both sides. With --repeat the ratio is the
 * median of the runs' ratios, and the interval comes from all runs' windows together against the
 * baseline's. Classified by classifyRatio: pass ≤ +5% or an interval including 1; block above the
 * threshold with the interval's lower bound above +5%; warn between. Inconclusive with fewer samples
 * than the percentile needs on either side, or when the generator was the bottleneck.
 */
export function judgeRegression(
  runs: readonly JudgedRun[],
  baseline: BaselineDocument,
  scenario: string,
  percentile: 50 | 95,
  generatorOk: boolean,
  settings: RegressionSettings,
): Check {
  const id = `regression/${scenario}/p${percentile}`;
  const base = {
    kind: 'regression', scenario, percentile, confidence: CONFIDENCE, thresholdRatio: settings.thresholdRatio,
    ratio: null, low: null, high: null, candidateMs: null, baselineMs: null,
    candidateSamples: 0, baselineSamples: 0, candidateWindows: 0, baselineWindows: 0, perRunRatios: [],
  } satisfies RegressionCheck;
  const baselineScenario = scenarioOf(baseline, scenario);
  if (!baselineScenario) return { id, status: 'not-evaluated', summary: `the baseline has no ${scenario} to compare with`, data: base };
  const baselineWindows = windowsAfterWarmUp(baseline, baselineScenario);
  const runWindows = runs.map((run) => {
    const each = scenarioOf(run.doc, scenario);
    return each ? windowsAfterWarmUp(run.doc, each) : [];
  });
  const candidateSamples = Math.min(...runWindows.map(samplesIn));
  const baselineSamples = samplesIn(baselineWindows);
  const counted = {
    ...base,
    candidateSamples,
    baselineSamples,
    candidateWindows: Math.min(...runWindows.map((windows) => windows.length)),
    baselineWindows: baselineWindows.length,
  };
  const needed = minimumSamples(percentile);
  if (!generatorOk) return { id, status: 'inconclusive', summary: `p${percentile} not compared: the load generator was the bottleneck`, data: counted };
  if (candidateSamples < needed || baselineSamples < needed) {
    const side = candidateSamples < needed ? `the run has ${candidateSamples}` : `the baseline has ${baselineSamples}`;
    return {
      id,
      status: 'inconclusive',
      summary: `p${percentile} not compared: ${side} samples after warm-up, a p${percentile} needs ${needed}`,
      action: 'run longer (a smaller --time-scale cut) or at a higher --rate, or take a longer baseline',
      data: counted,
    };
  }
  const compare = (candidate: WindowCounts[]) =>
    blockBootstrapRatio({ candidate, baseline: baselineWindows, percentile, confidence: CONFIDENCE, resamples: settings.resamples });
  const perRun = runWindows.map(compare);
  const pooled = runs.length === 1 ? perRun[0]! : compare(runWindows.flat());
  const perRunRatios = perRun.map((each) => each.ratio);
  const ratio = medianOfRatios(perRunRatios);
  const baselineMs = pooled.baselineValue;
  const data: RegressionCheck = {
    ...counted,
    ratio,
    low: pooled.low,
    high: pooled.high,
    candidateMs: baselineMs * ratio,
    baselineMs,
    perRunRatios,
  };
  const repeats = runs.length > 1 ? ` (median of ${runs.length} runs)` : '';
  const unresolved = belowResolution(id, data, repeats, baselineWindows, runWindows);
  if (unresolved) return unresolved;
  const status = classifyRatio({ ratio, low: pooled.low, high: pooled.high }, settings.thresholdRatio);
  const summary =
    `p${percentile} ${ms(data.candidateMs!)} vs ${ms(baselineMs)}: ${change(ratio)}${repeats} ` +
    `(${CONFIDENCE * 100}% CI ${change(pooled.low)} … ${change(pooled.high)}; blocks above ${change(settings.thresholdRatio)})`;
  const action =
    status === 'block'
      ? 'latency regressed past the threshold: find the change that caused it (bisect) or roll it back'
      : status === 'warn'
        ? 'a regression below the threshold, or one the interval cannot confirm: watch the next builds'
        : undefined;
  return { id, status, summary, ...(action ? { action } : {}), data };
}

/**
 * The check, not evaluated, when the percentiles differ by less than 1 ms and a side was recorded in whole
 * milliseconds (recordedResolutionMs): such a difference is within the rounding of one reading, so no
 * ratio of them is evidence either way. A 2 ms baseline p50 may be 1.5 ms or 2.4 ms; +8% from it is
 * rounding, not a regression, and calling it a pass would claim what the samples cannot show.
 */
function belowResolution(
  id: string,
  data: RegressionCheck,
  repeats: string,
  baselineWindows: readonly WindowCounts[],
  runWindows: readonly WindowCounts[][],
): Check | undefined {
  const differenceMs = Math.abs(data.candidateMs! - data.baselineMs!);
  if (differenceMs >= 1) return undefined;
  const coarse = recordedResolutionMs(baselineWindows) === 1 ? 'baseline' : runWindows.some((windows) => recordedResolutionMs(windows) === 1) ? 'run' : undefined;
  if (coarse === undefined) return undefined;
  return {
    id,
    status: 'not-evaluated',
    summary:
      `p${data.percentile} ${ms(data.candidateMs!)} vs ${ms(data.baselineMs!)}${repeats}: the ${ms(differenceMs)} between them ` +
      `is below the 1 ms resolution the ${coarse} was recorded at, so it can be neither a change nor its absence`,
    ...(coarse === 'baseline' && { action: 'take a new baseline (npm run baseline) from a run that records sub-millisecond latency' }),
    data,
  };
}
