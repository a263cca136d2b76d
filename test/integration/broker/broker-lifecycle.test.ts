import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerStatus } from '../../../broker/broker-status.ts';
import { ensureBroker } from '../../../broker/ensure-broker.ts';
import { stateFile } from '../../../broker/broker-state.ts';
import { kafkaInstall } from '../../../broker/kafka-install.ts';
import { startBroker, type RunningBroker } from '../../../broker/start-broker.ts';
import { stopBroker } from '../../../broker/stop-broker.ts';
import { pingBrokers } from '../../../broker/wait-for-broker.ts';
import { testKafkaBrokers } from '../../support/kafka-global-setup.ts';
import { isRunning, startTs } from '../shop/process-helpers.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/kafka.ts', import.meta.url));
const { brokersDir } = kafkaInstall();
const started: RunningBroker[] = [];
const names: string[] = [];
const uniqueName = (label: string) => {
  const name = `test-${label}-${process.pid}`;
  names.push(name);
  return name;
};

afterAll(async () => {
  for (const broker of started) await broker.stop();
  for (const name of names) {
    await stopBroker(name);
    await rm(path.join(brokersDir, name), { recursive: true, force: true });
  }
});

describe('the embedded broker', () => {
  it("answers the test run's metadata requests (vitest globalSetup)", async () => {
    expect(await pingBrokers(testKafkaBrokers())).toBe(1);
  });

  it('starts on a free port, refuses a second start under the same name, and stops from another process', async () => {
    const name = uniqueName('lifecycle');
    const broker = await startBroker({ port: 0, name, ephemeral: true });
    started.push(broker);
    expect(broker.brokers).toEqual([`127.0.0.1:${broker.port}`]);
    expect(await pingBrokers(broker.brokers)).toBe(1);
    expect(await brokerStatus(name)).toMatchObject({ kind: 'running', state: { pid: broker.pid, port: broker.port } });

    await expect(startBroker({ port: 0, name })).rejects.toThrow(`a Kafka broker named "${name}" already runs on 127.0.0.1:${broker.port}`);
    // What phase scripts call: the running broker is reused, and its stop() leaves it alone.
    const reused = await ensureBroker({ name, port: 0 });
    expect(reused).toMatchObject({ brokers: broker.brokers, started: false });
    await reused.stop();
    expect(await pingBrokers(broker.brokers)).toBe(1);

    const status = await startTs(SCRIPT, ['status', '--name', name]).exited;
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^${name}: running on 127\\.0\\.0\\.1:${broker.port} \\(pid ${broker.pid}, Kafka 4\\.`));

    const stop = await startTs(SCRIPT, ['stop', '--name', name]).exited;
    expect(stop).toMatchObject({ code: 0, stderr: `kafka: broker "${name}" on 127.0.0.1:${broker.port} stopped\n` });
    expect(isRunning(broker.pid)).toBe(false);
    expect(existsSync(stateFile(brokersDir, name))).toBe(false);
    expect(await brokerStatus(name)).toEqual({ kind: 'stopped', name });
    await broker.stop();
    expect(existsSync(broker.dataDir)).toBe(false);
  });

  it('keeps running after `npm run kafka -- start` exits, until `stop`', async () => {
    const name = uniqueName('cli');
    const start = await startTs(SCRIPT, ['start', '--port', '0', '--name', name]).exited;
    expect(start.code).toBe(0);
    const [address] = start.stdout.trim().split('\n');
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(start.stderr).toMatch(new RegExp(`^kafka: broker "${name}" answers on ${address} after \\d+ ms`));
    expect(await pingBrokers([address!])).toBe(1);

    const status = await brokerStatus(name);
    expect(status.kind).toBe('running');
    const { outcome, state } = await stopBroker(name);
    expect(outcome).toBe('stopped');
    expect(isRunning(state!.pid)).toBe(false);

    const after = await startTs(SCRIPT, ['status', '--name', name]).exited;
    expect(after).toMatchObject({ code: 3, stdout: `${name}: not running\n` });
  });

  it('uses whatever Kafka already answers on the port instead of starting another', async () => {
    const [address] = testKafkaBrokers();
    const port = Number(address!.split(':')[1]);
    const ensured = await ensureBroker({ name: uniqueName('answering'), port });
    expect(ensured).toMatchObject({ brokers: [address], started: false });
  });

  it('refuses a port that is already in use, naming it and --port 0', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(startBroker({ port, name: uniqueName('busy') })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use; stop what listens there, or start the broker with --port 0 for a free port`,
      );
    } finally {
      server.close();
    }
  });

  it("fails with the broker log's tail when the broker exits before it answers", async () => {
    const name = uniqueName('broken');
    // Storage formatted for another node: Kafka refuses to start on it.
    const dataDir = path.join(brokersDir, name, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'meta.properties'), 'version=1\nnode.id=7\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\ndirectory.id=BBBBBBBBBBBBBBBBBBBBBB\n');
    const failure = startBroker({ port: 0, name, timeoutMs: 30_000 });
    await expect(failure).rejects.toThrow(/^the Kafka broker exited with code \d+ before it answered on 127\.0\.0\.1:\d+; .*\nlast lines of .*broker\.log:\n/s);
    await expect(failure).rejects.toThrow(/node/i);
    expect(existsSync(stateFile(brokersDir, name))).toBe(false);
  });
});
