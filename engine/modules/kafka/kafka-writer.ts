import { Producer, type MessageToProduce } from '@platformatic/kafka';
import zlib from 'node:zlib';
import { toBuffer } from './kafka-bytes.ts';
import { errorText, iterationGuard, refuseInInit, type KafkaContext } from './kafka-context.ts';
import { readWriterConfig, type WriterConfig } from './kafka-config.ts';

/** One message as xk6-kafka scripts write it. `offset` is accepted and ignored: the broker assigns offsets. */
export interface ProduceMessage {
  key?: unknown;
  value?: unknown;
  headers?: Record<string, unknown>;
  topic?: string;
  partition?: number;
  /** Date or epoch milliseconds; default: now. */
  time?: Date | number;
  offset?: number;
}

type Outgoing = MessageToProduce<Buffer, Buffer, string, Buffer>;

/**
 * xk6-kafka's Writer: produces batches of messages to a topic. Created in init, it connects on the first
 * produce(). `await writer.produce({ messages })` resolves once the broker acknowledged every message
 * (with `requiredAcks` 1 or -1), and rejects when it did not.
 */
export class KafkaWriter {
  readonly #context: KafkaContext;
  readonly #config: WriterConfig;
  #producer: Producer<Buffer, Buffer, string, Buffer> | undefined;
  #closed = false;

  constructor(context: KafkaContext, rawConfig: unknown) {
    this.#context = context;
    this.#config = readWriterConfig(rawConfig);
    if (this.#config.compression === 'zstd' && typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync !== 'function') {
      throw new Error(`Writer compression CODEC_ZSTD needs zstd in Node's zlib (Node 22.15+), this is Node ${process.versions.node}; use CODEC_GZIP, CODEC_SNAPPY or CODEC_LZ4`);
    }
  }

  /** Misuse (init code, a closed writer, bad messages) throws at once, as in k6; sending rejects. */
  produce(args: { messages: ProduceMessage[] }): Promise<void> {
    refuseInInit(this.#context, 'writer.produce()');
    if (this.#closed) throw new Error('writer.produce() after writer.close(); create another Writer');
    const messages = args?.messages;
    if (!Array.isArray(messages) || messages.length === 0) throw new Error('writer.produce() takes { messages: [...] } with at least one message');
    return this.#send(messages.map((message, index) => this.#outgoing(message, index)));
  }

  async #send(outgoing: Outgoing[]): Promise<void> {
    const context = this.#context;
    const topic = outgoing[0]!.topic;
    const current = iterationGuard(context);
    const { metrics } = context;
    const tagSet = metrics.tagSet(topic);
    const producer = (this.#producer ??= this.#createProducer());
    const started = performance.now();
    let batches = 0;
    try {
      for (let start = 0; start < outgoing.length; start += this.#config.batchSize) {
        await producer.send({ messages: outgoing.slice(start, start + this.#config.batchSize) });
        batches++;
      }
    } catch (error) {
      if (current()) metrics.emit('kafka_writer_error_count', tagSet, 1);
      throw new Error(`kafka produce to "${topic}" failed: ${errorText(error)}`);
    } finally {
      if (context.disconnectAfterEachCall) await this.#disconnect();
    }
    if (!current()) throw new Error('iteration interrupted');
    let bytes = 0;
    for (const message of outgoing) bytes += (message.key?.length ?? 0) + (message.value?.length ?? 0);
    metrics.emit('kafka_writer_write_seconds', tagSet, performance.now() - started);
    metrics.emit('kafka_writer_write_count', tagSet, batches);
    metrics.emit('kafka_writer_message_count', tagSet, outgoing.length);
    metrics.emit('kafka_writer_message_bytes', tagSet, bytes);
  }

  /** Closes the connection; later produce() calls fail. xk6-kafka's close() is synchronous: awaiting is optional. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#disconnect();
  }

  async #disconnect(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    await producer?.close().catch(() => undefined);
  }

  #createProducer(): Producer<Buffer, Buffer, string, Buffer> {
    const config = this.#config;
    return new Producer({
      ...this.#context.client,
      bootstrapBrokers: config.brokers,
      acks: config.requiredAcks,
      compression: config.compression ?? 'none',
      autocreateTopics: config.autoCreateTopic,
      // Header keys are strings as scripts write them; the rest stays bytes.
      serializers: { headerKey: (key?: string) => (key === undefined ? undefined : Buffer.from(key, 'utf8')) },
      ...(config.writeTimeoutMs === undefined ? {} : { timeout: config.writeTimeoutMs }),
      ...(config.maxAttempts === undefined ? {} : { retries: config.maxAttempts - 1 }),
    });
  }

  #outgoing(message: ProduceMessage, index: number): Outgoing {
    if (message === null || typeof message !== 'object') throw new Error(`messages[${index}] must be an object with key, value and headers`);
    const topic = message.topic ?? this.#config.topic;
    if (!topic) throw new Error(`messages[${index}] has no topic and the Writer was created without one`);
    const outgoing: Outgoing = { topic, key: toBuffer(message.key, `messages[${index}].key`), value: toBuffer(message.value, `messages[${index}].value`) };
    if (message.headers) {
      const headers: Record<string, Buffer> = {};
      for (const name in message.headers) headers[name] = toBuffer(message.headers[name], `messages[${index}].headers.${name}`) ?? Buffer.alloc(0);
      outgoing.headers = headers;
    }
    // Without a partition, keyed messages go by murmur2 of the key (as the Java client) and the rest round-robin.
    if (message.partition !== undefined && message.partition !== null) outgoing.partition = message.partition;
    if (message.time !== undefined) outgoing.timestamp = BigInt(message.time instanceof Date ? message.time.getTime() : Math.trunc(message.time));
    return outgoing;
  }
}
