import { toBytes } from './kafka-bytes.ts';

/** A consumed message as xk6-kafka hands it to scripts: bytes for key, value and header values. */
export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: number;
  /** The partition's high-water mark when the message was fetched (partition readers; -1 for group readers). */
  highWaterMark: number;
  key: Uint8Array;
  value: Uint8Array;
  headers: Record<string, Uint8Array>;
  time: Date;
}

/** What a reader's message source returns for one consume() call. */
export interface ReadResult {
  messages: ConsumedMessage[];
  /** Fetch requests made. */
  fetches: number;
  /** Whether this call opened the connection. */
  dialed: boolean;
  /** Messages left to read after these, when known. */
  lag: number | undefined;
  /** Offset of the last message read, when any. */
  lastOffset: number | undefined;
}

/** A way of reading: one partition by offset, or a consumer group's assignment. */
export interface MessageSource {
  read(limit: number, deadline: number): Promise<ReadResult>;
  /** Drops the connection; the next read() reconnects where this one stopped. */
  disconnect(): Promise<void>;
}

export function consumedMessage(
  topic: string,
  partition: number,
  offset: bigint,
  timestamp: bigint,
  key: Buffer | null | undefined,
  value: Buffer | null | undefined,
  headers: Iterable<[Buffer | string | null | undefined, Buffer | null | undefined]>,
  highWaterMark: bigint | number,
): ConsumedMessage {
  const named: Record<string, Uint8Array> = {};
  for (const [name, headerValue] of headers) {
    if (name !== null && name !== undefined) named[name.toString()] = toBytes(headerValue);
  }
  return {
    topic,
    partition,
    offset: Number(offset),
    highWaterMark: Number(highWaterMark),
    key: toBytes(key),
    value: toBytes(value),
    headers: named,
    time: new Date(Number(timestamp)),
  };
}

/** Bytes of a message's key and value, as kafka_reader_message_bytes counts them. */
export function messageBytes(message: ConsumedMessage): number {
  return message.key.byteLength + message.value.byteLength;
}
