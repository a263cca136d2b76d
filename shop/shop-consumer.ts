import { Consumer, MessagesStreamFallbackModes, MessagesStreamModes } from '@platformatic/kafka';
import { Counter, Gauge, type Registry } from 'prom-client';
import { exportConsumerLag } from './consumer-lag.ts';
import type { Pausable } from './fault-effects.ts';
import { KAFKA_CLIENT_ID, KAFKA_CONNECTION } from './kafka-client-options.ts';

/** How often consumer lag is refreshed: about as often as a sampler scrapes /metrics. */
const LAG_INTERVAL_MS = 1_000;

export interface ShopConsumerOptions {
  brokers: string[];
  groupId: string;
  topics: string[];
  registry: Registry;
  log: (line: string) => void;
}

/** The shop's consumer group: counts what it consumes and exports its lag. */
export interface ShopConsumer extends Pausable {
  /** Stops fetching, commits what was consumed and leaves the group. */
  close(): Promise<void>;
}

/**
 * Joins the consumer group and consumes its topics, counting messages per topic in
 * shop_kafka_consumed_total{topic}. A group without committed offsets starts at the beginning of each
 * topic, so nothing produced before the shop started goes uncounted. Offsets are committed every 250 ms,
 * which is the resolution of the lag metric.
 */
export async function startShopConsumer(options: ShopConsumerOptions): Promise<ShopConsumer> {
  const { topics, registry, log } = options;
  const consumed = new Counter({
    name: 'shop_kafka_consumed_total',
    help: "Messages the shop's consumer group consumed, by topic.",
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  const paused = new Gauge({
    name: 'shop_kafka_consumer_paused',
    help: 'Whether the pauseConsumer fault holds the consumer group (1) or it consumes (0).',
    registers: [registry],
  });
  // Children made up front and set to 0, so every series exists from the start (prom-client shows a
  // labelled series only once it has a value), and the hot path skips the label hash.
  const perTopic = new Map(
    topics.map((topic) => {
      const child = consumed.labels(topic);
      child.inc(0);
      return [topic, child];
    }),
  );

  const consumer = new Consumer({
    clientId: KAFKA_CLIENT_ID,
    groupId: options.groupId,
    bootstrapBrokers: options.brokers,
    ...KAFKA_CONNECTION,
    // A shop that crashed (crashAfterS) is noticed in 10 s, not the library's default minute, so a
    // restarted shop gets its partitions back quickly.
    sessionTimeout: 10_000,
    rebalanceTimeout: 15_000,
    heartbeatInterval: 1_000,
    // The long-poll wait when a fetch finds nothing; it bounds how long close() waits for a fetch.
    maxWaitTime: 500,
    autocommit: 250,
  });

  let stream;
  try {
    stream = await consumer.consume({
      topics,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    });
  } catch (error) {
    await consumer.close(true);
    throw error;
  }
  stream.on('data', (message) => {
    (perTopic.get(message.topic) ?? consumed.labels(message.topic)).inc();
  });
  stream.on('error', (error) => log(`shop: the Kafka consumer stopped (${error.message})`));

  const stopLag = exportConsumerLag(consumer, topics, registry, LAG_INTERVAL_MS, log);

  let closing: Promise<void> | undefined;
  return {
    setPaused(pause) {
      paused.set(pause ? 1 : 0);
      if (pause) stream.pause();
      else stream.resume();
    },
    close: () =>
      (closing ??= (async () => {
        stopLag();
        await stream.close();
        await consumer.close();
      })()),
  };
}
