import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** CPU seconds (user + system) this process spent while `work` ran, worker threads included. */
export async function cpuSecondsOf<T>(work: () => Promise<T>): Promise<{ result: T; cpuSeconds: number; wallSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { result, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - wallBefore) / 1000 };
}

/** Samples this process's RSS while `work` runs; returns the peak in MiB. */
export async function peakRssOf<T>(work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await work();
    return { result, peakMiB: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** Starts the static server in its own process, so its CPU is not counted against the load generators. */
export async function startStaticServer(delayMs = 0): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [new URL('./static-server.mjs', import.meta.url).pathname], {
    env: { ...process.env, DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const message = JSON.parse(line) as { url: string };
    return { url: message.url, child };
  }
  throw new Error('static server exited before listening');
}
