import { describe, expect, it } from 'vitest';
import type { RenderedChart } from '../../../../reports/charts/index.ts';
import { renderMarkdown, SECTIONS, type ReportContext, type SectionName } from '../../../../reports/report/index.ts';
import { asStockK6, loadRunAnalysis } from '../../../fixtures/reports/load-run-analysis.ts';

const spike = loadRunAnalysis('run-analysis');

/** Charts as the charts section sees them, without rendering: one drawn, one skipped. */
const CHARTS_STUB: RenderedChart[] = [
  { kind: 'rendered', name: 'latency', title: 'Latency p50/p95/p99 per scenario', file: 'charts/latency.svg', svg: '<svg></svg>' },
  { kind: 'skipped', name: 'kafka-lag', title: 'Kafka consumer lag per group', reason: 'no Kafka lag sampled: no consumer groups configured' },
];
const context: ReportContext = { charts: CHARTS_STUB, exemplarLimit: 4 };

const section = (name: SectionName, analysis = spike) => renderMarkdown(SECTIONS[name].render(analysis, context));

describe('SECTIONS on a spike run', () => {
  it.each(Object.keys(SECTIONS) as SectionName[])('renders the %s section as the snapshot shows', async (name) => {
    await expect(section(name)).toMatchFileSnapshot(`__snapshots__/${name}.md`);
  });

  it('marks the scenario whose whole-run p95 is over its budget', () => {
    const rows = section('golden-signals').split('\n').filter((line) => line.startsWith('| product-get') || line.startsWith('| order-post'));
    expect(rows[0]).toContain('❌ over 120');
    expect(rows[1]).toContain('✅ under 180');
  });

  it('writes unknown, never 0, for a consumer group whose lag could not be measured, and says why', () => {
    const reason = 'group "idle" is EMPTY with no committed offsets and no partitions assigned';
    const idle = { group: 'idle', maxLag: undefined, lastLag: undefined, samples: 0, unknownSamples: 4, unknownReason: reason, stages: [] };
    const markdown = section('kafka-lag', { ...spike, kafkaLag: [...spike.kafkaLag, idle] });
    expect(markdown).toMatch(/\| idle \| unknown \| unknown \| 0 \|/);
    expect(markdown).toContain('idle: lag unknown in 4 of 4 samples');
  });

  it('lists the top key buckets only while the hit ratio is below target', () => {
    expect(section('caching')).toContain('| 0-99 | 40.4% | 96.2% | 1,106 |');
    const met = { ...spike, caching: { ...spike.caching!, hitRatio: 0.91, meetsTarget: true } };
    expect(section('caching', met)).not.toContain('key bucket');
    expect(section('caching', met)).toContain('✅ meets the target');
  });

  it('lists only the slowest exemplars up to the limit and says how many there were', () => {
    const markdown = section('exemplars');
    expect(markdown).toContain('The slowest 4 of 6 exemplars, slowest first.');
    expect(markdown.split('\n').filter((line) => /^\| `[0-9a-f]{32}` \|/.test(line))).toHaveLength(4);
  });

  it('shows only the saturation columns the target exports', () => {
    expect(section('saturation')).not.toContain('queued tasks');
    const jvm = structuredClone(spike);
    for (const window of [jvm.saturation[0]!.whole, ...jvm.saturation[0]!.stages.map((stage) => stage.window)]) {
      window.eventLoopLagMs = undefined;
      window.queuedTasks = { mean: 3, max: 12, samples: 7 };
    }
    expect(section('saturation', jvm)).toContain('queued tasks mean / max');
    expect(section('saturation', jvm)).not.toContain('event-loop lag');
  });

  it('flags a suspected leak, and says a run shorter than a soak is weak evidence of one', () => {
    expect(section('heap-trend')).toContain('**⚠️ suspected leak**. Only a soak run is long enough');
    const soak = section('heap-trend', { ...spike, phase: 'soak' });
    expect(soak).toMatch(/\*\*⚠️ suspected leak\*\*\.\n$/);
    const flat = { ...spike, phase: 'soak', heapTrend: { ...spike.heapTrend!, slopeMiBPerHour: -4.2, suspectedLeak: false } };
    expect(section('heap-trend', flat)).toContain(': −4.2 MiB/h over 105 s');
    expect(section('heap-trend', flat)).toContain('✅ no leak suspected.');
  });

  it('keeps an apostrophe in a sampler error readable', () => {
    expect(section('sampler-errors')).toContain('can&#39;t process requests');
  });
});

describe('SECTIONS on stock k6 output', () => {
  const k6 = asStockK6(spike);
  const markdown = renderMarkdown(Object.values(SECTIONS).flatMap((each) => each.render(k6, context)));

  it('leaves out what stock k6 output cannot have: facts of a plan, stages, recovery, caching and heap trend', () => {
    expect(markdown).toContain('- **Source:** stock k6 output');
    for (const absent of ['Target:', 'Config:', 'Stages:', '## Per stage', '## Spike recovery', '## Caching', '## Heap trend', '## Sampler errors']) {
      expect(markdown).not.toContain(absent);
    }
  });

  it('says why there is no saturation, lag or exemplar', () => {
    expect(markdown).toContain('No saturation sampled: stock k6 output carries no samples of the target.');
    expect(markdown).toContain('No Kafka lag sampled: stock k6 output carries no consumer lag.');
    expect(markdown).toContain('No exemplars: stock k6 output carries no exemplars.');
  });
});

describe('SECTIONS on a loadbook run without tracing', () => {
  it('tells the reader how to get exemplars', () => {
    expect(section('exemplars', { ...spike, exemplars: [] })).toContain('tracing was off for this run; set `"tracing": true` in the config');
  });
});
