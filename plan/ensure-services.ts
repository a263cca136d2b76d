import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { ensureBroker, type EnsuredBroker } from '../broker/index.ts';
import { EXIT, LoadbookError } from '../engine/errors.ts';
import { DEFAULT_CONFIG, KAFKA_DEFAULT_PORT, SHOP_DEFAULT_PORT } from '../lib/config.ts';
import { spawnShop, type SpawnedShop } from '../shop/index.ts';
import type { Plan } from './build-plan.ts';
import type { ServiceAddresses } from './service-addresses.ts';
import { registerService, stopOrphans, unregisterService } from './service-registry.ts';
import { usesKafka } from './uses-kafka.ts';

/** The services a phase uses: where the ones it started listen, and how to stop them. */
export interface RunningServices {
  /** Addresses of the services this run started (private ports); empty when it started none. */
  addresses: ServiceAddresses;
  /** Stops what this run started; services it reused are left running. Safe to call twice. */
  stop(): Promise<void>;
}

/** Where ensureServices works, and how it is told to give up. */
export interface EnsureServicesOptions {
  plan: Plan;
  /** Lines for the user: which services were reused, which started, which orphans were stopped. */
  say: (line: string) => void;
  /** Aborts the start-up (Ctrl-C): what was started is stopped, and the call rejects with exit code 105. */
  signal?: AbortSignal;
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const privateId = (kind: string) => `${kind}-${process.pid}-${randomBytes(3).toString('hex')}`;

/**
 * The embedded broker when a scenario needs Kafka and `kafka.brokers` is the default: the one a user
 * started on the default port if it runs, else a broker of this run's own, on a free port with ephemeral
 * storage, so concurrent runs never share (or format) each other's storage.
 */
async function ensureKafka(options: EnsureServicesOptions, registered: string[]): Promise<EnsuredBroker | undefined> {
  const { plan, say, signal } = options;
  if (!usesKafka(plan) || !sameList(plan.config.kafka.brokers, DEFAULT_CONFIG.kafka.brokers)) return undefined;
  const name = privateId('run');
  const broker = await ensureBroker({
    reuse: { name: 'default', port: KAFKA_DEFAULT_PORT },
    port: 0,
    name,
    ephemeral: true,
    log: say,
    signal,
    onSpawn: ({ pid, brokers, configFile, cleanup }) => {
      registerService({ kind: 'broker', id: `broker-${name}`, pid, address: brokers.join(','), marker: configFile, cleanup });
      registered.push(`broker-${name}`);
    },
  });
  say(
    broker.started
      ? `started a Kafka broker for this run at ${broker.brokers.join(',')} (stopped when the run ends)`
      : `using the Kafka broker already running at ${broker.brokers.join(',')} (not started by this run, so left running)`,
  );
  return broker;
}

/** The reference shop when the target is the default: the one already serving it, else one of this run's own. */
async function ensureShop(options: EnsureServicesOptions, kafkaBrokers: string[] | undefined, registered: string[]): Promise<SpawnedShop | undefined> {
  const { plan, say, signal } = options;
  if (plan.target.baseUrl !== DEFAULT_CONFIG.target.baseUrl) return undefined;
  if (await isListening('127.0.0.1', SHOP_DEFAULT_PORT)) {
    say(`using the reference shop already running at ${plan.target.baseUrl} (not started by this run, so left running)`);
    return undefined;
  }
  signal?.throwIfAborted();
  const id = privateId('shop');
  const register = (pid: number, script: string, address: string) => registerService({ kind: 'shop', id, pid, address, marker: script, cleanup: [] });
  let script = '';
  const shop = await spawnShop({
    port: 0,
    grpcPort: 0,
    kafkaBrokers,
    signal,
    onSpawn: (spawned) => {
      script = spawned.script;
      // Its port is known only once it listens; the entry is rewritten with its URL then.
      register(spawned.pid, script, 'a port not known yet');
      registered.push(id);
    },
  });
  register(shop.pid, script, shop.url);
  say(`started the reference shop for this run at ${shop.url} (gRPC ${shop.grpcAddress}; stopped when the run ends)`);
  return shop;
}

/**
 * Starts what the plan's defaults point at and nothing else, after stopping services that runs which
 * died left behind. Services a user started on the default ports are used as they are and never
 * stopped; services this run starts are its own (free ports, registered in plan/service-registry until
 * stopped), so a concurrent run neither uses nor stops them.
 * @throws LoadbookError with exit code 105 when the signal aborts the start-up, after stopping what started
 */
export async function ensureServices(options: EnsureServicesOptions): Promise<RunningServices> {
  for (const line of await stopOrphans()) options.say(line);
  const registered: string[] = [];
  let broker: EnsuredBroker | undefined;
  let shop: SpawnedShop | undefined;
  const stop = async () => {
    await shop?.stop();
    await broker?.stop();
    for (const id of registered.splice(0)) unregisterService(id);
  };
  try {
    broker = await ensureKafka(options, registered);
    shop = await ensureShop(options, broker?.brokers, registered);
    options.signal?.throwIfAborted();
  } catch (error) {
    await stop();
    if (!options.signal?.aborted) throw error;
    throw new LoadbookError('interrupted while starting services; stopped the ones this run had started', EXIT.externalAbort);
  }
  const addresses: ServiceAddresses = {
    ...(shop && { shopUrl: shop.url, grpcAddress: shop.grpcAddress }),
    ...(broker?.started && { kafkaBrokers: broker.brokers }),
  };
  return { addresses, stop };
}
