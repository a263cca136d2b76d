import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadbookCacheDir } from '../broker/kafka-install.ts';

/**
 * A service a phase run started for itself, kept as `<cache>/loadbook/services/<id>.json` from the moment
 * its process is spawned until the run stopped it. An entry whose owner is gone (killed outright, or a
 * second Ctrl-C) names a service nobody will stop: the next run, or `npm run kafka -- stop`, stops it.
 */
export interface ServiceEntry {
  kind: 'broker' | 'shop';
  /** The file's stem, unique per service. */
  id: string;
  /** The run's process; the service is orphaned once it is gone. */
  ownerPid: number;
  /** The owner's start time as /proc says it, so a recycled pid is not mistaken for the owner. */
  ownerStart?: string;
  pid: number;
  /** Where it listens: `host:port` for a broker, a URL for a shop. */
  address: string;
  /** An argument on the service's command line, so a recycled pid is never signalled. */
  marker: string;
  /** Files and folders to delete once it is stopped (an ephemeral broker's storage and state file). */
  cleanup: string[];
  startedAt: string;
}

/** A registered service as `npm run kafka -- status` shows it. */
export type ServiceStatus =
  | { kind: 'owned'; entry: ServiceEntry }
  | { kind: 'orphaned'; entry: ServiceEntry }
  /** The owner and the service are both gone; only the entry (and maybe its storage) is left. */
  | { kind: 'leftover'; entry: ServiceEntry };

/** How long an orphan gets to stop cleanly before SIGKILL: a KRaft broker takes about 2 s. */
const STOP_TIMEOUT_MS = 10_000;

export function servicesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(loadbookCacheDir(env), 'services');
}

/** `/proc/<pid>/stat`'s state and start time; undefined without /proc or without the process. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

/** Whether pid runs (a zombie, which a container's PID 1 may never reap, has stopped running). */
function runs(pid: number, start?: string): boolean {
  if (existsSync('/proc/self/stat')) {
    const stat = procStat(pid);
    return stat !== undefined && stat.state !== 'Z' && (start === undefined || stat.start === start);
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid is still the registered service: alive, with its marker on the command line. */
function serviceRuns(entry: ServiceEntry): boolean {
  if (!runs(entry.pid)) return false;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').split('\0').includes(entry.marker);
  } catch {
    return false;
  }
}

/** Registers a service this process owns; synchronous, so it can run right after spawn. */
export function registerService(service: Omit<ServiceEntry, 'ownerPid' | 'ownerStart' | 'startedAt'>, env: NodeJS.ProcessEnv = process.env): void {
  const entry: ServiceEntry = { ...service, ownerPid: process.pid, ownerStart: procStat(process.pid)?.start, startedAt: new Date().toISOString() };
  const dir = servicesDir(env);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${entry.id}.json`);
  // Written aside and renamed, so a reader never sees half an entry.
  writeFileSync(`${file}.tmp`, JSON.stringify(entry, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

export function unregisterService(id: string, env: NodeJS.ProcessEnv = process.env): void {
  rmSync(path.join(servicesDir(env), `${id}.json`), { force: true });
}

/** Every registered service with its status; unreadable entries are skipped. */
export function serviceStatuses(env: NodeJS.ProcessEnv = process.env): ServiceStatus[] {
  const dir = servicesDir(env);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file): ServiceStatus[] => {
      let entry: ServiceEntry;
      try {
        entry = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ServiceEntry;
      } catch {
        return [];
      }
      if (runs(entry.ownerPid, entry.ownerStart)) return [{ kind: 'owned', entry }];
      return [{ kind: serviceRuns(entry) ? 'orphaned' : 'leftover', entry }];
    });
}

/** Another run may be stopping the same orphan, so a process already gone is no error. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM, then SIGKILL once `timeoutMs` passed; resolves when the service no longer runs. */
async function stopService(entry: ServiceEntry, timeoutMs: number): Promise<'stopped' | 'killed'> {
  signal(entry.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!serviceRuns(entry)) return 'stopped';
    await sleep(50);
  }
  if (serviceRuns(entry)) signal(entry.pid, 'SIGKILL');
  while (serviceRuns(entry)) await sleep(50);
  return 'killed';
}

/** One line per orphan stopped or leftover cleaned, for the user. */
export function describeService(status: ServiceStatus): string {
  const { entry } = status;
  const what = `${entry.kind === 'broker' ? 'Kafka broker' : 'reference shop'} on ${entry.address} (pid ${entry.pid})`;
  switch (status.kind) {
    case 'owned':
      return `${what}, started by the run with pid ${entry.ownerPid}`;
    case 'orphaned':
      return `orphaned ${what}: the run that started it (pid ${entry.ownerPid}) is gone; the next run or \`npm run kafka -- stop\` stops it`;
    case 'leftover':
      return `${what} is gone, as is the run that started it (pid ${entry.ownerPid}); the next run or \`npm run kafka -- stop\` removes its files`;
    default:
      return status satisfies never;
  }
}

/**
 * Stops every service whose owner is gone and deletes its ephemeral files; services of live runs are
 * left alone, whoever started them.
 * @returns a line per service it stopped or cleaned up
 */
export async function stopOrphans(env: NodeJS.ProcessEnv = process.env, timeoutMs = STOP_TIMEOUT_MS): Promise<string[]> {
  const lines: string[] = [];
  for (const status of serviceStatuses(env)) {
    if (status.kind === 'owned') continue;
    const { entry } = status;
    const what = `${entry.kind === 'broker' ? 'Kafka broker' : 'reference shop'} on ${entry.address} (pid ${entry.pid}) left by the run with pid ${entry.ownerPid}`;
    if (status.kind === 'orphaned') lines.push(`${await stopService(entry, timeoutMs)} the orphaned ${what}`);
    else lines.push(`removed what remained of the ${what}`);
    for (const leftover of entry.cleanup) rmSync(leftover, { recursive: true, force: true });
    unregisterService(entry.id, env);
  }
  return lines;
}
