import type { MetricType, Tags } from '../metrics/metric-types.ts';
import type { Metric } from '../metrics/metric-registry.ts';
import type { Vu } from '../runtime/vu.ts';
import { customTagKey, TagSetCache } from '../runtime/tag-set-cache.ts';

/** The `k6/metrics` module of one VU: Counter, Gauge, Rate and Trend. */
export function createMetricsModule(vu: Vu) {
  const { registry } = vu.runtime;

  function metricClass(type: MetricType) {
    return class CustomMetric {
      readonly name: string;
      private readonly metric: Metric;
      private readonly tagSets = new TagSetCache(vu);

      constructor(name: string, isTime = false) {
        if (vu.stage !== 'init') throw new Error(`metric ${JSON.stringify(name)} must be created in the init context (module top level)`);
        this.name = name;
        this.metric = registry.define(name, type, type === 'trend' && isTime ? 'time' : 'default');
      }

      add(value: number | boolean, tags?: Tags): boolean {
        const numeric = type === 'rate' ? (value ? 1 : 0) : Number(value);
        if (!Number.isFinite(numeric)) {
          vu.runtime.logger.log('warn', `metric ${JSON.stringify(this.name)} was given ${JSON.stringify(value)}; expected a number, sample dropped`);
          return false;
        }
        const tagSet = tags
          ? this.tagSets.get(customTagKey(tags), (base) => {
              const sampleTags = { ...base };
              for (const name in tags) sampleTags[name] = String(tags[name]);
              return sampleTags;
            })
          : vu.baseTagSet();
        vu.emit(this.metric, tagSet, numeric);
        return true;
      }
    };
  }

  const module = {
    Counter: metricClass('counter'),
    Gauge: metricClass('gauge'),
    Rate: metricClass('rate'),
    Trend: metricClass('trend'),
  };
  return { ...module, default: module, __esModule: true };
}
