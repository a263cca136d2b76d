#!/usr/bin/env node
// Runs before `npm test` and the phase scripts: on a fresh clone (or after the lock file changed) it
// installs the locked dependencies, so the README's two commands need nothing else. Builtins only:
// nothing is installed yet when it runs.
//
// `node scripts/ensure-deps.mjs SCRIPT.ts ARGS…` then runs SCRIPT in this same process (tsx registered
// in-process). An npm script line of one command is exec'd by the shell, so npm's child is the script
// itself: a signal reaches one process (not sh and a tsx relay too), and npm exits with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`loadbook needs Node 20.19 or newer, found ${process.versions.node}; install a newer Node and try again`);
  process.exit(1);
}

/**
 * Whether node_modules holds every package of the lock file at its locked version (optional ones may be
 * absent: they are for other platforms). A checkout or a worktree gives the lock file a newer mtime than an
 * install that matches it; only a real difference reinstalls.
 */
function matchesLock() {
  try {
    const locked = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
    const present = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
    return Object.entries(locked).every(
      ([name, entry]) => name === '' || present[name]?.version === entry.version || (entry.optional === true && !(name in present)),
    );
  } catch {
    return false;
  }
}

const stale = !existsSync(installed) || (statSync(lock).mtimeMs > statSync(installed).mtimeMs && !matchesLock());
if (stale) {
  console.error('loadbook: installing dependencies from package-lock.json (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error('loadbook: npm ci failed; check the npm registry is reachable and run `npm ci` to see the full error');
    process.exit(result.status ?? 1);
  }
}

const [script] = process.argv.splice(2, 1);
if (script !== undefined) {
  // esbuild's service (tsx compiles with it) through a wrapper that ignores the group's Ctrl-C, so a stopped
  // run can still load the modules of its report and verdict.
  if (process.platform !== 'win32') process.env.ESBUILD_BINARY_PATH ??= path.join(root, 'scripts', 'esbuild-service.sh');
  const { register } = await import('tsx/esm/api');
  register();
  process.argv[1] = path.resolve(script);
  await import(pathToFileURL(process.argv[1]).href);
}
