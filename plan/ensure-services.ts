import net from 'node:net';
import { ensureBroker, type EnsuredBroker } from '../broker/index.ts';
import { DEFAULT_CONFIG, KAFKA_DEFAULT_PORT, SHOP_DEFAULT_PORT, SHOP_GRPC_DEFAULT_PORT } from '../lib/config.ts';
import { spawnShop, type SpawnedShop } from '../shop/index.ts';
import type { Plan } from './build-plan.ts';
import { usesKafka } from './uses-kafka.ts';

/** The services a phase started, to stop once it ends. */
export interface RunningServices {
  stop(): Promise<void>;
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Starts what the plan's defaults point at and nothing else: the embedded Kafka broker when a scenario
 * needs Kafka and `kafka.brokers` is the default, and the reference shop when the target is the default
 * and nothing serves it yet. A user's own services are used as they are.
 */
export async function ensureServices(plan: Plan, say: (line: string) => void): Promise<RunningServices> {
  const kafka = usesKafka(plan);
  const embeddedKafka = sameList(plan.config.kafka.brokers, DEFAULT_CONFIG.kafka.brokers);
  let broker: EnsuredBroker | undefined;
  let shop: SpawnedShop | undefined;
  try {
    if (kafka && embeddedKafka) {
      broker = await ensureBroker({ port: KAFKA_DEFAULT_PORT, log: say });
      if (broker.started) say(`started the embedded Kafka broker at ${broker.brokers.join(',')}`);
    }
    const defaultTarget = plan.target.baseUrl === DEFAULT_CONFIG.target.baseUrl;
    if (defaultTarget && !(await isListening('127.0.0.1', SHOP_DEFAULT_PORT))) {
      shop = await spawnShop({
        port: SHOP_DEFAULT_PORT,
        grpcPort: SHOP_GRPC_DEFAULT_PORT,
        kafkaBrokers: kafka ? plan.config.kafka.brokers : undefined,
      });
      say(`started the reference shop at ${shop.url}`);
    }
  } catch (error) {
    await shop?.stop();
    await broker?.stop();
    throw error;
  }
  return {
    async stop() {
      await shop?.stop();
      await broker?.stop();
    },
  };
}
