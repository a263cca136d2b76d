/**
 * xk6-kafka's exported constants, with the same names and values, so scripts written for xk6-kafka read
 * the same here.
 */

/** Serialization formats for SchemaRegistry.serialize/deserialize. Only these three are supported. */
export const SCHEMA_TYPES = {
  SCHEMA_TYPE_STRING: 'STRING',
  SCHEMA_TYPE_JSON: 'JSON',
  SCHEMA_TYPE_BYTES: 'BYTES',
} as const;

export type SchemaType = (typeof SCHEMA_TYPES)[keyof typeof SCHEMA_TYPES];

/** Schema formats xk6-kafka also knows, which need a schema registry; refused with a message here. */
export const UNSUPPORTED_SCHEMA_TYPES = {
  SCHEMA_TYPE_AVRO: 'AVRO',
  SCHEMA_TYPE_JSON_SCHEMA: 'JSON_SCHEMA',
  SCHEMA_TYPE_PROTOBUF: 'PROTOBUF',
} as const;

/** Writer `compression` values. */
export const CODECS = {
  CODEC_GZIP: 'gzip',
  CODEC_SNAPPY: 'snappy',
  CODEC_LZ4: 'lz4',
  CODEC_ZSTD: 'zstd',
} as const;

export type Codec = (typeof CODECS)[keyof typeof CODECS];

/** Reader `startOffset` values: where a reader without a committed offset begins. */
export const START_OFFSETS = {
  START_OFFSETS_FIRST_OFFSET: 'first',
  START_OFFSETS_LAST_OFFSET: 'last',
} as const;

export type StartOffset = (typeof START_OFFSETS)[keyof typeof START_OFFSETS];

/** Writer `balancer` values. Keyed messages always go by key hash (murmur2, as the Java client does). */
export const BALANCERS = {
  BALANCER_ROUND_ROBIN: 'balancer_roundrobin',
  BALANCER_LEAST_BYTES: 'balancer_leastbytes',
  BALANCER_HASH: 'balancer_hash',
  BALANCER_CRC32: 'balancer_crc32',
  BALANCER_MURMUR2: 'balancer_murmur2',
} as const;

/** Writer `requiredAcks` values, as Kafka defines them. */
export const ACKS = {
  /** The broker does not answer: fastest, and a lost message goes unnoticed. */
  RequireNone: 0,
  /** The partition leader has written it. */
  RequireOne: 1,
  /** Every in-sync replica has it. */
  RequireAll: -1,
} as const;
