import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { Counter, type Registry } from 'prom-client';
import { awaitAck, type AckEvent } from './await-ack.ts';
import { KAFKA_CLIENT_ID, KAFKA_CONNECTION } from './kafka-client-options.ts';
import type { OrderEvents } from './order-events.ts';

// A broker that is down fails every publish; one line per interval says so without flooding the log.
const LOG_EVERY_MS = 10_000;

export interface KafkaOrderEventsOptions {
  brokers: string[];
  topic: string;
  timeoutMs: number;
  registry: Registry;
  log: (line: string) => void;
}

/**
 * Publishes OrderCreated events with acks from all in-sync replicas. publish() resolves on the ack or
 * after timeoutMs, whichever comes first, so a stalled broker adds at most timeoutMs to an order; a publish
 * that outlives the timeout still completes in the background and is counted when it does.
 */
export async function startKafkaOrderEvents(options: KafkaOrderEventsOptions): Promise<OrderEvents> {
  const { topic, timeoutMs, registry, log } = options;
  const producer = new Producer({
    clientId: KAFKA_CLIENT_ID,
    bootstrapBrokers: options.brokers,
    serializers: stringSerializers,
    ...KAFKA_CONNECTION,
  });
  const published = new Counter({
    name: 'shop_kafka_published_total',
    help: 'OrderCreated events the broker acked, including acks that came after the publish timeout.',
    labelNames: ['topic'] as const,
    registers: [registry],
  }).labels(topic);
  const failures = new Counter({
    name: 'shop_kafka_publish_failures_total',
    help: 'OrderCreated publishes that failed (reason="error") or whose order was answered before the ack (reason="timeout").',
    labelNames: ['topic', 'reason'] as const,
    registers: [registry],
  });
  const failedWithError = failures.labels(topic, 'error');
  const timedOut = failures.labels(topic, 'timeout');
  // Shown at 0 from the start: prom-client lists a labelled series only once it has a value.
  for (const series of [published, failedWithError, timedOut]) series.inc(0);

  // Connecting and fetching metadata now keeps that cost out of the first order's latency.
  try {
    await producer.metadata({ topics: [topic] });
  } catch (error) {
    await producer.close(true);
    throw error;
  }

  let lastLogged = -Infinity;
  const record = (outcome: AckEvent, error?: Error): void => {
    switch (outcome) {
      case 'acked':
        published.inc();
        return;
      case 'timed-out':
        timedOut.inc();
        return;
      case 'failed':
        failedWithError.inc();
        if (performance.now() - lastLogged >= LOG_EVERY_MS) {
          lastLogged = performance.now();
          log(`shop: could not publish OrderCreated to ${topic} (${error?.message}); the orders are stored, their events are not`);
        }
        return;
      default:
        outcome satisfies never;
    }
  };
  return {
    publish: (event) =>
      awaitAck(
        (callback) =>
          producer.send(
            { messages: [{ topic, key: String(event.orderId), value: JSON.stringify(event) }], acks: ProduceAcks.ALL },
            callback,
          ),
        timeoutMs,
        record,
      ),
    close: () => producer.close(),
  };
}
