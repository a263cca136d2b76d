import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SpawnShopOptions {
  /** @default 0 (a free port, reported in SpawnedShop.url) */
  port?: number;
  /** Added to this process's environment, for example `{ SHOP_FAULTS: '{"errorRate":0.1}' }`. */
  env?: Record<string, string>;
  /** @default 10000 (DEFAULT_SHOP_OPTIONS.productCount) */
  productCount?: number;
  /**
   * Serve gRPC Inventory on this port (0 picks a free one, reported in SpawnedShop.grpcAddress).
   * @default undefined (no gRPC server)
   */
  grpcPort?: number;
  /**
   * Kafka bootstrap brokers (`host:port`), passed as --kafka-brokers; they win over SHOP_KAFKA_BROKERS in env.
   * @default undefined (no Kafka, unless env sets SHOP_KAFKA_BROKERS)
   */
  kafkaBrokers?: string[];
  /** Aborts the start: the child is stopped and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Told as soon as the child is spawned, before it listens, so an owner can record it
   * (plan/service-registry); `script` is on the child's command line and identifies it.
   */
  onSpawn?: (spawned: { pid: number; script: string }) => void;
}

/** How the child ended: its exit code, or the signal that killed it. */
export interface ShopExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A shop running in a child process. */
export interface SpawnedShop {
  readonly url: string;
  /** `host:port` of its gRPC Inventory server; undefined unless grpcPort was given. */
  readonly grpcAddress?: string;
  readonly pid: number;
  /**
   * Settles when the child exits, whoever ended it: stop(), a signal, or the crashAfterS fault (code 70).
   */
  readonly exited: Promise<ShopExit>;
  /** Sends SIGTERM and waits for the child to exit, sending SIGKILL after 5 s. Safe to call twice. */
  stop(): Promise<void>;
}

const MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));
// Resolved here rather than passed as the bare name 'tsx', which the child would resolve from its
// working directory: this way spawnShop works whatever directory the caller runs in.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const LISTEN_TIMEOUT_MS = 20_000;
const KILL_AFTER_MS = 5_000;
const STDERR_KEPT_CHARS = 4_000;

/**
 * Starts shop/main.ts as a child process and resolves once it listens. The child never outlives this
 * process: it is killed when this process exits, and it closes itself if this process dies outright.
 */
export function spawnShop(options: SpawnShopOptions = {}): Promise<SpawnedShop> {
  const args = ['--import', TSX_LOADER, MAIN_PATH, '--port', String(options.port ?? 0)];
  if (options.productCount !== undefined) args.push('--products', String(options.productCount));
  if (options.grpcPort !== undefined) args.push('--grpc-port', String(options.grpcPort));
  if (options.kafkaBrokers !== undefined) args.push('--kafka-brokers', options.kafkaBrokers.join(','));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    // The IPC channel carries no messages; main.ts watches it to notice this process dying.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });

  // Both exist because stdio says 'pipe'; spawn's typings cannot tell once an 'ipc' entry is present.
  const out = child.stdout as Socket;
  const err = child.stderr as Socket;
  let stderr = '';
  err.setEncoding('utf8');
  err.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT_CHARS);
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<ShopExit>((resolve) => {
    child.once('exit', (code, signal) => {
      // The child is gone, so there is nothing left to kill when this process exits.
      process.off('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= new Promise((resolve) => {
      process.off('exit', killOnExit);
      // No pid: spawn itself failed, so there is nothing to wait for.
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
      // Unreferenced once listening (see below); referenced again so awaiting stop() keeps this process alive.
      child.ref();
      const kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }));

  return new Promise((resolve, reject) => {
    const { signal } = options;
    const aborted = (): void => {
      clearTimeout(timer);
      child.off('close', exitedEarly);
      // Settles only once the child is gone, so whoever aborted knows nothing of it is left.
      void stop().then(() => reject(signal!.reason));
    };
    const failed = (reason: string): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      void stop();
      reject(new Error(`${reason}; its stderr: ${stderr.trim() || '(empty)'}`));
    };
    const timer = setTimeout(
      () => failed(`shop child did not print its listening line within ${LISTEN_TIMEOUT_MS} ms`),
      LISTEN_TIMEOUT_MS,
    );
    child.once('error', (error) => failed(`could not start the shop child (${error.message})`));
    const exitedEarly = (code: number | null, killedBy: NodeJS.Signals | null): void =>
      failed(`shop child exited (${killedBy ?? `code ${code}`}) before listening`);
    // 'close' rather than 'exit': it waits for the pipes to drain, so the error carries all of stderr.
    child.once('close', exitedEarly);
    if (signal?.aborted) return aborted();
    signal?.addEventListener('abort', aborted, { once: true });
    try {
      if (child.pid !== undefined) options.onSpawn?.({ pid: child.pid, script: MAIN_PATH });
    } catch (error) {
      return failed(`could not record the shop child (${error instanceof Error ? error.message : String(error)})`);
    }

    // readline keeps draining stdout after the first line, so a chatty child never blocks on a full pipe.
    createInterface({ input: out }).on('line', (line) => {
      const listening = listeningLine(line);
      if (listening === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('close', exitedEarly);
      signal?.removeEventListener('abort', aborted);
      // A caller that forgets stop() must still be able to exit; the 'exit' hook then kills the child.
      child.unref();
      child.channel?.unref();
      out.unref();
      err.unref();
      resolve({ ...listening, pid: child.pid, exited, stop });
    });
  });
}

/** The addresses in shop/main.ts's listening line; undefined for any other line. */
function listeningLine(line: string): { url: string; grpcAddress?: string } | undefined {
  try {
    const event = JSON.parse(line) as { event?: unknown; url?: unknown; grpcAddress?: unknown };
    if (event.event !== 'listening' || typeof event.url !== 'string') return undefined;
    return typeof event.grpcAddress === 'string' ? { url: event.url, grpcAddress: event.grpcAddress } : { url: event.url };
  } catch {
    return undefined; // not our line, e.g. a warning printed by Node
  }
}
