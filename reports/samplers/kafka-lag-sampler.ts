import { Admin, type Group } from '@platformatic/kafka';
import { errorText } from '../../engine/modules/kafka/kafka-context.ts';
import { guardedClientOptions } from '../../engine/modules/kafka/kafka-host-guard.ts';
import { LOOPBACK_ONLY, type HostAllowlist } from '../../engine/net/host-allowlist.ts';

/** Lag of one partition for one consumer group. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Next offset the group will read; absent when the group never committed on this partition. */
  readonly committed?: number;
  /**
   * Offset the lag counts from: `committed`, or, without a commit, the first offset appended since
   * sampling began (the run's start), so a group that never commits shows this run's records as lag.
   */
  readonly from: number;
  /** Offset the next produced record will get. */
  readonly end: number;
  /** end minus from: records the group has not committed. */
  readonly lag: number;
}

/** Lag of one consumer group, per partition and in total. */
export interface GroupLag {
  /** Absent in lines written before the status existed. */
  readonly status?: 'measured';
  readonly group: string;
  readonly partitions: readonly PartitionLag[];
  /** Sum of the partitions' lag. */
  readonly total: number;
}

/** A group the broker knows, whose lag cannot be counted: no committed offset and no partition assigned. */
export interface UnknownGroupLag {
  readonly status: 'unknown';
  readonly group: string;
  /** Why, e.g. `group "g" is EMPTY with no committed offsets and no partitions assigned`. */
  readonly reason: string;
}

/** A group the broker does not know at all: no members, no committed offsets (a misspelt name, say). */
export interface MissingGroup {
  readonly status: 'missing';
  readonly group: string;
  readonly error: string;
}

/** What one sample says of one configured group. */
export type GroupReading = GroupLag | UnknownGroupLag | MissingGroup;

/** Options of {@link createKafkaLagSampler}. */
export interface KafkaLagSamplerOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  /** Consumer groups to read; lag covers the partitions each group committed on or has assigned. */
  groups: string[];
  /**
   * Epoch ms the run started: a partition the group never committed on counts its lag from the first
   * record appended at or after it (ListOffsets by timestamp).
   * @default the time the sampler is created
   */
  sinceMs?: number;
  /**
   * Request timeout; with retries it bounds how long one sample takes when the broker is away.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * Hosts the sampler may connect to: the bootstrap brokers and every broker the cluster names.
   * @default LOOPBACK_ONLY
   */
  allowlist?: HostAllowlist;
}

/** Reads consumer lag on demand through one Admin client. */
export interface KafkaLagSampler {
  /** Reads every configured group, in the order configured. @throws when the broker cannot answer */
  sample(): Promise<GroupReading[]>;
  /** Closes the Admin client. */
  close(): Promise<void>;
}

// The library's defaults (three retries a second apart) would hold each sample ~20 s on a dead broker.
const CONNECTION = { connectTimeout: 3_000, retries: 1, retryDelay: 250 } as const;
// ListOffsets with timestamp -1 asks for the latest offset, i.e. the next one to be written.
const LATEST = -1n;

type PartitionKey = `${string}\0${number}`;
const keyOf = (topic: string, partition: number): PartitionKey => `${topic}\0${partition}`;

/**
 * Creates a sampler of consumer lag: committed offsets (ListConsumerGroupOffsets) against end offsets
 * (ListOffsets), over the partitions a group committed on and those assigned to its members
 * (DescribeGroups). A partition without a commit counts from the run's start, a lower bound of what a
 * group reading from the earliest offset has left: a stalled group that never committed is never 0.
 */
