import type { MetricContains, MetricType } from '../../metrics/metric-types.ts';
import type { Metric } from '../../metrics/metric-registry.ts';
import type { TagSet } from '../../metrics/sample-sink.ts';
import type { Vu } from '../../runtime/vu.ts';
import { TagSetCache } from '../../runtime/tag-set-cache.ts';

/** xk6-kafka's metric names and k6 types for what this module can measure. Samples carry a `topic` tag. */
const DEFINITIONS = {
  kafka_writer_write_count: ['counter', 'default'],
  kafka_writer_message_count: ['counter', 'default'],
  kafka_writer_message_bytes: ['counter', 'data'],
  kafka_writer_error_count: ['counter', 'default'],
  kafka_writer_write_seconds: ['trend', 'time'],
  kafka_reader_dial_count: ['counter', 'default'],
  kafka_reader_fetches_count: ['counter', 'default'],
  kafka_reader_message_count: ['counter', 'default'],
  kafka_reader_message_bytes: ['counter', 'data'],
  kafka_reader_error_count: ['counter', 'default'],
  kafka_reader_timeouts_count: ['counter', 'default'],
  kafka_reader_read_seconds: ['trend', 'time'],
  kafka_reader_offset: ['gauge', 'default'],
  kafka_reader_lag: ['gauge', 'default'],
} as const satisfies Record<string, readonly [MetricType, MetricContains]>;

export type KafkaMetricName = keyof typeof DEFINITIONS;

/** The Kafka metrics of one VU, registered once per thread (define is idempotent) and emitted per topic. */
export class KafkaMetrics {
  private readonly metrics: Record<KafkaMetricName, Metric>;
  private readonly tagSets: TagSetCache;

  constructor(private readonly vu: Vu) {
    const { registry } = vu.runtime;
    this.metrics = Object.fromEntries(
      Object.entries(DEFINITIONS).map(([name, [type, contains]]) => [name, registry.define(name, type, contains)]),
    ) as Record<KafkaMetricName, Metric>;
    this.tagSets = new TagSetCache(vu);
  }

  /** The VU's tags plus `topic`; cached per topic, so the hot path builds no tags object. */
  tagSet(topic: string): TagSet {
    return this.tagSets.get(topic, (base) => ({ ...base, topic }));
  }

  emit(name: KafkaMetricName, tagSet: TagSet, value: number): void {
    this.vu.emit(this.metrics[name], tagSet, value);
  }
}
