import { randomUUID } from 'node:crypto';
import { Consumer, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnShop } from '../../../shop/spawn-shop.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';
import { testKafkaBrokers } from '../../support/kafka-global-setup.ts';

// Topics and group of this file alone: the broker is shared by the whole test run.
const suffix = randomUUID().slice(0, 8);
const ordersTopic = `shop-test.orders.${suffix}`;
const eventsTopic = `shop-test.events.${suffix}`;
const groupId = `shop-test-${suffix}`;

let brokers: string[];
let producer: Producer<string, string, string, string>;
let shop: RunningShop;
const producedBeforeStart = 40;

beforeAll(async () => {
  brokers = testKafkaBrokers();
  producer = new Producer({ clientId: 'shop-kafka-test', bootstrapBrokers: brokers, serializers: stringSerializers, autocreateTopics: true });
  // Produced before the shop's group exists: a new group starts at the beginning, so these count too.
  await produceEvents(producedBeforeStart, 'early');
  shop = await startShop({ productCount: 50, kafka: { brokers, ordersTopic, consumeTopics: [ordersTopic, eventsTopic], groupId } });
});
afterAll(async () => {
  await shop?.close();
  await producer?.close();
});

async function produceEvents(count: number, prefix: string): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => ({ topic: eventsTopic, key: `${prefix}-${i}`, value: JSON.stringify({ i }) }));
  // In batches, as the kafka-publish scenario's writers would send them.
  for (let i = 0; i < messages.length; i += 50) await producer.send({ messages: messages.slice(i, i + 50) });
}

async function metrics(): Promise<string> {
  return (await fetch(`${shop.url}/metrics`)).text();
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The lag of every partition of topic, summed; undefined until the lag metric has a series for it. */
function totalLag(text: string, topic: string): number | undefined {
  const lines = text.split('\n').filter((l) => l.startsWith(`shop_kafka_consumer_lag{topic="${topic}",`));
  return lines.length === 0 ? undefined : lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Polls until check returns a value that passes; the timeout only bounds a test that is failing. */
async function eventually<T>(read: () => Promise<T>, passes: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!passes(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

const consumedOf = (topic: string) => async () => sample(await metrics(), `shop_kafka_consumed_total{topic="${topic}"}`) ?? 0;

describe('shop with Kafka', () => {
  it('publishes an OrderCreated event keyed by order id, before answering the order', async () => {
    const res = await fetch(`${shop.url}/orders`, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify({ items: [{ productId: 2, quantity: 3 }], customerId: 'kafka-test' }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as { orderId: number; totalCents: number; items: unknown[] };
    // The ack came before the answer, so the count is already there.
    const text = await metrics();
    expect(sample(text, `shop_kafka_published_total{topic="${ordersTopic}"}`)).toBe(1);
    expect(sample(text, `shop_kafka_publish_failures_total{topic="${ordersTopic}",reason="timeout"}`)).toBe(0);
    expect(sample(text, `shop_kafka_publish_failures_total{topic="${ordersTopic}",reason="error"}`)).toBe(0);

    const reader = new Consumer({ clientId: 'shop-kafka-test', groupId: `reader-${suffix}`, bootstrapBrokers: brokers, deserializers: stringDeserializers });
    try {
      const stream = await reader.consume({ topics: [ordersTopic], mode: MessagesStreamModes.EARLIEST, maxWaitTime: 200 });
      for await (const message of stream) {
        expect(message.key).toBe(String(order.orderId));
        expect(JSON.parse(message.value)).toEqual({
          type: 'OrderCreated',
          orderId: order.orderId,
          totalCents: order.totalCents,
          items: order.items,
          customerId: 'kafka-test',
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        });
        break;
      }
      await stream.close();
    } finally {
      await reader.close(true);
    }
  });

  it("consumes the OrderCreated events in the shop's own consumer group", async () => {
    await eventually(consumedOf(ordersTopic), (n) => n >= 1, `the shop consumed an OrderCreated event`);
  });

  it('loses nothing: every event produced to the events topic is counted as consumed, exactly once', async () => {
    const producedAfterStart = 300;
    await produceEvents(producedAfterStart, 'late');
    const total = producedBeforeStart + producedAfterStart;
    await eventually(consumedOf(eventsTopic), (n) => n >= total, `${total} events were consumed`);
    // Settled: a second look finds no more than were produced.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await consumedOf(eventsTopic)()).toBe(total);
  });

  it('exports consumer lag per topic and partition, back to 0 once everything is consumed', async () => {
    const text = await eventually(metrics, (t) => totalLag(t, eventsTopic) === 0, 'the events lag is 0');
    expect(text).toContain('# TYPE shop_kafka_consumer_lag gauge');
    expect(text).toMatch(new RegExp(`^shop_kafka_consumer_lag\\{topic="${eventsTopic.replaceAll('.', '\\.')}",partition="0"\\} 0$`, 'm'));
    expect(totalLag(text, ordersTopic)).toBe(0);
  });

  it('grows the lag while pauseConsumer holds the group, and catches up once it is lifted', async () => {
    const before = await consumedOf(eventsTopic)();
    const put = (body: string) => fetch(`${shop.url}/admin/faults`, { method: 'PUT', body }).then((r) => r.json());
    expect(await put('{"pauseConsumer":true}')).toMatchObject({ pauseConsumer: true });
    try {
      expect(sample(await metrics(), 'shop_kafka_consumer_paused')).toBe(1);
      // A fetch already on its way when the pause came may still land; let it, then measure from there.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const pausedAt = await consumedOf(eventsTopic)();
      await produceEvents(120, 'paused');
      const text = await eventually(metrics, (t) => (totalLag(t, eventsTopic) ?? 0) >= 120 - (pausedAt - before), 'the lag grew');
      expect(totalLag(text, eventsTopic)).toBeGreaterThanOrEqual(100);
      expect(await consumedOf(eventsTopic)()).toBe(pausedAt);
    } finally {
      await put('{}');
    }
    await eventually(consumedOf(eventsTopic), (n) => n === before + 120, 'the paused events were consumed');
    await eventually(metrics, (t) => totalLag(t, eventsTopic) === 0, 'the lag is back to 0');
  });
});

describe('spawnShop with kafkaBrokers', () => {
  it('passes the brokers to the child, which publishes orders to the default topic', async () => {
    const child = await spawnShop({ productCount: 5, kafkaBrokers: brokers });
    try {
      const res = await fetch(`${child.url}/orders`, {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: JSON.stringify({ items: [{ productId: 1, quantity: 1 }] }),
      });
      expect(res.status).toBe(201);
      const text = await (await fetch(`${child.url}/metrics`)).text();
      expect(sample(text, 'shop_kafka_published_total{topic="shop.orders"}')).toBe(1);
      expect(text).toContain('shop_kafka_consumed_total{topic="loadbook.events"}');
    } finally {
      await child.stop();
    }
  });
});
