#!/usr/bin/env tsx
const HELP = `Usage: npm run kafka -- <command> [flags]     (or: tsx scripts/kafka.ts <command> [flags])

The embedded Apache Kafka broker (single-node KRaft, broker and controller in one JVM, on 127.0.0.1).
Its jars come from Maven Central through mvn, once, and are cached under $XDG_CACHE_HOME/loadbook
(default ~/.cache/loadbook); it needs Java 17+.

Commands:
  ensure    check Java 17+ and resolve the broker's jars if they are not cached yet
  start     start a broker in the background and wait until it answers; prints its host:port
  stop      stop it: SIGTERM, then SIGKILL after 15 s; also stops brokers and shops that phase runs
            started and left behind when they died
  status    say whether it runs and where (all brokers when --name is not given), and list the services
            phase runs started: their own, and orphans whose run died

Flags:
  --port N     client port for start; 0 picks a free one (default 39092, the config's kafka.brokers)
  --name NAME  which broker, for running several (default: default)
  --fresh      start on empty storage (topics and offsets are otherwise kept between starts)
  --help, -h   this text

Phase scripts use the broker on 39092 when one runs there, and otherwise start one of their own on a
free port while the config's kafka.brokers is the default. To use
another cluster, set "kafka": { "brokers": ["host:9092"] } in loadbook.config.json or
LOADBOOK_KAFKA_BROKERS=host:9092.

Exit code: 0 done (status: running), 1 failed, 2 bad arguments, 3 status: not running.`;

import { BrokerError } from '../broker/broker-error.ts';
import { allBrokerStatuses, brokerStatus, type BrokerStatus } from '../broker/broker-status.ts';
import { ensureKafkaJars } from '../broker/ensure-jars.ts';
import { parseKafkaArgs, type KafkaCommand } from '../broker/parse-kafka-args.ts';
import { startBroker } from '../broker/start-broker.ts';
import { stopBroker } from '../broker/stop-broker.ts';
import { describeService, serviceStatuses, stopOrphans } from '../plan/service-registry.ts';

const say = (line: string) => process.stderr.write(`kafka: ${line}\n`);

function describe(status: BrokerStatus): string {
  switch (status.kind) {
    case 'running':
      return `${status.name}: running on ${status.state.brokers.join(',')} (pid ${status.state.pid}, Kafka ${status.state.version}, since ${status.state.startedAt}, log ${status.state.logFile})`;
    case 'unresponsive':
      return `${status.name}: process ${status.state.pid} runs but does not answer on ${status.state.brokers.join(',')} (${status.error}); see ${status.state.logFile}`;
    case 'stopped':
      return `${status.name}: not running`;
    default:
      return status satisfies never;
  }
}

async function run(command: KafkaCommand): Promise<number> {
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP + '\n');
      return 0;
    case 'ensure': {
      const jars = await ensureKafkaJars({ log: say });
      say(`Kafka ${jars.version} ready in ${jars.libsDir} (Java ${jars.java.version})`);
      return 0;
    }
    case 'start': {
      const broker = await startBroker({ port: command.port, name: command.name, fresh: command.fresh, detached: true, log: say });
      say(`broker "${command.name}" answers on ${broker.brokers.join(',')} after ${broker.state.startMs} ms (pid ${broker.pid}, log ${broker.logFile})`);
      process.stdout.write(`${broker.brokers.join(',')}\n`);
      return 0;
    }
    case 'stop': {
      const { outcome, state } = await stopBroker(command.name);
      say(outcome === 'not-running' ? `broker "${command.name}" was not running` : `broker "${command.name}" on ${state!.brokers.join(',')} ${outcome}`);
      for (const line of await stopOrphans()) say(line);
      return 0;
    }
    case 'status': {
      const statuses = command.name === undefined ? await allBrokerStatuses() : [await brokerStatus(command.name)];
      if (statuses.length === 0) statuses.push({ kind: 'stopped', name: 'default' });
      for (const status of statuses) process.stdout.write(describe(status) + '\n');
      for (const service of serviceStatuses()) process.stdout.write(describeService(service) + '\n');
      return statuses.some((status) => status.kind === 'running') ? 0 : 3;
    }
    default:
      return command satisfies never;
  }
}

let command: KafkaCommand;
try {
  command = parseKafkaArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BrokerError)) throw error;
  say(error.message);
  process.exit(2);
}
try {
  process.exitCode = await run(command);
} catch (error) {
  if (!(error instanceof BrokerError)) throw error;
  say(error.message);
  process.exitCode = 1;
}
