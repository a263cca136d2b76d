import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kafkaInstall } from '../../broker/kafka-install.ts';
import { stopOrphans } from '../../plan/service-registry.ts';
import { eventually, isRunning } from '../integration/shop/process-helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A process started in the namespace: its pid is the script's own node process (nsenter execs it). */
export interface NetnsProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * A network namespace of its own (only a loopback), so a test may use the default ports 3300, 3301 and
 * 39092 whatever else runs on the machine, and a loadbook cache of its own (sharing the cached Kafka
 * jars), so its service registry and broker state files are the test's alone.
 */
export interface PrivateNetns {
  /** XDG_CACHE_HOME for processes of the test: `<dir>/loadbook/services` is the registry. */
  cacheHome: string;
  /** Runs `scripts/<script>` in the namespace, with `cwd` as its working directory. */
  run(script: string, args: string[], cwd: string): NetnsProcess;
  /** SIGKILLs everything still running in the namespace, the namespace's holder last, and removes what they left. */
  close(): Promise<void>;
}

function netnsOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

/** Creates the namespace: `unshare -n` with a holder process that brings loopback up and then waits. */
export async function privateNetns(): Promise<PrivateNetns> {
  const holder = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && echo ready && exec sleep 600'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`unshare -n exited with ${code}; the test needs to create network namespaces (root)`)));
  });
  const namespace = netnsOf(holder.pid!);
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'loadbook-netns-cache-'));
  const { libsDir } = kafkaInstall();
  mkdirSync(path.join(cacheHome, 'loadbook'), { recursive: true });
  symlinkSync(path.dirname(libsDir), path.join(cacheHome, 'loadbook', path.basename(path.dirname(libsDir))));

  const run = (script: string, args: string[], cwd: string): NetnsProcess => {
    const command = [process.execPath, '--import', TSX_LOADER, path.join(ROOT, 'scripts', script), ...args];
    const child = spawn('nsenter', ['-t', String(holder.pid), '-n', '--', ...command], {
      cwd,
      env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
      child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { child, stderr: () => stderr, exited };
  };

  const close = async () => {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (namespace !== undefined && Number.isInteger(pid) && pid !== holder.pid && netnsOf(pid) === namespace) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    holder.kill('SIGKILL');
    // What the killed runs registered (an ephemeral broker's storage) goes the way the next run would remove it.
    await eventually(() => !isRunning(holder.pid!), 'the namespace emptied');
    await stopOrphans({ ...process.env, XDG_CACHE_HOME: cacheHome });
    rmSync(cacheHome, { recursive: true, force: true });
  };
  return { cacheHome, run, close };
}

/** Children of pid whose command line holds `marker`, from /proc. */
export function childrenWith(pid: number, marker: string): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((child) => {
      if (!Number.isInteger(child)) return false;
      try {
        const status = readFileSync(`/proc/${child}/status`, 'utf8');
        return /^PPid:\s+(\d+)$/m.exec(status)?.[1] === String(pid) && readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').includes(marker);
      } catch {
        return false;
      }
    });
}

/** The command line of pid as its arguments; empty once it is gone. */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}
