import { isLoopbackHost } from '../../../plan/check-target-allowed.ts';
import type { EscalationRulesConfig } from '../../../lib/verdict-config.ts';
import { evaluateRules, type Observed, type RuleResult } from '../rules/index.ts';
import type { Check, CheckStatus } from '../verdict-document.ts';
import { errorCountsOf, sumErrorCounts } from './error-counts.ts';
import type { JudgedRun } from './judged-run.ts';

const STATUS: { readonly [K in RuleResult['kind']]: CheckStatus } = { triggered: 'block', 'not-evaluated': 'not-evaluated', ok: 'pass' };
/** Which repeat's result stands for the rule: a trigger anywhere, else a gap anywhere, else ok. */
const WORST_FIRST: readonly RuleResult['kind'][] = ['triggered', 'not-evaluated', 'ok'];

/**
 * The escalation rules (docs/runbook.md §16) over each run's server samples (evaluateRules), one check per rule. With
 * --repeat the worst run's result stands. The CPU rule compares the share of the whole machine when the
 * target is on loopback, where the run's core count is the target's too. A triggered rule blocks and
 * names the rule's action; a rule without data is not evaluated and says why.
 */
export function judgeRules(runs: readonly JudgedRun[], rules: EscalationRulesConfig): Check[] {
  const perRun = runs.map((run) => ({ run, results: evaluateRules(rulesInput(run, rules)) }));
  return perRun[0]!.results.map((_, index) => {
    const { run, result } = perRun
      .map(({ run, results }) => ({ run, result: results[index]! }))
      .sort((a, b) => WORST_FIRST.indexOf(a.result.kind) - WORST_FIRST.indexOf(b.result.kind))[0]!;
    const configured = rules[result.rule];
    const observed = 'observed' in result && result.observed ? result.observed : null;
    const windowNote = result.windowMs !== undefined && run.doc.run.timeScale !== 1 ? ` (window ${seconds(configured.windowMs!)} × time scale ${run.doc.run.timeScale} = ${seconds(result.windowMs)})` : '';
    const summary = result.kind === 'not-evaluated' ? `not evaluated: ${result.reason}` : `${describe(result.rule, result.threshold, observed)}${windowNote}`;
    return {
      id: `rule/${result.rule}`,
      status: STATUS[result.kind],
      summary: runs.length > 1 ? `${summary} [run ${run.doc.run.id}]` : summary,
      ...(result.kind === 'triggered' ? { action: result.action } : {}),
      data: {
        kind: 'rule',
        rule: result.rule,
        action: result.action,
        threshold: result.threshold,
        windowMs: result.windowMs ?? null,
        configuredWindowMs: configured.windowMs ?? null,
        count: result.count ?? null,
        observed,
        run: run.doc.run.id,
      },
    } satisfies Check;
  });
}

function rulesInput(run: JudgedRun, rules: EscalationRulesConfig) {
  const counts = sumErrorCounts(run.doc.scenarios.map((scenario) => errorCountsOf(scenario.whole)));
  const target = run.doc.run.target;
  const local = target !== null && isLoopbackHost(new URL(target).hostname);
  return {
    samples: run.samples,
    errorRate: counts && counts.total > 0 ? counts.errors / counts.total : undefined,
    timeScale: run.doc.run.timeScale,
    cores: local ? (run.doc.run.cores ?? undefined) : undefined,
    rules,
  };
}

function seconds(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** One line on what a rule saw against its threshold. */
function describe(rule: string, threshold: number, observed: Observed | null): string {
  if (!observed) return `${rule}: nothing observed`;
  switch (observed.kind) {
    case 'rate':
      return `error rate ${(observed.rate * 100).toFixed(2)}% against ${(threshold * 100).toFixed(2)}%`;
    case 'count':
      return `${observed.count} pause(s) over ${threshold} s${observed.atMost > observed.count ? ` (up to ${observed.atMost})` : ''}`;
    case 'streak':
      return `peak ${observed.peak.toFixed(1)} against ${threshold} (${observed.basis}); longest streak above: ${seconds(observed.longestMs)}`;
  }
}