export function createKafkaLagSampler(options: KafkaLagSamplerOptions): KafkaLagSampler {
  const admin = new Admin({
    ...guardedClientOptions('loadbook-samplers', options.allowlist ?? LOOPBACK_ONLY),
    bootstrapBrokers: options.brokers,
    ...CONNECTION,
    timeout: options.timeoutMs ?? 5_000,
  });
  const since = BigInt(Math.floor(options.sinceMs ?? Date.now()));

  /** Offsets of `partitions` at `timestamp` (LATEST, or epoch ms); -1 where no record is that recent. */
  const offsetsAt = async (partitions: ReadonlySet<PartitionKey>, timestamp: bigint): Promise<Map<PartitionKey, bigint>> => {
    const byTopic = new Map<string, number[]>();
    for (const key of partitions) {
      const [topic, partition] = key.split('\0') as [string, string];
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)]);
    }
    const offsets = new Map<PartitionKey, bigint>();
    if (byTopic.size === 0) return offsets;
    const listed = await admin.listOffsets({
      topics: [...byTopic].map(([name, indexes]) => ({ name, partitions: indexes.map((partitionIndex) => ({ partitionIndex, timestamp })) })),
    });
    for (const topic of listed) for (const p of topic.partitions) offsets.set(keyOf(topic.name, p.partitionIndex), p.offset);
    return offsets;
  };

  const sample = async (): Promise<GroupReading[]> => {
    const [committedGroups, described] = await Promise.all([
      admin.listConsumerGroupOffsets({ groups: options.groups }),
      admin.describeGroups({ groups: options.groups }),
    ]).catch((error: unknown) => {
      // The library's "Cannot connect to any broker." keeps the reason (refused, not allowed) in nested errors.
      throw new Error(errorText(error), { cause: error });
    });
    const plans = options.groups.map((group) => {
      const committed = new Map<PartitionKey, number>();
      for (const topic of committedGroups.find((entry) => entry.groupId === group)?.topics ?? []) {
        // -1 means no commit on that partition yet.
        for (const p of topic.partitions) if (p.committedOffset >= 0n) committed.set(keyOf(topic.name, p.partitionIndex), Number(p.committedOffset));
      }
      return { group, committed, description: described.get(group), partitions: new Set([...committed.keys(), ...assignedPartitions(described.get(group))]) };
    });
    const everyPartition = new Set(plans.flatMap((plan) => [...plan.partitions]));
    const uncommitted = new Set(plans.flatMap((plan) => [...plan.partitions].filter((key) => !plan.committed.has(key))));
    const [ends, starts] = await Promise.all([offsetsAt(everyPartition, LATEST), offsetsAt(uncommitted, since)]);

    return plans.map(({ group, committed, description, partitions }): GroupReading => {
      const state = description?.state ?? 'DEAD';
      if (partitions.size === 0 && state === 'DEAD') {
        return { status: 'missing', group, error: `consumer group ${JSON.stringify(group)} is unknown to the broker (no members, no committed offsets); check kafka.consumerGroups` };
      }
      if (partitions.size === 0) {
        return { status: 'unknown', group, reason: `group ${JSON.stringify(group)} is ${state} with no committed offsets and no partitions assigned` };
      }
      const lags = [...partitions].map((key): PartitionLag => {
        const [topic, partition] = key.split('\0') as [string, string];
        const end = Number(ends.get(key) ?? 0n);
        const done = committed.get(key);
        // Without a commit, -1 from the timestamp lookup means nothing was appended since the start.
        const start = starts.get(key);
        const from = done ?? (start === undefined || start < 0n ? end : Number(start));
        return { topic, partition: Number(partition), ...(done === undefined ? {} : { committed: done }), from, end, lag: Math.max(0, end - from) };
      });
      return { status: 'measured', group, partitions: lags, total: lags.reduce((total, p) => total + p.lag, 0) };
    });
  };

  return { sample, close: () => admin.close() };
}

/** Partitions assigned to a consumer group's members; none for a group of another protocol. */
function assignedPartitions(description: Group | undefined): PartitionKey[] {
  if (description === undefined || description.protocolType !== 'consumer') return [];
  const keys: PartitionKey[] = [];
  for (const member of description.members.values()) {
    for (const { topic, partitions } of member.assignments?.values() ?? []) for (const partition of partitions) keys.push(keyOf(topic, partition));
  }
  return keys;
}
