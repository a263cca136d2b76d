/** The listeners and folders of one single-node broker. */
export interface BrokerLayout {
  /** Client port on 127.0.0.1. */
  port: number;
  /** KRaft controller port on 127.0.0.1; clients never use it. */
  controllerPort: number;
  dataDir: string;
  logFile: string;
}

/**
 * server.properties for one node that is both broker and KRaft controller. The voter set is static
 * (controller.quorum.voters) rather than Kafka 4's dynamic bootstrap: the controller port may change
 * from one start to the next without reformatting the storage.
 */
export function serverProperties(layout: BrokerLayout): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${layout.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${layout.port},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${layout.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': layout.dataDir,
    // One node: every internal topic must accept a single replica or the coordinators never start.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Writers with autoCreateTopic and the shop's producer rely on topics appearing on first use.
    'auto.create.topics.enable': true,
    'num.partitions': 3,
    // A consumer group's first join would otherwise wait 3 s for more members, in every test.
    'group.initial.rebalance.delay.ms': 0,
    // A load generator's broker: segments stay small and old data goes within the hour.
    'log.retention.hours': 1,
    'log.segment.bytes': 64 * 1024 * 1024,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join('\n')
    .concat('\n');
}

/** log4j2 configuration: warnings and the start/stop lines go to one file, nothing to the console. */
export function log4jProperties(layout: BrokerLayout): string {
  return [
    'status = error',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${escapeProperty(layout.logFile)}`,
    'appender.file.append = true',
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = warn',
    'rootLogger.appenderRef.file.ref = file',
    // "Kafka Server started" and the shutdown lines, so the log shows each start and stop.
    'logger.server.name = kafka.server.KafkaRaftServer',
    'logger.server.level = info',
    'logger.broker.name = kafka.server.BrokerServer',
    'logger.broker.level = info',
    '',
  ].join('\n');
}

// java.util.Properties reads backslashes as escapes; Windows paths or odd names must survive.
function escapeProperty(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
