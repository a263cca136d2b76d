import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { LoadbookError, EXIT, shown } from '../errors.ts';

/** A k6 script bundled for the engine: one CommonJS body whose k6 imports resolve per VU. */
export interface ScriptBundle {
  /** Absolute path of the entry script, as the user named it. */
  readonly entry: string;
  readonly code: string;
  /** The esbuild source map (JSON), so stacks point at the TypeScript lines. */
  readonly sourceMap: string;
}

/** Names the per-VU globals resolve to; esbuild rewrites references to these. */
export const VU_GLOBALS = '__loadbook_vu';

/**
 * Bundles a k6 script with esbuild. `k6` and `k6/*` stay external and are resolved to the engine's
 * modules when a VU is created; `__VU`, `__ITER` and `__ENV` become reads of the VU's own state.
 */
export async function bundleScript(scriptPath: string): Promise<ScriptBundle> {
  const entry = path.resolve(scriptPath);
  if (!existsSync(entry)) {
    throw new LoadbookError(
      `script ${shown(scriptPath)} not found; expected a path to a .ts or .js k6 script`,
      EXIT.scriptException,
    );
  }
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'external',
      outfile: entry + '.bundle.js',
      external: ['k6', 'k6/*'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      define: { __VU: `${VU_GLOBALS}.vu`, __ITER: `${VU_GLOBALS}.iter`, __ENV: `${VU_GLOBALS}.env` },
    });
    const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
    const sourceMap = result.outputFiles.find((file) => file.path.endsWith('.map'))!.text;
    return { entry, code, sourceMap };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] })
      .errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new LoadbookError(
      `script ${shown(scriptPath)} does not build: ${where}${first?.text ?? String(error)}`,
      EXIT.scriptException,
    );
  }
}
