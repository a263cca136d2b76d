import { parseDuration } from '../../options/parse-duration.ts';
import { ACKS, BALANCERS, CODECS, START_OFFSETS, type Codec, type StartOffset } from './kafka-constants.ts';

/** Reads one field of a client's config object, naming the class and field in every error. */
export class ConfigReader {
  constructor(
    private readonly owner: string,
    private readonly raw: Record<string, unknown>,
  ) {}

  static of(owner: string, raw: unknown): ConfigReader {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new Error(`new ${owner}() takes a config object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
    }
    return new ConfigReader(owner, raw as Record<string, unknown>);
  }

  fail(field: string, expected: string, value: unknown): never {
    throw new Error(`invalid ${this.owner} ${field}; expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
  }

  has(field: string): boolean {
    return this.raw[field] !== undefined && this.raw[field] !== null && this.raw[field] !== '';
  }

  get(field: string): unknown {
    return this.raw[field];
  }

  brokers(field = 'brokers'): string[] {
    const value = this.raw[field];
    if (!Array.isArray(value) || value.length === 0 || !value.every((entry) => typeof entry === 'string' && /^[^\s:]+:\d+$/.test(entry))) {
      this.fail(field, 'a non-empty array of "host:port" strings', value);
    }
    return value as string[];
  }

  string(field: string): string | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') this.fail(field, 'a string', value);
    return value;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.raw[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail(field, 'true or false', value);
    return value;
  }

  integer(field: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`, value);
    }
    return value;
  }

  /** A duration as k6 writes them ("10s", "500ms") or a number of milliseconds. */
  durationMs(field: string): number | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null || value === '') return undefined;
    return parseDuration(value, `${this.owner} ${field}`);
  }

  /** SASL and TLS need configuration loadbook cannot honour; silently ignoring them would fail later and obscurely. */
  refuseSecurity(): void {
    for (const field of ['sasl', 'tls']) {
      const value = this.raw[field];
      if (value !== undefined && value !== null && !(typeof value === 'object' && Object.keys(value).length === 0)) {
        throw new Error(`${this.owner} ${field} is not supported by loadbook's k6/x/kafka; it connects in plaintext only`);
      }
    }
  }
}

export interface WriterConfig {
  brokers: string[];
  /** Default topic for messages that name none. */
  topic: string | undefined;
  autoCreateTopic: boolean;
  compression: Codec | undefined;
  requiredAcks: number;
  batchSize: number;
  writeTimeoutMs: number | undefined;
  maxAttempts: number | undefined;
}

const CODEC_VALUES = new Set<string>(Object.values(CODECS));
const BALANCER_VALUES = new Set<string>(Object.values(BALANCERS));
const ACK_VALUES = new Set<number>(Object.values(ACKS));

/** xk6-kafka writes 100 messages per batch by default (kafka-go's default). */
export const DEFAULT_BATCH_SIZE = 100;

export function readWriterConfig(raw: unknown): WriterConfig {
  const config: ConfigReader = ConfigReader.of('Writer', raw);
  config.refuseSecurity();
  const compression = config.string('compression');
  if (compression !== undefined && !CODEC_VALUES.has(compression)) config.fail('compression', 'one of CODEC_GZIP, CODEC_SNAPPY, CODEC_LZ4, CODEC_ZSTD', compression);
  const requiredAcks = config.integer('requiredAcks', -1, 1) ?? ACKS.RequireNone;
  if (!ACK_VALUES.has(requiredAcks)) config.fail('requiredAcks', '0, 1 or -1', requiredAcks);
  // Accepted for xk6-kafka scripts; keyed messages always hash (murmur2) and unkeyed ones round-robin.
  const balancer = config.string('balancer');
  if (balancer !== undefined && !BALANCER_VALUES.has(balancer)) config.fail('balancer', `one of ${[...BALANCER_VALUES].join(', ')}`, balancer);
  return {
    brokers: config.brokers(),
    topic: config.string('topic'),
    autoCreateTopic: config.boolean('autoCreateTopic', false),
    compression: compression as Codec | undefined,
    requiredAcks,
    batchSize: config.integer('batchSize', 1) ?? DEFAULT_BATCH_SIZE,
    writeTimeoutMs: config.durationMs('writeTimeout'),
    maxAttempts: config.integer('maxAttempts', 1),
  };
}

export interface ReaderConfig {
  brokers: string[];
  topics: string[];
  /** Consumer group; without one the reader reads `partition` from `offset`. */
  groupId: string | undefined;
  partition: number;
  /** Explicit first offset of a partition reader; wins over startOffset. */
  offset: bigint | undefined;
  startOffset: StartOffset;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  sessionTimeoutMs: number | undefined;
  heartbeatIntervalMs: number | undefined;
}

/** How long consume() waits for `limit` messages by default: kafka-go's MaxWait. */
export const DEFAULT_MAX_WAIT_MS = 10_000;
const START_OFFSET_ALIASES: Record<string, StartOffset> = { first: 'first', last: 'last', '-2': 'first', '-1': 'last', earliest: 'first', latest: 'last' };

export function readReaderConfig(raw: unknown): ReaderConfig {
  const config: ConfigReader = ConfigReader.of('Reader', raw);
  config.refuseSecurity();
  // xk6-kafka spells it groupID; groupId is accepted too.
  const groupId = config.string('groupID') ?? config.string('groupId');
  const groupTopics = config.get('groupTopics');
  let topics: string[];
  if (Array.isArray(groupTopics) && groupTopics.length > 0) {
    if (!groupTopics.every((topic) => typeof topic === 'string' && topic !== '')) config.fail('groupTopics', 'an array of topic names', groupTopics);
    if (!groupId) config.fail('groupTopics', 'a groupID to go with it', groupTopics);
    topics = groupTopics as string[];
  } else {
    const topic = config.string('topic');
    if (!topic) config.fail('topic', 'a topic name', config.get('topic'));
    topics = [topic];
  }
  const rawStart = config.get('startOffset');
  const startOffset = rawStart === undefined || rawStart === null || rawStart === '' ? 'first' : START_OFFSET_ALIASES[String(rawStart)];
  if (!startOffset) config.fail('startOffset', 'START_OFFSETS_FIRST_OFFSET or START_OFFSETS_LAST_OFFSET', rawStart);
  const offset = config.integer('offset', 0);
  const partition = config.integer('partition', 0) ?? 0;
  if (groupId && (config.has('partition') || offset !== undefined)) {
    throw new Error(`invalid Reader config; a reader with groupID ${JSON.stringify(groupId)} gets its partitions from the group, so it takes no partition or offset`);
  }
  return {
    brokers: config.brokers(),
    topics,
    groupId,
    partition,
    offset: offset === undefined ? undefined : BigInt(offset),
    startOffset,
    maxWaitMs: config.durationMs('maxWait') ?? DEFAULT_MAX_WAIT_MS,
    minBytes: config.integer('minBytes', 1) ?? 1,
    maxBytes: config.integer('maxBytes', 1) ?? 10 * 1024 * 1024,
    sessionTimeoutMs: config.durationMs('sessionTimeout'),
    heartbeatIntervalMs: config.durationMs('heartbeatInterval'),
  };
}

export interface ConnectionConfig {
  address: string;
}

export function readConnectionConfig(raw: unknown): ConnectionConfig {
  const config: ConfigReader = ConfigReader.of('Connection', raw);
  config.refuseSecurity();
  const address = config.string('address');
  if (!address || !/^[^\s:]+:\d+$/.test(address)) config.fail('address', 'a "host:port" string', config.get('address'));
  return { address };
}
