import { randomBytes } from 'node:crypto';
import { Admin, ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../broker/free-port.ts';
import { createKafkaLagSampler } from '../../../../reports/samplers/index.ts';
import { testKafkaBrokers } from '../../../support/kafka-global-setup.ts';

const PRODUCED = 30;

/** Produces PRODUCED keyed messages to `topic`; the partitioner spreads them over its 3 partitions. */
async function produce(brokers: string[], topic: string): Promise<void> {
  // Idempotent: on a topic this fresh a send is often retried while leaders settle, and a plain producer
  // then writes the records twice, so the topic would hold more than PRODUCED.
  const producer = new Producer({ clientId: 'loadbook-test', bootstrapBrokers: brokers, serializers: stringSerializers, idempotent: true });
  try {
    const messages = Array.from({ length: PRODUCED }, (_, i) => ({ topic, key: `customer-${i}`, value: `order-${i}` }));
    await producer.send({ messages, acks: ProduceAcks.ALL });
  } finally {
    await producer.close();
  }
}

/**
 * Creates and fills `topic`, then commits for `group` half of each partition's records, as a consumer that
 * has read that far would.
 * @returns the offsets committed, by partition
 */
async function fillAndCommitHalf(brokers: string[], group: string, topic: string): Promise<number[]> {
  const admin = new Admin({ clientId: 'loadbook-test', bootstrapBrokers: brokers });
  try {
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    await produce(brokers, topic);
    const [listed] = await admin.listOffsets({
      topics: [{ name: topic, partitions: [0, 1, 2].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }],
    });
    const ends = [...listed!.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => Number(p.offset));
    expect(ends.reduce((a, b) => a + b, 0)).toBe(PRODUCED);
    const committed = ends.map((end) => Math.floor(end / 2));
    await admin.alterConsumerGroupOffsets({
      groupId: group,
      topics: [{ name: topic, partitionOffsets: committed.map((offset, partition) => ({ partition, offset: BigInt(offset) })) }],
    });
    return committed;
  } finally {
    await admin.close();
  }
}

describe('the Kafka lag sampler against the test run broker', () => {
  it('reports end minus committed offsets per partition and their total for each group', async () => {
    const brokers = testKafkaBrokers();
    const suffix = randomBytes(4).toString('hex');
    const topic = `loadbook.test.lag.${suffix}`;
    const group = `loadbook-test-lag-${suffix}`;
    const committed = await fillAndCommitHalf(brokers, group, topic);
    const total = committed.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(PRODUCED);

    const sampler = createKafkaLagSampler({ brokers, groups: [group] });
    try {
      const [lag] = await sampler.sample();
      expect(lag).toMatchObject({ status: 'measured', group });
      if (lag?.status !== 'measured') return;
      const partitions = [...lag.partitions].sort((a, b) => a.partition - b.partition);
      expect(partitions.map((p) => [p.topic, p.partition, p.committed, p.from])).toEqual(committed.map((c, p) => [topic, p, c, c]));
      for (const p of partitions) expect(p.lag).toBe(p.end - p.from);
      expect(lag.total).toBe(PRODUCED - total);
    } finally {
      await sampler.close();
    }
  });

  it('reads a group the broker does not know as missing, with a reason, never as a lag of 0', async () => {
    const sampler = createKafkaLagSampler({ brokers: testKafkaBrokers(), groups: [`loadbook-test-misspelt-${randomBytes(4).toString('hex')}`] });
    try {
      const [reading] = await sampler.sample();
      expect(reading).toMatchObject({ status: 'missing', error: expect.stringMatching(/is unknown to the broker.*check kafka\.consumerGroups/) });
    } finally {
      await sampler.close();
    }
  });

  it('rejects with a reason when no broker answers', async () => {
    const sampler = createKafkaLagSampler({ brokers: [`127.0.0.1:${await freePort()}`], groups: ['nobody'], timeoutMs: 1_000 });
    try {
      await expect(sampler.sample()).rejects.toThrow();
    } finally {
      await sampler.close();
    }
  });
});
