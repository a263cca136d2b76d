export { blockBootstrapRatio, DEFAULT_BOOTSTRAP_SEED, type BlockBootstrapInput, type BootstrapRatio } from './block-bootstrap-ratio.ts';
export { classifyRatio, NOISE_RATIO, type RatioClass } from './classify-ratio.ts';
export { countsPercentile, recordedResolutionMs, type CountsLayout } from './counts-percentile.ts';
export { errorRateTest, MIN_EXPECTED_CELL, type ErrorCounts, type ErrorRateResult } from './error-rate-test.ts';
export { median } from './median.ts';
export { medianOfRatios } from './median-of-ratios.ts';
export { minimumSamples, TAIL_SAMPLES } from './minimum-samples.ts';
export { windowCountsOf, type WindowCounts } from './window-counts.ts';
