import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './broker-state.ts';

/** A clean KRaft shutdown of one node takes about 2 s; past this the broker is killed. */
export const STOP_TIMEOUT_MS = 15_000;

/**
 * Whether `pid` is still the broker that was started with `serverProperties`: a stale state file's
 * pid may belong to an unrelated process by now, which must never be signalled.
 */
export function isBrokerProcess(pid: number, serverProperties: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  // Without /proc (macOS) the pid check is all there is.
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const args = readFileSync(cmdline, 'utf8').split('\0');
    return args.includes('kafka.Kafka') && args.includes(serverProperties);
  } catch {
    return false;
  }
}

/**
 * Stops a broker process: SIGTERM for a clean shutdown, SIGKILL if it has not exited after `timeoutMs`.
 * @returns how it ended: 'stopped' cleanly, 'killed', or 'not-running' already
 */
export async function stopBrokerProcess(
  pid: number,
  serverProperties: string,
  timeoutMs = STOP_TIMEOUT_MS,
): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!isBrokerProcess(pid, serverProperties)) return 'not-running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  // The cmdline check also sees an exited child that its parent has not reaped yet (a zombie) as gone.
  const running = () => isBrokerProcess(pid, serverProperties);
  while (Date.now() < deadline) {
    if (!running()) return 'stopped';
    await sleep(50);
  }
  if (!running()) return 'stopped';
  process.kill(pid, 'SIGKILL');
  while (running()) await sleep(50);
  return 'killed';
}
