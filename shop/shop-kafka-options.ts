import { checkInteger } from './check-integer.ts';
import { ShopError, shown } from './shop-error.ts';

/** Where the shop publishes OrderCreated events and what its consumer group reads. */
export interface ShopKafkaOptions {
  /** Bootstrap brokers as `host:port`, such as `['127.0.0.1:39092']`. */
  brokers: string[];
  /**
   * Topic of OrderCreated events.
   * @default 'shop.orders'
   */
  ordersTopic?: string;
  /**
   * Topics the consumer group reads and reports lag for.
   * @default [ordersTopic, 'loadbook.events'] (loadbook.events is where the kafka-publish scenario produces)
   */
  consumeTopics?: string[];
  /**
   * The consumer group's id.
   * @default 'shop-consumer'
   */
  groupId?: string;
  /**
   * How long POST /orders waits for the broker to ack its OrderCreated event before answering anyway
   * (the late or failed publish is counted in shop_kafka_publish_failures_total). From 1 to 60000.
   * @default 250
   */
  publishTimeoutMs?: number;
}

export type ResolvedShopKafkaOptions = Required<ShopKafkaOptions>;

export const DEFAULT_ORDERS_TOPIC = 'shop.orders';
export const DEFAULT_EVENTS_TOPIC = 'loadbook.events';
export const DEFAULT_GROUP_ID = 'shop-consumer';
// An ack on loopback takes a few milliseconds; 250 ms bounds what a stalled broker adds to an order
// while staying above the Order POST budget (180 ms), so a slow broker still shows as a breach.
export const DEFAULT_PUBLISH_TIMEOUT_MS = 250;

const BROKER_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):\d{1,5}$/;
// Kafka's own rule for topic names.
const TOPIC_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Applies defaults to Kafka options and checks them.
 * @throws ShopError naming the option, what it accepts and the value given
 */
export function resolveShopKafkaOptions(options: ShopKafkaOptions): ResolvedShopKafkaOptions {
  const brokers: unknown = options.brokers;
  if (!Array.isArray(brokers) || brokers.length === 0 || !brokers.every((b) => typeof b === 'string' && BROKER_PATTERN.test(b))) {
    throw new ShopError(`invalid kafka.brokers; expected host:port strings such as ["127.0.0.1:39092"], got ${shown(brokers)}`);
  }
  const ordersTopic = topic('kafka.ordersTopic', options.ordersTopic ?? DEFAULT_ORDERS_TOPIC);
  const consumeTopics: unknown = options.consumeTopics ?? [ordersTopic, DEFAULT_EVENTS_TOPIC];
  if (!Array.isArray(consumeTopics) || consumeTopics.length === 0) {
    throw new ShopError(`invalid kafka.consumeTopics; expected a non-empty array of topic names, got ${shown(consumeTopics)}`);
  }
  consumeTopics.forEach((name, i) => topic(`kafka.consumeTopics[${i}]`, name));
  const groupId = options.groupId ?? DEFAULT_GROUP_ID;
  if (typeof groupId !== 'string' || groupId === '') {
    throw new ShopError(`invalid kafka.groupId; expected a non-empty string, got ${shown(groupId)}`);
  }
  return {
    brokers: [...brokers],
    ordersTopic,
    consumeTopics: [...new Set(consumeTopics as string[])],
    groupId,
    publishTimeoutMs: checkInteger('kafka.publishTimeoutMs', options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS, 1, 60_000),
  };
}

/** Splits a `--kafka-brokers` or SHOP_KAFKA_BROKERS value (`a:9092,b:9092`) into a broker list. */
export function parseBrokerList(text: string, label: string): string[] {
  const brokers = text.split(',').map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0 || !brokers.every((b) => BROKER_PATTERN.test(b))) {
    throw new ShopError(`invalid ${label}; expected host:port[,host:port...] such as 127.0.0.1:39092, got ${shown(text)}`);
  }
  return brokers;
}

function topic(label: string, name: unknown): string {
  if (typeof name === 'string' && TOPIC_PATTERN.test(name)) return name;
  throw new ShopError(`invalid ${label}; expected a topic name of letters, digits, '.', '_' or '-', got ${shown(name)}`);
}
