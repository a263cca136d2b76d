import { describe, expect, it } from 'vitest';
import { log4jProperties, serverProperties } from '../../../broker/broker-properties.ts';

const layout = { port: 39092, controllerPort: 40001, dataDir: '/tmp/kafka/data', logFile: '/tmp/kafka/broker.log' };

function parse(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('serverProperties', () => {
  it('makes one node both broker and KRaft controller, each on its own loopback port', () => {
    expect(parse(serverProperties(layout))).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:40001',
      listeners: 'PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:40001',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:39092',
      'controller.listener.names': 'CONTROLLER',
      'log.dirs': '/tmp/kafka/data',
    });
  });

  it('sizes internal topics for a single node and creates topics on first use with 3 partitions', () => {
    expect(parse(serverProperties(layout))).toMatchObject({
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'auto.create.topics.enable': 'true',
      'num.partitions': '3',
      'group.initial.rebalance.delay.ms': '0',
    });
  });

  it('escapes backslashes, which java.util.Properties would read as escapes', () => {
    expect(serverProperties({ ...layout, dataDir: 'C:\\kafka\\data' })).toContain('log.dirs=C:\\\\kafka\\\\data\n');
  });
});

describe('log4jProperties', () => {
  it('writes warnings and the start and stop lines to the log file, nothing to the console', () => {
    const text = log4jProperties(layout);
    expect(text).toContain('appender.file.fileName = /tmp/kafka/broker.log');
    expect(text).toContain('rootLogger.level = warn');
    expect(text).toContain('logger.server.name = kafka.server.KafkaRaftServer');
    expect(text).not.toMatch(/Console/i);
  });
});
