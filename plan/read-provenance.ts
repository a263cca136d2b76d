import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The code a run was made with; plan.json records it, and baselines carry it on. */
export interface Provenance {
  /** `git rev-parse HEAD` of loadbook's folder, or `unknown` outside a git work tree. */
  gitCommit: string;
  /** Whether the work tree had uncommitted changes; null outside git. */
  gitDirty: boolean | null;
  /** `version` of loadbook's package.json. */
  loadbookVersion: string;
}

/** loadbook's own folder: the code whose commit and version a run records. */
const LOADBOOK_ROOT = fileURLToPath(new URL('../', import.meta.url));

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The code a run is made with: the git commit of `cwd` and whether its work tree has uncommitted
 * changes (untracked files included: a new scenario changes a run too), plus loadbook's package.json version.
 * Outside a git work tree (a tarball, no git installed) the commit is `unknown` and `gitDirty` null.
 */
export function readProvenance(cwd: string = LOADBOOK_ROOT): Provenance {
  const commit = git(['rev-parse', 'HEAD'], cwd);
  const status = commit === undefined ? undefined : git(['status', '--porcelain'], cwd);
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    gitCommit: commit && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit) ? commit : 'unknown',
    gitDirty: commit === undefined || status === undefined ? null : status.length > 0,
    loadbookVersion: version,
  };
}
