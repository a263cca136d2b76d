import { OptionsError, shown } from '../errors.ts';
import { BUILTIN_METRICS } from './builtin-metrics.ts';
import type { MetricContains, MetricDefinition, MetricType } from './metric-types.ts';

/** A registered metric; `id` indexes per-tag-set series arrays on the hot path. */
export interface Metric extends MetricDefinition {
  readonly id: number;
}

/** k6 v1+ requires OpenTelemetry-compatible names: ASCII letters, digits and underscores. */
const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

/** Every metric known to one engine instance: the built-ins plus those the script creates in init code. */
export class MetricRegistry {
  private readonly byName = new Map<string, Metric>();

  constructor() {
    for (const definition of BUILTIN_METRICS) this.define(definition.name, definition.type, definition.contains);
  }

  /** Returns the metric, creating it on first use; k6 refuses re-declaring a name with another type. */
  define(name: string, type: MetricType, contains: MetricContains = 'default'): Metric {
    const existing = this.byName.get(name);
    if (existing) {
      if (existing.type !== type || existing.contains !== contains) {
        throw new OptionsError(
          `invalid metric ${shown(name)}; it already exists as a ${existing.type} (${existing.contains}), got a ${type} (${contains})`,
        );
      }
      return existing;
    }
    if (!METRIC_NAME.test(name)) {
      throw new OptionsError(
        `invalid metric name ${shown(name)}; expected 1 to 128 letters, digits or underscores`,
      );
    }
    const metric: Metric = { id: this.byName.size, name, type, contains };
    this.byName.set(name, metric);
    return metric;
  }

  get(name: string): Metric | undefined {
    return this.byName.get(name);
  }

  all(): Metric[] {
    return [...this.byName.values()];
  }
}
