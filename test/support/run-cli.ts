import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const LOADBOOK_BIN = fileURLToPath(new URL('../../bin/loadbook.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `loadbook` as a user would, in a child process; `onStart` may signal it. */
export function runCli(args: string[], options: { env?: Record<string, string>; onSpawn?: (pid: number) => void } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LOADBOOK_BIN, ...args], { env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    options.onSpawn?.(child.pid!);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
