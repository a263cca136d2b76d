import { Aggregate } from './aggregate.ts';
import { decodeHistogram, type Histogram } from './hdr.ts';
import type { Tags } from './metric-types.ts';
import type { SeriesDelta } from './series-delta.ts';

/** A sub-metric such as `http_req_duration{scenario:product-get}`: a metric narrowed by a tag filter. */
export interface SubmetricKey {
  key: string;
  metric: string;
  filter: Tags;
}

/** Passes and fails of one check in one group, for the summary's root_group tree. */
export interface CheckTotals {
  group: string;
  name: string;
  passes: number;
  fails: number;
}

function matches(tags: Tags, filter: Tags): boolean {
  for (const name in filter) if (tags[name] !== filter[name]) return false;
  return true;
}

/** The main thread's run-wide totals: one aggregate per metric and per sub-metric the thresholds name. */
export class MetricStore {
  private readonly aggregates = new Map<string, Aggregate>();
  private readonly submetricsByMetric = new Map<string, SubmetricKey[]>();
  readonly checks = new Map<string, CheckTotals>();
  readonly groupPaths = new Set<string>();

  constructor(submetrics: SubmetricKey[] = []) {
    for (const submetric of submetrics) {
      const list = this.submetricsByMetric.get(submetric.metric) ?? [];
      if (!list.some((existing) => existing.key === submetric.key)) list.push(submetric);
      this.submetricsByMetric.set(submetric.metric, list);
    }
  }

  merge(delta: SeriesDelta): void {
    const decoded: Histogram | undefined = delta.hdr ? decodeHistogram(delta.hdr) : undefined;
    this.aggregateFor(delta.metric, delta).merge(delta, decoded);
    for (const submetric of this.submetricsByMetric.get(delta.metric) ?? []) {
      if (matches(delta.tags, submetric.filter)) this.aggregateFor(submetric.key, delta).merge(delta, decoded);
    }
    if (delta.tags.group) this.groupPaths.add(delta.tags.group);
    if (delta.metric === 'checks') this.countCheck(delta);
  }

  get(key: string): Aggregate | undefined {
    return this.aggregates.get(key);
  }

  entries(): [string, Aggregate][] {
    return [...this.aggregates.entries()];
  }

  private aggregateFor(key: string, delta: SeriesDelta): Aggregate {
    let aggregate = this.aggregates.get(key);
    if (!aggregate) {
      aggregate = new Aggregate(delta.type, delta.contains);
      this.aggregates.set(key, aggregate);
    }
    return aggregate;
  }

  private countCheck(delta: SeriesDelta): void {
    const group = delta.tags.group ?? '';
    const name = delta.tags.check ?? '';
    const key = group + '\u0000' + name;
    const totals = this.checks.get(key) ?? { group, name, passes: 0, fails: 0 };
    totals.passes += delta.sum;
    totals.fails += delta.count - delta.sum;
    this.checks.set(key, totals);
  }
}
