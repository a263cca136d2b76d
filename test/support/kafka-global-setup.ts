/**
 * vitest globalSetup: ONE real Kafka broker for the whole test run, on a free loopback port.
 *
 * How a test gets it:
 *
 *     import { testKafkaBrokers } from '../../support/kafka-global-setup.ts';
 *     const brokers = testKafkaBrokers(); // ['127.0.0.1:<port>']; throws why, if there is no broker
 *
 * or, equivalently, `inject('kafkaBrokers')` from vitest (empty when the broker could not start; then
 * `inject('kafkaUnavailable')` says why). Use your own topic names (e.g. with a random suffix): the broker
 * is shared by every test file of the run. Topics auto-create with 3 partitions.
 *
 * The first run on a machine downloads the broker's jars from Maven Central (about 45 MB, once); later
 * runs start it from the cache in about 2.5 s. LOADBOOK_TEST_KAFKA_BROKERS=host:port[,host:port] makes
 * the tests use a broker that is already running instead.
 *
 * When Java or Maven is missing the run still starts: tests that need Kafka then fail with the reason,
 * and the rest pass.
 */
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { BrokerError } from '../../broker/broker-error.ts';
import { startBroker, type RunningBroker } from '../../broker/start-broker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap brokers of the test run's Kafka broker; empty when it could not start. */
    kafkaBrokers: string[];
    /** Why there is no broker, when kafkaBrokers is empty. */
    kafkaUnavailable: string;
  }
}

let broker: RunningBroker | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.LOADBOOK_TEST_KAFKA_BROKERS;
  if (external) {
    project.provide('kafkaBrokers', external.split(',').map((entry) => entry.trim()).filter(Boolean));
    project.provide('kafkaUnavailable', '');
    return;
  }
  try {
    broker = await startBroker({
      port: 0,
      name: `vitest-${process.pid}`,
      ephemeral: true,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    project.provide('kafkaBrokers', broker.brokers);
    project.provide('kafkaUnavailable', '');
  } catch (error) {
    if (!(error instanceof BrokerError)) throw error;
    project.provide('kafkaBrokers', []);
    project.provide('kafkaUnavailable', error.message);
  }
}

export async function teardown(): Promise<void> {
  await broker?.stop();
  broker = undefined;
}

/** The test run's brokers, for a test that needs Kafka; throws the reason when there is no broker. */
export function testKafkaBrokers(): string[] {
  const brokers = inject('kafkaBrokers');
  if (brokers.length === 0) throw new Error(`no Kafka broker for this test run: ${inject('kafkaUnavailable')}`);
  return brokers;
}
