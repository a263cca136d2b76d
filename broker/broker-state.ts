import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What `scripts/kafka stop|status` needs to find a broker another process started, kept as
 * `<cache>/loadbook/brokers/<name>.json`.
 */
export interface BrokerState {
  name: string;
  pid: number;
  port: number;
  controllerPort: number;
  /** host:port strings for clients. */
  brokers: string[];
  dataDir: string;
  logFile: string;
  /** The broker's server.properties; its path on the command line identifies the process. */
  configFile: string;
  version: string;
  /** A class-data archive the JVM writes when it exits, which whoever stops it moves into place. */
  pendingArchive?: string;
  /** ISO time the broker answered its first metadata request. */
  startedAt: string;
  /** Milliseconds from spawning the JVM (after storage format) to the first metadata answer. */
  startMs: number;
}

export function stateFile(brokersDir: string, name: string): string {
  return path.join(brokersDir, `${name}.json`);
}

export function readBrokerState(brokersDir: string, name: string): BrokerState | undefined {
  const file = stateFile(brokersDir, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BrokerState;
  } catch {
    // A half-written file from a process that died mid-write describes no broker.
    return undefined;
  }
}

export async function writeBrokerState(brokersDir: string, state: BrokerState): Promise<void> {
  await mkdir(brokersDir, { recursive: true });
  await writeFile(stateFile(brokersDir, state.name), JSON.stringify(state, null, 2) + '\n');
}

export async function removeBrokerState(brokersDir: string, name: string): Promise<void> {
  await rm(stateFile(brokersDir, name), { force: true });
}

/** Names of every broker with a state file. */
export async function brokerNames(brokersDir: string): Promise<string[]> {
  if (!existsSync(brokersDir)) return [];
  return (await readdir(brokersDir)).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length));
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
