import type { BaselineDocument, BaselineScenario } from '../../baseline/index.ts';
import { windowCountsOf, type WindowCounts } from '../statistics/index.ts';

/** When the run's warm-up ends, in seconds since it started; 0 when it has none (k6 output). */
export function warmUpEndS(doc: BaselineDocument): number {
  return Math.max(0, ...doc.run.stages.filter((stage) => stage.label === 'warm-up').map((stage) => stage.endS));
}

/**
 * A scenario's window histograms that start once the warm-up is over, as the bootstrap's blocks: a cold
 * cache and JIT belong to no comparison.
 */
export function windowsAfterWarmUp(doc: BaselineDocument, scenario: BaselineScenario): WindowCounts[] {
  const from = warmUpEndS(doc);
  return scenario.histograms.windows.filter((window) => window.second >= from).map((window) => windowCountsOf(window.hdr));
}

/** Samples in windows. */
export function samplesIn(windows: readonly WindowCounts[]): number {
  return windows.reduce((sum, window) => sum + window.total, 0);
}
