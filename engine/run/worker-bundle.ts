import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENGINE_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const WORKER_SOURCE = path.join(ENGINE_ROOT, 'worker', 'worker-main.ts');
// Inside the package, so the bundle's bare imports (undici, hdr-histogram-js…) resolve from its node_modules.
const CACHE_DIR = path.join(path.dirname(ENGINE_ROOT), 'node_modules', '.cache', 'loadbook');

let bundled: Promise<string> | undefined;

/**
 * The worker thread's code as one plain JavaScript module. Workers would otherwise load the engine's
 * TypeScript through tsx's loader, module by module, costing every run over a CPU-second per thread
 * before the first iteration. The file is named by its content's hash, so a changed engine gets a new one.
 */
export function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    const result = await build({
      entryPoints: [WORKER_SOURCE],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const file = path.join(CACHE_DIR, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(file, code);
    }
    return file;
  })();
  return bundled;
}
