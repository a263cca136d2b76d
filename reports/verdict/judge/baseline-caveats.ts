import { isLoopbackHost } from '../../../plan/check-target-allowed.ts';
import type { BaselineDocument } from '../../baseline/index.ts';

/**
 * A target as the caveat compares it: a loopback target by its path alone, since the reference shop a
 * run starts for itself listens on a free port (and a local service on this machine is what `cores`
 * compares); any other target as written.
 */
function comparableTarget(target: string | null): string | null {
  if (target === null) return null;
  try {
    const url = new URL(target);
    return isLoopbackHost(url.hostname) ? `loopback${url.pathname.replace(/\/+$/, '')}` : target;
  } catch {
    return target;
  }
}

/**
 * How the baseline ran differently from the candidate, one line each: a comparison across these is still
 * made, but a reader should know (a baseline from another machine measures that machine too).
 */
export function baselineCaveats(candidate: BaselineDocument, baseline: BaselineDocument): string[] {
  const caveats: string[] = [];
  const differs = (what: string, theirs: unknown, ours: unknown) => {
    if (theirs !== ours) caveats.push(`${what}: the baseline ran with ${String(theirs ?? 'unknown')}, this run with ${String(ours ?? 'unknown')}`);
  };
  differs('phase', baseline.phase, candidate.phase);
  differs('baseline rate (iterations/s)', baseline.run.baselineRate, candidate.run.baselineRate);
  differs('time scale', baseline.run.timeScale, candidate.run.timeScale);
  differs('cores', baseline.run.cores, candidate.run.cores);
  differs('engine workers', baseline.run.workers, candidate.run.workers);
  if (comparableTarget(baseline.run.target) !== comparableTarget(candidate.run.target)) differs('target', baseline.run.target, candidate.run.target);
  const missing = candidate.scenarios.filter((scenario) => !baseline.scenarios.some((each) => each.name === scenario.name)).map((scenario) => scenario.name);
  if (missing.length > 0) caveats.push(`scenarios not in the baseline: ${missing.join(', ')}`);
  if (baseline.provenance.gitDirty) caveats.push('the baseline was taken from a work tree with uncommitted changes');
  return caveats;
}
