import { Admin } from '@platformatic/kafka';
import { errorText, type KafkaContext } from './kafka-context.ts';
import { readConnectionConfig, type ConnectionConfig } from './kafka-config.ts';

export interface CreateTopicConfig {
  topic: string;
  /** @default 1, as xk6-kafka */
  numPartitions?: number;
  /** @default 1 */
  replicationFactor?: number;
  /** Topic configs, e.g. [{ configName: 'retention.ms', configValue: '60000' }]. */
  configEntries?: { configName: string; configValue: string }[];
}

/** Kafka's TOPIC_ALREADY_EXISTS: createTopic is idempotent here, so scripts can run it on every start. */
const TOPIC_ALREADY_EXISTS = 36;

function hasErrorCode(error: unknown, code: number): boolean {
  if (!(error instanceof Error)) return false;
  const details = error as Error & { errors?: unknown[]; errorCode?: number; response?: { topics?: { errorCode?: number }[] } };
  if (details.errorCode === code) return true;
  if (details.response?.topics?.some((topic) => topic.errorCode === code)) return true;
  return (details.errors ?? []).some((nested) => hasErrorCode(nested, code)) || /already exists/i.test(error.message);
}

/**
 * xk6-kafka's Connection: topic administration. Its methods return promises (xk6-kafka's are
 * synchronous; loadbook VUs never block), so `await connection.createTopic(...)` in setup(). Called in
 * init, as xk6-kafka scripts do under `if (__VU == 0)`, the call runs in the background and a failure is
 * logged.
 */
export class KafkaConnection {
  readonly #context: KafkaContext;
  readonly #config: ConnectionConfig;
  #admin: Admin | undefined;
  #closed = false;
  #inFlight = 0;

  constructor(context: KafkaContext, rawConfig: unknown) {
    this.#context = context;
    this.#config = readConnectionConfig(rawConfig);
  }

  createTopic(config: CreateTopicConfig): Promise<void> {
    return this.#run('createTopic', async (admin) => {
      if (!config || typeof config.topic !== 'string' || config.topic === '') throw new Error('createTopic() takes { topic, numPartitions, replicationFactor }');
      try {
        await admin.createTopics({
          topics: [config.topic],
          partitions: config.numPartitions ?? 1,
          replicas: config.replicationFactor ?? 1,
          configs: (config.configEntries ?? []).map((entry) => ({ name: entry.configName, value: entry.configValue })),
        });
      } catch (error) {
        if (!hasErrorCode(error, TOPIC_ALREADY_EXISTS)) throw error;
      }
    });
  }

  /** Topic names, internal topics (__consumer_offsets…) left out. */
  listTopics(): Promise<string[]> {
    return this.#run('listTopics', (admin) => admin.listTopics());
  }

  deleteTopic(topic: string): Promise<void> {
    return this.#run('deleteTopic', async (admin) => {
      if (typeof topic !== 'string' || topic === '') throw new Error('deleteTopic() takes a topic name');
      await admin.deleteTopics({ topics: [topic] });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#disconnect();
  }

  #run<T>(name: string, operation: (admin: Admin) => Promise<T>): Promise<T> {
    const context = this.#context;
    const inInit = context.vu.stage === 'init';
    const promise = (async () => {
      if (this.#closed) throw new Error(`connection.${name}() after connection.close(); create another Connection`);
      const admin = (this.#admin ??= new Admin({ ...context.client, bootstrapBrokers: [this.#config.address] }));
      this.#inFlight++;
      try {
        return await operation(admin);
      } catch (error) {
        throw new Error(`kafka ${name} on ${this.#config.address} failed: ${errorText(error)}`);
      } finally {
        // Init and setup/teardown run on the engine's thread, whose sockets must not outlive the run.
        if (--this.#inFlight === 0 && (inInit || context.disconnectAfterEachCall)) await this.#disconnect();
      }
    })();
    if (inInit) {
      // Nobody can await in init code: a failure is logged instead of surfacing as an unhandled rejection.
      promise.catch((error: unknown) => context.vu.runtime.logger.log('warn', errorText(error)));
    }
    return promise;
  }

  async #disconnect(): Promise<void> {
    const admin = this.#admin;
    this.#admin = undefined;
    await admin?.close().catch(() => undefined);
  }
}
