import { Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import { consumedMessage, type ConsumedMessage, type MessageSource, type ReadResult } from './consumed-message.ts';
import type { ReaderConfig } from './kafka-config.ts';
import type { GuardedClientOptions } from './kafka-host-guard.ts';
import { closeConsumer } from './close-consumer.ts';

type GroupMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/**
 * Reads as a member of a consumer group, as a reader with a groupID does in xk6-kafka: the group assigns
 * partitions, reading starts at the group's committed offsets (or startOffset for a new group), and the
 * offsets of the messages each consume() returns are committed before it resolves.
 */
export class GroupSource implements MessageSource {
  #consumer: Consumer<Buffer, Buffer, Buffer, Buffer> | undefined;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  #failure: Error | undefined;
  #fetches = 0;

  constructor(
    private readonly config: ReaderConfig,
    private readonly client: GuardedClientOptions,
  ) {}

  async read(limit: number, deadline: number): Promise<ReadResult> {
    const dialed = this.#stream === undefined;
    const stream = this.#stream ?? (await this.#open());
    const fetchesBefore = this.#fetches;
    const taken: GroupMessage[] = [];
    while (taken.length < limit) {
      if (this.#failure) throw this.#failure;
      const message = stream.read() as GroupMessage | null;
      if (message !== null) {
        taken.push(message);
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await this.#readable(stream, remaining);
    }
    await this.#commit(taken);
    const messages: ConsumedMessage[] = taken.map((message) =>
      consumedMessage(message.topic, message.partition, message.offset, message.timestamp, message.key, message.value, message.headers, -1),
    );
    return {
      messages,
      fetches: this.#fetches - fetchesBefore,
      dialed,
      lag: taken.length > 0 ? await this.#lag() : undefined,
      lastOffset: messages.length > 0 ? messages[messages.length - 1]!.offset : undefined,
    };
  }

  async disconnect(): Promise<void> {
    const stream = this.#stream;
    const consumer = this.#consumer;
    this.#stream = undefined;
    this.#consumer = undefined;
    this.#failure = undefined;
    await stream?.close().catch(() => undefined);
    if (consumer) await closeConsumer(consumer);
  }

  async #open(): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer>> {
    const { config } = this;
    const consumer = (this.#consumer = new Consumer({
      ...this.client,
      groupId: config.groupId!,
      bootstrapBrokers: config.brokers,
      minBytes: config.minBytes,
      maxBytes: config.maxBytes,
      maxWaitTime: 500,
      ...(config.sessionTimeoutMs === undefined ? {} : { sessionTimeout: config.sessionTimeoutMs }),
      ...(config.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: config.heartbeatIntervalMs }),
    }));
    const stream = await consumer.consume({
      topics: config.topics,
      mode: 'committed',
      fallbackMode: config.startOffset === 'last' ? 'latest' : 'earliest',
      autocommit: false,
    });
    stream.on('fetch', () => this.#fetches++);
    stream.on('error', (error: Error) => {
      this.#failure = error;
    });
    this.#stream = stream;
    return stream;
  }

  #readable(stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stream.off('readable', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      stream.once('readable', done);
      stream.once('error', done);
      stream.once('close', done);
    });
  }

  /** Commits the last message of each partition: the group's offsets then point past everything returned. */
  async #commit(messages: GroupMessage[]): Promise<void> {
    const last = new Map<string, GroupMessage>();
    for (const message of messages) last.set(`${message.topic}:${message.partition}`, message);
    await Promise.all([...last.values()].map((message) => message.commit()));
  }

  /** Messages left for this member: latest offsets minus committed ones, over its assigned partitions. */
  async #lag(): Promise<number | undefined> {
    try {
      const lags = await this.#consumer!.getLag({ topics: this.config.topics });
      let total = 0n;
      for (const partitions of lags.values()) for (const lag of partitions) if (lag > 0n) total += lag;
      return Number(total);
    } catch {
      return undefined;
    }
  }
}
