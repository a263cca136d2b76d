import { isBrokerProcess } from './broker-process.ts';
import { brokerNames, readBrokerState, removeBrokerState, type BrokerState } from './broker-state.ts';
import { kafkaInstall } from './kafka-install.ts';
import { pingBrokers } from './wait-for-broker.ts';

/** One named broker as `npm run kafka -- status` reports it. */
export type BrokerStatus =
  | { kind: 'running'; name: string; state: BrokerState }
  /** Its process runs but no metadata answer came (starting, stopping or stuck). */
  | { kind: 'unresponsive'; name: string; state: BrokerState; error: string }
  | { kind: 'stopped'; name: string };

/** The status of a named broker; a stale state file (process gone) is removed. */
export async function brokerStatus(name = 'default', env: NodeJS.ProcessEnv = process.env): Promise<BrokerStatus> {
  const { brokersDir } = kafkaInstall(env);
  const state = readBrokerState(brokersDir, name);
  if (!state || !isBrokerProcess(state.pid, state.configFile)) {
    if (state) await removeBrokerState(brokersDir, name);
    return { kind: 'stopped', name };
  }
  try {
    await pingBrokers(state.brokers);
    return { kind: 'running', name, state };
  } catch (error) {
    return { kind: 'unresponsive', name, state, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The status of every broker with a state file. */
export async function allBrokerStatuses(env: NodeJS.ProcessEnv = process.env): Promise<BrokerStatus[]> {
  const names = await brokerNames(kafkaInstall(env).brokersDir);
  return Promise.all(names.map((name) => brokerStatus(name, env)));
}
