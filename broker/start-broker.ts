import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KAFKA_DEFAULT_PORT } from '../lib/config.ts';
import { BrokerError } from './broker-error.ts';
import { log4jProperties, serverProperties, type BrokerLayout } from './broker-properties.ts';
import { isBrokerProcess, stopBrokerProcess } from './broker-process.ts';
import { adoptArchive, classDataArchive } from './class-data-archive.ts';
import { readBrokerState, removeBrokerState, stateFile, writeBrokerState, type BrokerState } from './broker-state.ts';
import { ensureKafkaJars } from './ensure-jars.ts';
import { formatStorage } from './format-storage.ts';
import { freePort, portInUse } from './free-port.ts';
import { waitForBroker } from './wait-for-broker.ts';

/** The broker's JVM: a small heap is plenty for a single-node load target on loopback. */
const BROKER_JVM_FLAGS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

export interface StartBrokerOptions {
  /**
   * Client port on 127.0.0.1; 0 picks a free one.
   * @default 39092 (KAFKA_DEFAULT_PORT, the config's default `kafka.brokers`)
   */
  port?: number;
  /**
   * Names the broker's state file, `<cache>/loadbook/brokers/<name>.json`, through which
   * `npm run kafka -- stop|status` find it from another process.
   * @default 'default'
   */
  name?: string;
  /**
   * Storage lives in a fresh temporary folder that stop() deletes; for tests.
   * Otherwise it is `<cache>/loadbook/brokers/<name>/data` and topics survive a restart.
   * @default false
   */
  ephemeral?: boolean;
  /** Deletes existing storage before starting. @default false */
  fresh?: boolean;
  /**
   * Keeps the broker running after this process exits (`npm run kafka -- start`); otherwise it is sent
   * SIGTERM when this process exits.
   * @default false
   */
  detached?: boolean;
  /** How long to wait for the first metadata answer. @default 60000 */
  timeoutMs?: number;
  /** Environment for java and mvn (PATH, JAVA_HOME, XDG_CACHE_HOME). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Progress lines (the one-time jar download). */
  log?: (line: string) => void;
  /**
   * Aborts the start (jar download, storage format, waiting for the first answer): the JVM, if it was
   * spawned already, is stopped and its ephemeral storage deleted before the promise rejects.
   */
  signal?: AbortSignal;
  /**
   * Told as soon as the JVM is spawned, before it answers, so an owner can record it (plan/service-registry)
   * and no broker goes unrecorded if the owner dies while it starts.
   */
  onSpawn?: (spawned: SpawnedBroker) => void;
}

/** A broker JVM just spawned: what it takes to find and clean it up from another process. */
export interface SpawnedBroker {
  pid: number;
  brokers: string[];
  /** The broker's server.properties, which is on its command line. */
  configFile: string;
  /** Paths to delete once it is stopped: an ephemeral broker's folder, and its state file. */
  cleanup: string[];
}

/** A broker this process started. */
export interface RunningBroker {
  /** Bootstrap brokers for clients: `['127.0.0.1:<port>']`. */
  brokers: string[];
  port: number;
  pid: number;
  logFile: string;
  dataDir: string;
  /** What the state file says, timings included. */
  state: BrokerState;
  /** Milliseconds spent formatting storage (0 when it was formatted already). */
  formatMs: number;
  /** SIGTERM, wait, SIGKILL after 15 s; removes the state file (and an ephemeral broker's storage). Safe to call twice. */
  stop(): Promise<void>;
}

/** The folder holding a named broker's configs, log and (unless ephemeral) data. */
async function brokerHome(brokersDir: string, name: string, ephemeral: boolean): Promise<string> {
  if (ephemeral) return mkdtemp(path.join(os.tmpdir(), `loadbook-kafka-${name}-`));
  const home = path.join(brokersDir, name);
  await mkdir(home, { recursive: true });
  return home;
}

/**
 * Starts a single-node KRaft Kafka broker (broker and controller in one JVM) on loopback, after making
 * sure Java 17+ runs and the jars are cached, and resolves once it answers a metadata request.
 * @throws BrokerError when a tool is missing, the name or port is taken, or the broker does not come up
 */
