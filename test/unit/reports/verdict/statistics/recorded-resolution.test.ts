import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../../../../reports/baseline/index.ts';
import { recordedResolutionMs, windowCountsOf } from '../../../../../reports/verdict/statistics/index.ts';
import { windowsOf } from './window-fixture.ts';

describe('recordedResolutionMs', () => {
  it.each([
    { what: 'whole milliseconds, 0 included', sets: [[0, 1, 1, 2, 3], [2, 5, 1051]], resolution: 1 },
    { what: 'microseconds', sets: [[0.412, 1.937, 2.5], [3.25]], resolution: 0 },
    { what: 'whole milliseconds but one', sets: [[1, 2, 3], [2, 4.2]], resolution: 0 },
    { what: 'no samples', sets: [], resolution: 0 },
  ])('reads $what as a resolution of $resolution ms', ({ sets, resolution }) => {
    expect(recordedResolutionMs(windowsOf(sets))).toBe(resolution);
  });

  it.each([
    { scenario: 'product-get', resolution: 0 },
    { scenario: 'inventory-grpc', resolution: 0 },
    { scenario: 'ws-broadcast', resolution: 1 },
    { scenario: 'kafka-publish', resolution: 1 },
  ])('reads the committed smoke baseline’s $scenario at $resolution ms, as it was recorded', async ({ scenario, resolution }) => {
    const doc = await readBaseline('docs/perf/baselines/smoke-2026-11-29.json');
    const windows = doc.scenarios.find((each) => each.name === scenario)!.histograms.windows.map((window) => windowCountsOf(window.hdr));
    expect(recordedResolutionMs(windows)).toBe(resolution);
  });
});
