import { Consumer } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumedMessage, type ConsumedMessage, type MessageSource, type ReadResult } from './consumed-message.ts';
import type { ReaderConfig } from './kafka-config.ts';
import type { GuardedClientOptions } from './kafka-host-guard.ts';
import { closeConsumer } from './close-consumer.ts';

/** Kafka marks transaction markers with this batch attribute; they are not messages. */
const CONTROL_BATCH = 0x20;
/** One fetch waits at most this long, so consume() can end close to its deadline. */
const FETCH_WAIT_MS = 500;
const EARLIEST = -2n;
const LATEST = -1n;

/**
 * Reads one partition from an offset with plain fetch requests, as a reader without a groupID does in
 * xk6-kafka: no group, no commits; the next consume() continues after the last message returned.
 */
export class PartitionSource implements MessageSource {
  #consumer: Consumer | undefined;
  #next: bigint | undefined;

  constructor(
    private readonly config: ReaderConfig,
    private readonly client: GuardedClientOptions,
  ) {
    this.#next = config.offset;
  }

  async read(limit: number, deadline: number): Promise<ReadResult> {
    const dialed = this.#consumer === undefined;
    // A Consumer needs a group id even when, as here, it never joins the group.
    const consumer = (this.#consumer ??= new Consumer({ ...this.client, groupId: `${this.client.clientId}-partition-reader`, bootstrapBrokers: this.config.brokers }));
    const topic = this.config.topics[0]!;
    const { partition } = this.config;
    const messages: ConsumedMessage[] = [];
    let fetches = 0;
    let highWatermark: bigint | undefined;
    while (messages.length < limit) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const leader = await this.#leader(consumer, topic, partition, deadline);
      if (!leader) break;
      this.#next ??= await this.#startOffset(consumer, topic, partition);
      const response = await consumer.fetch({
        node: leader.node,
        topics: [{ topicId: leader.topicId, partitions: [{ partition, fetchOffset: this.#next, partitionMaxBytes: this.config.maxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }],
        maxWaitTime: Math.max(1, Math.min(remaining, FETCH_WAIT_MS)),
        minBytes: this.config.minBytes,
        maxBytes: this.config.maxBytes,
      });
      fetches++;
      const answer = response.responses[0]?.partitions.find((entry) => entry.partitionIndex === partition);
      if (!answer) continue;
      if (answer.errorCode !== 0) throw new Error(`fetching ${topic}[${partition}] at offset ${this.#next} failed with Kafka error code ${answer.errorCode}`);
      highWatermark = answer.highWatermark;
      for (const batch of answer.records ?? []) {
        if (batch.attributes & CONTROL_BATCH) continue;
        for (const record of batch.records) {
          const offset = batch.firstOffset + BigInt(record.offsetDelta);
          // A fetch returns whole batches, which may start before the offset asked for.
          if (offset < this.#next) continue;
          messages.push(consumedMessage(topic, partition, offset, batch.firstTimestamp + record.timestampDelta, record.key, record.value, record.headers, answer.highWatermark));
          this.#next = offset + 1n;
          if (messages.length >= limit) break;
        }
        if (messages.length >= limit) break;
      }
    }
    const lag = highWatermark === undefined || this.#next === undefined ? undefined : Math.max(0, Number(highWatermark - this.#next));
    return { messages, fetches, dialed, lag, lastOffset: messages.length > 0 ? messages[messages.length - 1]!.offset : undefined };
  }

  async disconnect(): Promise<void> {
    const consumer = this.#consumer;
    this.#consumer = undefined;
    if (consumer) await closeConsumer(consumer);
  }

  /** The partition's leader, waiting (until the deadline) for a topic that does not exist yet. */
  async #leader(consumer: Consumer, topic: string, partition: number, deadline: number): Promise<{ node: number; topicId: string } | undefined> {
    for (;;) {
      try {
        const metadata = await consumer.metadata({ topics: [topic] });
        const described = metadata.topics.get(topic);
        const leader = described?.partitions[partition]?.leader;
        if (described && leader !== undefined && leader >= 0) return { node: leader, topicId: described.id };
        if (described && partition >= described.partitionsCount) {
          throw new Error(`topic "${topic}" has ${described.partitionsCount} partitions; Reader partition ${partition} does not exist`);
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('topic "')) throw error;
        if (Date.now() + 100 >= deadline) throw error;
      }
      if (Date.now() + 100 >= deadline) return undefined;
      await sleep(100);
    }
  }

  async #startOffset(consumer: Consumer, topic: string, partition: number): Promise<bigint> {
    const offsets = await consumer.listOffsets({ topics: [topic], partitions: { [topic]: [partition] }, timestamp: this.config.startOffset === 'last' ? LATEST : EARLIEST });
    return offsets.get(topic)?.[partition] ?? 0n;
  }
}
