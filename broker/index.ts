/** The embedded Apache Kafka broker: resolve its jars, start, wait, stop and report. */
export { BrokerError, USE_EXISTING_CLUSTER } from './broker-error.ts';
export { ensureKafkaJars } from './ensure-jars.ts';
export type { EnsureJarsOptions, EnsuredJars } from './ensure-jars.ts';
export { ensureBroker } from './ensure-broker.ts';
export type { EnsureBrokerOptions, EnsuredBroker } from './ensure-broker.ts';
export { startBroker } from './start-broker.ts';
export type { RunningBroker, SpawnedBroker, StartBrokerOptions } from './start-broker.ts';
export { stopBroker } from './stop-broker.ts';
export type { StopBrokerResult } from './stop-broker.ts';
export { allBrokerStatuses, brokerStatus } from './broker-status.ts';
export type { BrokerStatus } from './broker-status.ts';
export type { BrokerState } from './broker-state.ts';
export { kafkaInstall, kafkaVersion, loadbookCacheDir } from './kafka-install.ts';
export type { KafkaInstall } from './kafka-install.ts';
export { pingBrokers, waitForBroker } from './wait-for-broker.ts';
export { requireJava, requireMaven, MIN_JAVA_MAJOR } from './require-tools.ts';
