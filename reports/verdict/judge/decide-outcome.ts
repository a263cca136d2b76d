import { EXIT_CODES, OUTCOME_SEVERITY, type Check, type Outcome } from '../verdict-document.ts';

/** Checks that decided an outcome are named in the headline, up to this many. */
const HEADLINE_CHECKS = 3;

/**
 * The verdict's outcome, its exit code and its one-line headline: the most severe status among the checks
 * (block > inconclusive > warn > pass; `not-evaluated` decides nothing), and the checks that decided it.
 */
export function decideOutcome(checks: readonly Check[]): { outcome: Outcome; exitCode: 0 | 1 | 3; headline: string } {
  let outcome: Outcome = 'pass';
  for (const check of checks) {
    if (check.status !== 'not-evaluated' && OUTCOME_SEVERITY.indexOf(check.status) > OUTCOME_SEVERITY.indexOf(outcome)) outcome = check.status;
  }
  const notEvaluated = checks.filter((check) => check.status === 'not-evaluated').length;
  const gaps = notEvaluated > 0 ? ` (${notEvaluated} not evaluated)` : '';
  if (outcome === 'pass') return { outcome, exitCode: 0, headline: `pass: ${checks.length - notEvaluated} checks passed${gaps}` };
  const deciding = checks.filter((check) => check.status === outcome);
  const named = deciding.slice(0, HEADLINE_CHECKS).map((check) => `${check.id}: ${check.summary}`);
  const more = deciding.length > HEADLINE_CHECKS ? `; and ${deciding.length - HEADLINE_CHECKS} more` : '';
  return { outcome, exitCode: EXIT_CODES[outcome], headline: `${outcome}: ${named.join('; ')}${more}` };
}
