import { KAFKA_DEFAULT_PORT } from '../lib/config.ts';
import { brokerStatus } from './broker-status.ts';
import { startBroker, type StartBrokerOptions } from './start-broker.ts';
import { pingBrokers } from './wait-for-broker.ts';

/** A broker to use: one this call started, or one that was running already. */
export interface EnsuredBroker {
  brokers: string[];
  /** Whether this call started it; only then does stop() stop it. */
  started: boolean;
  /** Stops the broker if this call started it; leaves a broker it found running alone. */
  stop(): Promise<void>;
}

export interface EnsureBrokerOptions extends StartBrokerOptions {
  /**
   * Where a running broker is looked for first: the named broker's state file, and any Kafka answering on
   * the port (0: none). A broker found there is used and never stopped.
   * @default { name: options.name ?? 'default', port: options.port ?? 39092 }
   */
  reuse?: { name: string; port: number };
}

/**
 * The embedded broker for a phase script: reuses the named broker (or any Kafka already answering on
 * the port) when one runs, otherwise starts one that stop() ends. A broker it starts begins on empty
 * storage unless `fresh: false` is passed: its data lives for one run, so no run inherits the previous
 * one's topics, offsets or consumer lag.
 * @throws BrokerError as startBroker does; the signal's reason when it aborts the start
 */
export async function ensureBroker(options: EnsureBrokerOptions = {}): Promise<EnsuredBroker> {
  const { reuse = { name: options.name ?? 'default', port: options.port ?? KAFKA_DEFAULT_PORT }, ...start } = options;
  const status = await brokerStatus(reuse.name, options.env);
  if (status.kind === 'running') return { brokers: status.state.brokers, started: false, stop: async () => {} };
  if (reuse.port !== 0) {
    const brokers = [`127.0.0.1:${reuse.port}`];
    const answering = await pingBrokers(brokers, 1_000).then(
      () => true,
      () => false,
    );
    if (answering) return { brokers, started: false, stop: async () => {} };
  }
  options.signal?.throwIfAborted();
  const broker = await startBroker({ fresh: true, ...start });
  return { brokers: broker.brokers, started: true, stop: broker.stop };
}
