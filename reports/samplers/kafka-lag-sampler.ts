import { Admin } from '@platformatic/kafka';
import { errorText } from '../../engine/modules/kafka/kafka-context.ts';
import { guardedClientOptions } from '../../engine/modules/kafka/kafka-host-guard.ts';
import { LOOPBACK_ONLY, type HostAllowlist } from '../../engine/net/host-allowlist.ts';

/** Lag of one partition for one consumer group. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Next offset the group will read; 0 when it never committed on this partition. */
  readonly committed: number;
  /** Offset the next produced record will get. */
  readonly end: number;
  /** end minus committed: records produced and not yet committed by the group. */
  readonly lag: number;
}

/** Lag of one consumer group, per partition and in total. */
export interface GroupLag {
  readonly group: string;
  readonly partitions: readonly PartitionLag[];
  /** Sum of the partitions' lag. */
  readonly total: number;
}

/** Options of {@link createKafkaLagSampler}. */
export interface KafkaLagSamplerOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  /** Consumer groups to read; lag covers every topic each group has committed offsets on. */
  groups: string[];
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
  /** Reads every configured group's lag. @throws when the broker cannot answer */
  sample(): Promise<GroupLag[]>;
  /** Closes the Admin client. */
  close(): Promise<void>;
}

// The library's defaults (three retries a second apart) would hold each sample ~20 s on a dead broker.
const CONNECTION = { connectTimeout: 3_000, retries: 1, retryDelay: 250 } as const;
// ListOffsets with timestamp -1 asks for the latest offset, i.e. the next one to be written.
const LATEST = -1n;

/** Creates a sampler of consumer lag: committed offsets (ListConsumerGroupOffsets) against end offsets (ListOffsets). */
export function createKafkaLagSampler(options: KafkaLagSamplerOptions): KafkaLagSampler {
  const admin = new Admin({
    ...guardedClientOptions('loadbook-samplers', options.allowlist ?? LOOPBACK_ONLY),
    bootstrapBrokers: options.brokers,
    ...CONNECTION,
    timeout: options.timeoutMs ?? 5_000,
  });

  const sample = async (): Promise<GroupLag[]> => {
    const committedGroups = await admin.listConsumerGroupOffsets({ groups: options.groups }).catch((error: unknown) => {
      // The library's "Cannot connect to any broker." keeps the reason (refused, not allowed) in nested errors.
      throw new Error(errorText(error), { cause: error });
    });
    // Partitions of each topic any group has offsets on: one ListOffsets call covers every group.
    const committed = new Map<string, Set<number>>();
    for (const { topics } of committedGroups) {
      for (const topic of topics) {
        const partitions = committed.get(topic.name) ?? new Set<number>();
        for (const p of topic.partitions) partitions.add(p.partitionIndex);
        committed.set(topic.name, partitions);
      }
    }
    const ends = new Map<string, bigint>();
    if (committed.size > 0) {
      const listed = await admin.listOffsets({
        topics: [...committed].map(([name, partitions]) => ({
          name,
          partitions: [...partitions].map((partitionIndex) => ({ partitionIndex, timestamp: LATEST })),
        })),
      });
      for (const topic of listed) {
        for (const p of topic.partitions) ends.set(`${topic.name}\0${p.partitionIndex}`, p.offset);
      }
    }
    return committedGroups.map(({ groupId, topics }) => {
      const partitions = topics.flatMap((topic) =>
        topic.partitions.map((p): PartitionLag => {
          const end = Number(ends.get(`${topic.name}\0${p.partitionIndex}`) ?? 0n);
          // -1 means the group has no commit there yet; it will start from the beginning.
          const done = p.committedOffset < 0n ? 0 : Number(p.committedOffset);
          return { topic: topic.name, partition: p.partitionIndex, committed: done, end, lag: Math.max(0, end - done) };
        }),
      );
      return { group: groupId, partitions, total: partitions.reduce((total, p) => total + p.lag, 0) };
    });
  };

  return { sample, close: () => admin.close() };
}