export async function startBroker(options: StartBrokerOptions = {}): Promise<RunningBroker> {
  const name = options.name ?? 'default';
  if (!/^[\w.-]+$/.test(name)) throw new BrokerError(`invalid broker name ${JSON.stringify(name)}; expected letters, digits, '.', '_' or '-'`);
  const env = options.env ?? process.env;
  const { signal } = options;
  const jars = await ensureKafkaJars({ env, log: options.log, signal });
  signal?.throwIfAborted();
  const existing = readBrokerState(jars.brokersDir, name);
  if (existing && isBrokerProcess(existing.pid, existing.configFile)) {
    throw new BrokerError(
      `a Kafka broker named "${name}" already runs on ${existing.brokers.join(',')} (pid ${existing.pid}); ` +
        `use it, or stop it first with \`npm run kafka -- stop${name === 'default' ? '' : ` --name ${name}`}\``,
    );
  }
  const requested = options.port ?? KAFKA_DEFAULT_PORT;
  if (requested !== 0 && (await portInUse(requested))) {
    throw new BrokerError(`port ${requested} on 127.0.0.1 is already in use; stop what listens there, or start the broker with --port 0 for a free port`);
  }
  const port = requested === 0 ? await freePort() : requested;
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();

  const ephemeral = options.ephemeral ?? false;
  const home = await brokerHome(jars.brokersDir, name, ephemeral);
  const layout: BrokerLayout = { port, controllerPort, dataDir: path.join(home, 'data'), logFile: path.join(home, 'broker.log') };
  if (options.fresh) await rm(layout.dataDir, { recursive: true, force: true });
  await mkdir(layout.dataDir, { recursive: true });
  const serverFile = path.join(home, 'server.properties');
  const log4jFile = path.join(home, 'log4j2.properties');
  await writeFile(serverFile, serverProperties(layout));
  await writeFile(log4jFile, log4jProperties(layout));

  const formatStarted = performance.now();
  let formatted: boolean;
  try {
    formatted = await formatStorage({ java: jars.java, libsDir: jars.libsDir, serverProperties: serverFile, log4jProperties: log4jFile, dataDir: layout.dataDir, env, signal });
    signal?.throwIfAborted();
  } catch (error) {
    if (ephemeral) await rm(home, { recursive: true, force: true });
    throw error;
  }
  const formatMs = formatted ? Math.round(performance.now() - formatStarted) : 0;

  const archive = await classDataArchive(jars.libsDir, 'broker', jars.java.version);
  const logFd = openSync(layout.logFile, 'a');
  const spawned = performance.now();
  const child = spawn(
    jars.java.command,
    [...BROKER_JVM_FLAGS, ...archive.flags, `-Dlog4j2.configurationFile=${log4jFile}`, '-cp', path.join(jars.libsDir, '*'), 'kafka.Kafka', serverFile],
    { env, stdio: ['ignore', logFd, logFd], detached: options.detached ?? false },
  );
  closeSync(logFd);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  });
  child.once('error', (error) => {
    exited = `could not be started (${error.message})`;
  });
  child.unref();
  const pid = child.pid ?? -1;
  const terminateOnExit = () => {
    if (exited === undefined && pid > 0) process.kill(pid, 'SIGTERM');
  };
  if (!options.detached) process.on('exit', terminateOnExit);

  const brokers = [`127.0.0.1:${port}`];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', terminateOnExit);
      if (pid > 0 && exited === undefined) await stopBrokerProcess(pid, serverFile);
      await adoptArchive(archive.pending);
      await removeBrokerState(jars.brokersDir, name);
      if (ephemeral) await rm(home, { recursive: true, force: true });
    })());

  try {
    if (pid > 0) options.onSpawn?.({ pid, brokers, configFile: serverFile, cleanup: [...(ephemeral ? [home] : []), stateFile(jars.brokersDir, name)] });
    await waitForBroker(brokers, { timeoutMs: options.timeoutMs ?? 60_000, logFile: layout.logFile, gone: () => exited, signal });
  } catch (error) {
    await stop();
    throw error;
  }
  const state: BrokerState = {
    name,
    pid,
    port,
    controllerPort,
    brokers,
    dataDir: layout.dataDir,
    logFile: layout.logFile,
    configFile: serverFile,
    version: jars.version,
    pendingArchive: archive.pending,
    startedAt: new Date().toISOString(),
    startMs: Math.round(performance.now() - spawned),
  };
  await writeBrokerState(jars.brokersDir, state);
  return { brokers, port, pid, logFile: layout.logFile, dataDir: layout.dataDir, state, formatMs, stop };
}
