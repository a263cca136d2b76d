import type { MetricStore } from '../metrics/metric-store.ts';
import type { TestOptions } from '../options/test-options.ts';
import type { ThresholdResults } from '../run/evaluate-thresholds.ts';
import type { SummaryData, SummaryGroup, SummaryMetric, SummaryValues } from './summary-types.ts';
import { createHash } from 'node:crypto';

const groupId = (path: string) => createHash('md5').update(path).digest('hex');

function emptyGroup(name: string, path: string): SummaryGroup {
  return { name, path, id: groupId(path), groups: [], checks: [] };
}

/** The root_group tree from group paths (`::a::b`) and per-group check totals. */
function buildGroups(store: MetricStore): SummaryGroup {
  const root = emptyGroup('', '');
  const byPath = new Map<string, SummaryGroup>([['', root]]);
  const ensure = (path: string): SummaryGroup => {
    let group = byPath.get(path);
    if (group) return group;
    const cut = path.lastIndexOf('::');
    const parent = ensure(path.slice(0, cut));
    group = emptyGroup(path.slice(cut + 2), path);
    parent.groups.push(group);
    byPath.set(path, group);
    return group;
  };
  for (const path of [...store.groupPaths].sort()) ensure(path);
  for (const totals of store.checks.values()) {
    const path = `${totals.group}::${totals.name}`;
    ensure(totals.group).checks.push({ name: totals.name, path, id: groupId(path), passes: totals.passes, fails: totals.fails });
  }
  return root;
}

function valuesOf(key: string, store: MetricStore, options: TestOptions, durationMs: number): SummaryValues {
  const aggregate = store.get(key)!;
  const stat = (name: string) => aggregate.stat(name, durationMs) ?? 0;
  switch (aggregate.type) {
    case 'counter':
      return { count: stat('count'), rate: stat('rate') };
    case 'gauge':
      return { value: stat('value'), min: stat('min'), max: stat('max') };
    case 'rate':
      return { rate: stat('rate'), passes: stat('passes'), fails: stat('fails') };
    case 'trend':
      return Object.fromEntries(options.summaryTrendStats.map((name) => [name, stat(name)]));
    default:
      return aggregate.type satisfies never;
  }
}

/** The handleSummary data: k6's shape, from the run's totals and threshold results. */
export function buildSummary(
  store: MetricStore,
  options: TestOptions,
  thresholds: ThresholdResults,
  durationMs: number,
  setupData: unknown,
): SummaryData {
  const metrics: Record<string, SummaryMetric> = {};
  for (const [key, aggregate] of store.entries()) {
    if (aggregate.count === 0) continue;
    const metric: SummaryMetric = { type: aggregate.type, contains: aggregate.contains, values: valuesOf(key, store, options, durationMs) };
    const results = thresholds.get(key);
    if (results) metric.thresholds = Object.fromEntries([...results].map(([source, ok]) => [source, { ok }]));
    metrics[key] = metric;
  }
  return {
    root_group: buildGroups(store),
    options: { summaryTrendStats: options.summaryTrendStats, summaryTimeUnit: options.summaryTimeUnit, noColor: false },
    state: { isStdOutTTY: Boolean(process.stdout.isTTY), isStdErrTTY: Boolean(process.stderr.isTTY), testRunDurationMs: durationMs },
    metrics,
    setup_data: setupData,
  };
}
