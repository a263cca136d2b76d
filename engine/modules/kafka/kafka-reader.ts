import { errorText, iterationGuard, refuseInInit, type KafkaContext } from './kafka-context.ts';
import { messageBytes, type ConsumedMessage, type MessageSource } from './consumed-message.ts';
import { readReaderConfig, type ReaderConfig } from './kafka-config.ts';
import { GroupSource } from './group-source.ts';
import { PartitionSource } from './partition-source.ts';

export interface ConsumeConfig {
  /** Messages to read. @default 1 */
  limit?: number;
  /** Return what arrived when maxWait passes before `limit` messages did, instead of failing. @default false */
  expectTimeout?: boolean;
}

/**
 * xk6-kafka's Reader: `await reader.consume({ limit })` resolves with `limit` messages, waiting up to the
 * Reader's `maxWait` (default 10 s) for them. With a `groupID` it reads as a consumer group member and
 * commits what it returns; without one it reads `partition` (default 0) from `offset` or `startOffset`.
 * Created in init, it connects on the first consume().
 */
export class KafkaReader {
  readonly #context: KafkaContext;
  readonly #config: ReaderConfig;
  readonly #source: MessageSource;
  #closed = false;

  constructor(context: KafkaContext, rawConfig: unknown) {
    this.#context = context;
    this.#config = readReaderConfig(rawConfig);
    this.#source = this.#config.groupId ? new GroupSource(this.#config, context.client) : new PartitionSource(this.#config, context.client);
  }

  /** Misuse (init code, a closed reader, a bad limit) throws at once, as in k6; reading rejects. */
  consume(args: ConsumeConfig = {}): Promise<ConsumedMessage[]> {
    refuseInInit(this.#context, 'reader.consume()');
    if (this.#closed) throw new Error('reader.consume() after reader.close(); create another Reader');
    const limit = args.limit ?? 1;
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid consume limit; expected a whole number of messages, at least 1, got ${JSON.stringify(limit)}`);
    return this.#consume(limit, args.expectTimeout === true);
  }

  async #consume(limit: number, expectTimeout: boolean): Promise<ConsumedMessage[]> {
    const context = this.#context;
    const current = iterationGuard(context);
    const { metrics } = context;
    const topic = this.#config.topics.join(',');
    const tagSet = metrics.tagSet(topic);
    const started = performance.now();
    let result;
    try {
      result = await this.#source.read(limit, Date.now() + this.#config.maxWaitMs);
    } catch (error) {
      if (current()) metrics.emit('kafka_reader_error_count', tagSet, 1);
      await this.#source.disconnect();
      throw new Error(`kafka consume from "${topic}" failed: ${errorText(error)}`);
    } finally {
      if (context.disconnectAfterEachCall) await this.#source.disconnect();
    }
    if (!current()) throw new Error('iteration interrupted');
    const { messages } = result;
    if (result.dialed) metrics.emit('kafka_reader_dial_count', tagSet, 1);
    if (result.fetches > 0) metrics.emit('kafka_reader_fetches_count', tagSet, result.fetches);
    metrics.emit('kafka_reader_read_seconds', tagSet, performance.now() - started);
    metrics.emit('kafka_reader_message_count', tagSet, messages.length);
    let bytes = 0;
    for (const message of messages) bytes += messageBytes(message);
    metrics.emit('kafka_reader_message_bytes', tagSet, bytes);
    if (result.lastOffset !== undefined) metrics.emit('kafka_reader_offset', tagSet, result.lastOffset);
    if (result.lag !== undefined) metrics.emit('kafka_reader_lag', tagSet, result.lag);
    if (messages.length < limit) {
      metrics.emit('kafka_reader_timeouts_count', tagSet, 1);
      if (!expectTimeout) {
        metrics.emit('kafka_reader_error_count', tagSet, 1);
        throw new Error(
          `kafka consume from "${topic}" got ${messages.length} of ${limit} messages within maxWait ${this.#config.maxWaitMs} ms; raise the Reader's maxWait, or pass expectTimeout: true to take what arrived`,
        );
      }
    }
    return messages;
  }

  /** Leaves the group (if any) and closes the connection; later consume() calls fail. Awaiting is optional. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#source.disconnect();
  }
}
