import type { Registry } from 'prom-client';
import { ensureKafkaTopics } from './ensure-kafka-topics.ts';
import { startKafkaOrderEvents } from './kafka-order-events.ts';
import type { OrderEvents } from './order-events.ts';
import { ShopError } from './shop-error.ts';
import type { ResolvedShopKafkaOptions } from './shop-kafka-options.ts';
import { startShopConsumer, type ShopConsumer } from './shop-consumer.ts';

/** The shop's Kafka side: the OrderCreated producer and the consumer group. */
export interface ShopKafka {
  readonly orderEvents: OrderEvents;
  readonly consumer: ShopConsumer;
  close(): Promise<void>;
}

/**
 * Creates missing topics, connects the producer and joins the consumer group, so that once startShop
 * resolves, orders publish and consumption has begun.
 * @throws ShopError when the brokers cannot be reached, saying how to start one or run without Kafka
 */
export async function startShopKafka(
  options: ResolvedShopKafkaOptions,
  registry: Registry,
  log: (line: string) => void,
): Promise<ShopKafka> {
  const { brokers, ordersTopic, consumeTopics } = options;
  let orderEvents: OrderEvents | undefined;
  try {
    await ensureKafkaTopics(brokers, [...new Set([ordersTopic, ...consumeTopics])]);
    orderEvents = await startKafkaOrderEvents({ brokers, topic: ordersTopic, timeoutMs: options.publishTimeoutMs, registry, log });
    const consumer = await startShopConsumer({ brokers, groupId: options.groupId, topics: consumeTopics, registry, log });
    const events = orderEvents;
    return {
      orderEvents: events,
      consumer,
      close: async () => {
        // Producer first: its last publishes may still be on the way to topics the consumer reads.
        await events.close();
        await consumer.close();
      },
    };
  } catch (error) {
    await orderEvents?.close();
    throw new ShopError(
      `cannot use Kafka brokers ${brokers.join(',')} (${describe(error)}); start a broker (tsx scripts/kafka.ts start) or leave out --kafka-brokers and SHOP_KAFKA_BROKERS to run without Kafka`,
    );
  }
}

/** The library nests the actual cause (refused connection, timeout) under generic wrappers. */
function describe(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 4) {
    messages.push(current.message.replace(/\.$/, ''));
    const nested = (current as Error & { errors?: unknown[] }).errors?.[0];
    current = nested ?? current.cause;
  }
  return messages.join(': ') || String(error);
}
