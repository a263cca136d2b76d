import { kafkaInstall } from './kafka-install.ts';
import { stopBrokerProcess } from './broker-process.ts';
import { adoptArchive } from './class-data-archive.ts';
import { readBrokerState, removeBrokerState, type BrokerState } from './broker-state.ts';

export interface StopBrokerResult {
  name: string;
  /** What the state file said, if there was one. */
  state: BrokerState | undefined;
  outcome: 'stopped' | 'killed' | 'not-running';
}

/**
 * Stops a named broker from any process, through its state file: SIGTERM, then SIGKILL after 15 s.
 * A stale state file (its process gone) is removed and reported as 'not-running'.
 */
export async function stopBroker(name = 'default', env: NodeJS.ProcessEnv = process.env): Promise<StopBrokerResult> {
  const { brokersDir } = kafkaInstall(env);
  const state = readBrokerState(brokersDir, name);
  const outcome = state ? await stopBrokerProcess(state.pid, state.configFile) : 'not-running';
  await adoptArchive(state?.pendingArchive);
  await removeBrokerState(brokersDir, name);
  return { name, state, outcome };
}
