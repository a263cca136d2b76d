/**
 * Typings for loadbook's `k6/x/kafka`, the part of the xk6-kafka extension the engine reproduces
 * (engine/modules/kafka). One deliberate difference: produce(), consume() and the Connection's methods
 * return promises, because loadbook VUs never block. Await them; stock xk6-kafka's synchronous forms
 * return plain values, which `await` passes through, so scripts written this way run on both.
 */
declare module 'k6/x/kafka' {
  /** Bytes as scripts hand them over: SchemaRegistry.serialize's result, a typed array or a string. */
  export type Bytes = Uint8Array | ArrayBuffer | number[] | string;

  export interface WriterConfig {
    /** Bootstrap brokers, "host:port". */
    brokers: string[];
    /** Topic for messages that name none. */
    topic?: string;
    /** Let the broker create the topic on first use. @default false */
    autoCreateTopic?: boolean;
    /** One of the CODEC_* constants. @default no compression */
    compression?: string;
    /** 0 (no answer), 1 (leader) or -1 (all in-sync replicas). @default 0, as xk6-kafka */
    requiredAcks?: 0 | 1 | -1;
    /** Messages per produce request. @default 100 */
    batchSize?: number;
    /** One of the BALANCER_* constants; keyed messages always hash, unkeyed ones round-robin. */
    balancer?: string;
    /** Request timeout, e.g. "10s", or milliseconds. */
    writeTimeout?: string | number;
    /** Attempts per request before produce() fails. */
    maxAttempts?: number;
  }

  export interface Message {
    key?: Bytes | null;
    value?: Bytes | null;
    headers?: Record<string, Bytes>;
    topic?: string;
    partition?: number;
    /** @default now */
    time?: Date | number;
    /** Accepted for xk6-kafka scripts and ignored: the broker assigns offsets. */
    offset?: number;
  }

  export interface ProduceConfig {
    messages: Message[];
  }

  export class Writer {
    constructor(config: WriterConfig);
    /** Resolves once the broker acknowledged every message (as requiredAcks asks); rejects otherwise. */
    produce(config: ProduceConfig): Promise<void>;
    close(): Promise<void>;
  }

  export interface ReaderConfig {
    brokers: string[];
    /** The topic; a group reader may name several in groupTopics instead. */
    topic?: string;
    /** Consumer group: partitions are assigned by the group and consumed offsets committed. */
    groupID?: string;
    /** Alias of groupID. */
    groupId?: string;
    groupTopics?: string[];
    /** Partition of a reader without a group. @default 0 */
    partition?: number;
    /** First offset of a reader without a group; wins over startOffset. */
    offset?: number;
    /** START_OFFSETS_FIRST_OFFSET or START_OFFSETS_LAST_OFFSET: where reading starts without an offset. @default first */
    startOffset?: string;
    /** How long consume() waits for `limit` messages, e.g. "10s", or milliseconds. @default "10s" */
    maxWait?: string | number;
    minBytes?: number;
    maxBytes?: number;
    sessionTimeout?: string | number;
    heartbeatInterval?: string | number;
  }

  export interface ConsumeConfig {
    /** @default 1 */
    limit?: number;
    /** Resolve with what arrived when maxWait passes, instead of rejecting. @default false */
    expectTimeout?: boolean;
  }

  export interface ConsumedMessage {
    topic: string;
    partition: number;
    offset: number;
    /** The partition's high-water mark at fetch time; -1 for group readers. */
    highWaterMark: number;
    key: Uint8Array;
    value: Uint8Array;
    headers: Record<string, Uint8Array>;
    time: Date;
  }

  export class Reader {
    constructor(config: ReaderConfig);
    consume(config?: ConsumeConfig): Promise<ConsumedMessage[]>;
    close(): Promise<void>;
  }

  export interface ConnectionConfig {
    /** One broker, "host:port". */
    address: string;
  }

  export interface CreateTopicConfig {
    topic: string;
    /** @default 1 */
    numPartitions?: number;
    /** @default 1 */
    replicationFactor?: number;
    configEntries?: { configName: string; configValue: string }[];
  }

  export class Connection {
    constructor(config: ConnectionConfig);
    /** Resolves also when the topic exists already. */
    createTopic(config: CreateTopicConfig): Promise<void>;
    listTopics(): Promise<string[]>;
    deleteTopic(topic: string): Promise<void>;
    close(): Promise<void>;
  }

  export interface SerializeConfig {
    data: unknown;
    /** SCHEMA_TYPE_STRING, SCHEMA_TYPE_JSON or SCHEMA_TYPE_BYTES. */
    schemaType?: string;
  }

  /** xk6-kafka's serializer, without a registry: STRING, JSON and BYTES. */
  export class SchemaRegistry {
    constructor();
    serialize(config: SerializeConfig): Uint8Array;
    deserialize(config: SerializeConfig & { data: Bytes }): unknown;
  }

  export const SCHEMA_TYPE_STRING: 'STRING';
  export const SCHEMA_TYPE_JSON: 'JSON';
  export const SCHEMA_TYPE_BYTES: 'BYTES';
  /** Need a schema registry: serialize() refuses them. */
  export const SCHEMA_TYPE_AVRO: 'AVRO';
  export const SCHEMA_TYPE_JSON_SCHEMA: 'JSON_SCHEMA';
  export const SCHEMA_TYPE_PROTOBUF: 'PROTOBUF';

  export const CODEC_GZIP: 'gzip';
  export const CODEC_SNAPPY: 'snappy';
  export const CODEC_LZ4: 'lz4';
  /** Needs Node 22.15+ (zlib zstd): refused on Node 20. */
  export const CODEC_ZSTD: 'zstd';

  export const START_OFFSETS_FIRST_OFFSET: 'first';
  export const START_OFFSETS_LAST_OFFSET: 'last';

  export const BALANCER_ROUND_ROBIN: 'balancer_roundrobin';
  export const BALANCER_LEAST_BYTES: 'balancer_leastbytes';
  export const BALANCER_HASH: 'balancer_hash';
  export const BALANCER_CRC32: 'balancer_crc32';
  export const BALANCER_MURMUR2: 'balancer_murmur2';
}
