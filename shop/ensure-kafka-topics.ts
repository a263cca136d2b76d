import { Admin } from '@platformatic/kafka';
import { KAFKA_CLIENT_ID, KAFKA_CONNECTION } from './kafka-client-options.ts';

// Enough to give the lag metric a per-partition shape and the consumer some parallelism; a topic that
// already exists keeps whatever its creator chose.
const CREATED_TOPIC_PARTITIONS = 3;

/**
 * Creates the topics that do not exist yet, with the cluster's default replication factor. The shop
 * consumes topics other clients produce to, so it cannot wait for them to appear. Losing a creation race
 * to another client is fine: the topic exists either way.
 */
export async function ensureKafkaTopics(brokers: string[], topics: string[]): Promise<void> {
  const admin = new Admin({ clientId: KAFKA_CLIENT_ID, bootstrapBrokers: brokers, ...KAFKA_CONNECTION });
  try {
    const missing = async (): Promise<string[]> => {
      const existing = new Set(await admin.listTopics());
      return topics.filter((topic) => !existing.has(topic));
    };
    const toCreate = await missing();
    if (toCreate.length === 0) return;
    try {
      await admin.createTopics({ topics: toCreate, partitions: CREATED_TOPIC_PARTITIONS });
    } catch (error) {
      if ((await missing()).length > 0) throw error;
    }
  } finally {
    await admin.close();
  }
}
