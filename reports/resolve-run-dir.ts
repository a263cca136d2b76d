import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_RUNS_ROOT } from '../plan/run-folder.ts';

/** A run folder that cannot be found or is not a run folder; scripts print the message and exit 2. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

/** A run folder name: `yyyymmdd-hhmmss-<phase>-<id>`. */
const RUN_FOLDER_NAME = /^\d{8}-\d{6}-[a-z][a-z0-9-]*$/;

/**
 * The run folder scripts work on: `run` as a path, or as a folder name under `root`; without `run`, the
 * latest run under `root` (folder names sort by start time). A run folder holds a `plan.json`.
 *
 * @throws RunNotFoundError naming what was looked for and what to do next.
 */
export function resolveRunDir(run: string | undefined, root = DEFAULT_RUNS_ROOT): string {
  if (run === undefined) {
    const names = existsSync(root) ? readdirSync(root).filter((name) => RUN_FOLDER_NAME.test(name)).sort() : [];
    const latest = names.at(-1);
    if (!latest) throw new RunNotFoundError(`no run folder in ${root}; run a phase first (npm run smoke) or name a run folder`);
    return checkRunDir(join(root, latest), run);
  }
  const candidates = [resolve(run), resolve(root, run)];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isDirectory());
  if (!found) throw new RunNotFoundError(`invalid run; expected a run folder (a path, or a name under ${root}), got "${run}"`);
  return checkRunDir(found, run);
}

function checkRunDir(dir: string, given: string | undefined): string {
  if (!existsSync(join(dir, 'plan.json'))) {
    throw new RunNotFoundError(
      `invalid run; expected a run folder with plan.json, got "${given ?? dir}" without one; name a folder under out/runs/`,
    );
  }
  return dir;
}
