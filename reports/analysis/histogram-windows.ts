import type { SeriesDelta } from '../../engine/metrics/series-delta.ts';
import { CoarseningBuckets } from './coarsening-buckets.ts';
import { HdrBucket } from './hdr-bucket.ts';
import { MAX_HISTOGRAM_WINDOWS, type ScenarioHistograms } from './run-analysis.ts';
import type { SparseHistogram } from './sparse-histogram.ts';

/** The narrowest histogram window, in seconds. */
export const HISTOGRAM_WINDOW_S = 5;

/** Window width for a run of `totalS` seconds: 5 s, or wider so the run has at most MAX_HISTOGRAM_WINDOWS windows. */
export function histogramWindowS(totalS: number): number {
  return Math.max(HISTOGRAM_WINDOW_S, Math.ceil(totalS / MAX_HISTOGRAM_WINDOWS));
}

/**
 * Merged HDR histograms of one trend over consecutive windows, as records stream by. Windows that are
 * done stay encoded, so memory is at most MAX_HISTOGRAM_WINDOWS small strings (the width doubles if a
 * run outlasts its plan).
 */
export class HistogramWindows {
  private readonly buckets: CoarseningBuckets<HdrBucket>;

  constructor(windowS: number) {
    this.buckets = new CoarseningBuckets(windowS, MAX_HISTOGRAM_WINDOWS, {
      create: () => new HdrBucket(),
      merge: (into, from) => into.merge(from),
      seal: (bucket) => bucket.seal(),
    });
  }

  add(second: number, record: SeriesDelta, decoded: SparseHistogram | undefined): void {
    if (record.count > 0) this.buckets.at(second).add(record, decoded);
  }

  /** The width and the windows with samples, oldest first. */
  result(): Pick<ScenarioHistograms, 'windowS' | 'windows'> {
    const windows: ScenarioHistograms['windows'] = [];
    for (const { second, value } of this.buckets.list()) {
      const hdr = value.encode();
      if (hdr) windows.push({ second, hdr });
    }
    return { windowS: this.buckets.widthS, windows };
  }
}
