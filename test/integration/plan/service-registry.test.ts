import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeService, registerService, serviceStatuses, servicesDir, stopOrphans, type ServiceEntry } from '../../../plan/service-registry.ts';
import { isRunning } from '../shop/process-helpers.ts';

const children: number[] = [];
afterEach(() => {
  for (const pid of children.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

/** A real process standing in for a service: `sleep` with a marker argument of its own. */
function sleeper(seconds: string): number {
  const child = spawn('sleep', [seconds], { stdio: 'ignore' });
  children.push(child.pid!);
  return child.pid!;
}

/** The pid of a process that has exited: an owner that died. */
const deadPid = () => spawnSync('true').pid!;

function entry(env: NodeJS.ProcessEnv, fields: Partial<ServiceEntry> & Pick<ServiceEntry, 'id' | 'pid' | 'ownerPid' | 'marker'>): void {
  mkdirSync(servicesDir(env), { recursive: true });
  const full: ServiceEntry = { kind: 'broker', address: '127.0.0.1:1', cleanup: [], startedAt: new Date().toISOString(), ...fields };
  writeFileSync(path.join(servicesDir(env), `${full.id}.json`), JSON.stringify(full));
}

describe('the service registry', () => {
  it('stops a service whose run died and deletes its files, and leaves a live run’s services and recycled pids alone', async () => {
    const env = { XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'loadbook-registry-')) };
    const storage = mkdtempSync(path.join(tmpdir(), 'loadbook-registry-data-'));
    const orphan = sleeper('301');
    const owned = sleeper('302');
    const recycled = sleeper('303');
    const owner = deadPid();
    entry(env, { id: 'orphan', pid: orphan, ownerPid: owner, marker: '301', cleanup: [storage] });
    registerService({ kind: 'shop', id: 'owned', pid: owned, address: 'http://127.0.0.1:2', marker: '302', cleanup: [] }, env);
    // Its pid now belongs to an unrelated process, which must never be signalled.
    entry(env, { id: 'recycled', pid: recycled, ownerPid: owner, marker: 'kafka.Kafka' });

    const statuses = serviceStatuses(env).sort((a, b) => a.entry.id.localeCompare(b.entry.id));
    expect(statuses.map((status) => [status.entry.id, status.kind])).toEqual([['orphan', 'orphaned'], ['owned', 'owned'], ['recycled', 'leftover']]);
    expect(describeService(statuses[0]!)).toBe(
      `orphaned Kafka broker on 127.0.0.1:1 (pid ${orphan}): the run that started it (pid ${owner}) is gone; the next run or \`npm run kafka -- stop\` stops it`,
    );

    expect((await stopOrphans(env)).sort()).toEqual([
      `removed what remained of the Kafka broker on 127.0.0.1:1 (pid ${recycled}) left by the run with pid ${owner}`,
      `stopped the orphaned Kafka broker on 127.0.0.1:1 (pid ${orphan}) left by the run with pid ${owner}`,
    ]);
    expect(isRunning(orphan)).toBe(false);
    expect(existsSync(storage)).toBe(false);
    expect(isRunning(owned)).toBe(true);
    expect(isRunning(recycled)).toBe(true);
    expect(serviceStatuses(env).map((status) => status.entry.id)).toEqual(['owned']);
  });
});
