import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SCENARIOS_DIR = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'scenarios');

/**
 * Bundles each scenario as an ES module for stock k6: TypeScript compiled away, lib/ and phases/
 * inlined, `k6` and `k6/*` left as imports. Returns the files written.
 */
export async function bundleForK6(outDir: string): Promise<string[]> {
  const entryPoints = readdirSync(SCENARIOS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(SCENARIOS_DIR, file));
  const result = await build({
    entryPoints,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['k6', 'k6/*'],
    outdir: outDir,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.outputs).sort();
}
