import { describe, expect, it } from 'vitest';
import { decodeHistogram, percentileOf } from '../../../../engine/metrics/hdr.ts';
import { buildBaseline } from '../../../../reports/baseline/build-baseline.ts';
import { validateBaseline } from '../../../../reports/baseline/validate-baseline.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis } from '../../../fixtures/baselines/steady-analysis.ts';

describe('buildBaseline', () => {
  it('carries the analysis numbers and histograms over, stages in plan order', () => {
    const analysis = steadyAnalysis();
    const doc = buildBaseline(analysis, FIXTURE_PROVENANCE);
    const [scenario] = doc.scenarios;
    expect(scenario!.whole.latency).toEqual(analysis.scenarios[0]!.whole.latency);
    expect(scenario!.stages.map((stage) => stage.signals.latency!.p95)).toEqual(analysis.scenarios[0]!.stages.map((stage) => stage.signals.latency!.p95));
    expect(scenario!.histograms.stages.map((stage) => stage.label)).toEqual(['warm-up', 'steady']);
    expect(percentileOf(decodeHistogram(scenario!.histograms.whole!), 95)).toBe(scenario!.whole.latency!.p95);
    expect(doc).toMatchObject({ schemaVersion: 1, phase: 'steady', date: '2026-11-29', provenance: FIXTURE_PROVENANCE });
    expect(doc.run).toMatchObject({ id: '20261129-021619-steady-5dp7bv', startedAt: '2026-11-29T02:16:21.000Z', cores: 4, workers: 3 });
  });

  it('leaves series and exemplars out and turns absent values into null', () => {
    const analysis = steadyAnalysis();
    analysis.caching = undefined;
    analysis.scenarios[2]!.budgetP95Ms = undefined;
    const doc = buildBaseline(analysis, FIXTURE_PROVENANCE);
    expect(doc).not.toHaveProperty('series');
    expect(doc).not.toHaveProperty('exemplars');
    expect(doc.caching).toBeNull();
    expect(doc.scenarios[2]!.budgetP95Ms).toBeNull();
    expect(doc.scenarios[2]!.whole.errors.httpFailedRate).toBeNull();
    expect(doc.saturation[0]!.whole.queuedTasks).toBeNull();
    expect(doc.saturation[0]!.whole.gcPauses!.maxMs).toBeNull();
  });

  it('makes a valid baseline of stock k6 output, which knows no target, rate, config or cores', () => {
    const analysis = steadyAnalysis();
    analysis.phase = 'k6';
    analysis.run = { ...analysis.run, source: 'k6', id: 'k6-out.json', target: undefined, baselineRate: undefined, configSha256: undefined, cores: undefined, workers: undefined, stages: [] };
    const doc = buildBaseline(analysis, { gitCommit: 'unknown', gitDirty: null, loadbookVersion: '0.1.0' });
    expect(() => validateBaseline(JSON.parse(JSON.stringify(doc)), 'k6', 'fix')).not.toThrow();
    expect(doc.run).toMatchObject({ target: null, baselineRate: null, configSha256: null, cores: null, workers: null });
  });
});
