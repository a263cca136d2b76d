import type { VerdictConfig } from '../../../lib/verdict-config.ts';
import type { BaselineDocument } from '../../baseline/index.ts';
import type { HistoryEntry } from '../history/index.ts';
import { VERDICT_SCHEMA_VERSION, type Check, type Verdict } from '../verdict-document.ts';
import { baselineCaveats } from './baseline-caveats.ts';
import { decideOutcome } from './decide-outcome.ts';
import { judgeBudget } from './judge-budget.ts';
import { judgeErrorRate } from './judge-error-rate.ts';
import { judgeGenerator } from './judge-generator.ts';
import { judgeHistory } from './judge-history.ts';
import { COMPARED_PERCENTILES, judgeRegression } from './judge-regression.ts';
import { judgeRules } from './judge-rules.ts';
import { scenarioNames, type JudgedRun } from './judged-run.ts';

/** Everything a verdict is judged from; reading it from disk is create-verdict's job. */
export interface JudgeInput {
  /** The run, or the repeats of one phase (--repeat), in run order. */
  readonly runs: readonly JudgedRun[];
  /** The baseline compared with; null skips the regression and error-rate checks. */
  readonly baseline: { readonly file: string; readonly doc: BaselineDocument } | null;
  /** Why there is no baseline, said in the verdict; required when `baseline` is null. */
  readonly noBaselineReason?: string;
  readonly settings: Pick<VerdictConfig, 'regressionThreshold' | 'consecutive' | 'rules'>;
  /** The history folder's earlier entries of the phase and this build's entry; null without a history. */
  readonly history: {
    readonly dir: string;
    readonly earlier: readonly HistoryEntry[];
    readonly skipped: readonly string[];
    readonly candidate: HistoryEntry;
  } | null;
  readonly now: Date;
  /** Bootstrap resamples. @default 1000 */
  readonly resamples?: number;
}

/**
 * Judges runs into a verdict. For each scenario: whether the generator kept up, the p95 budget, the p95
 * and p50 against the baseline and the error rate against the baseline's; then the escalation
 * rules (docs/runbook.md §16); then, with a history, the consecutive-builds rule and change points per
 * scenario. The outcome is the most severe check's.
 */
export function judgeVerdict(input: JudgeInput): Verdict {
  const { runs, baseline, settings, history } = input;
  if (runs.length === 0) throw new Error('judgeVerdict: expected at least one run, got none');
  const checks: Check[] = [];
  for (const scenario of scenarioNames(runs)) {
    const generator = judgeGenerator(runs, scenario);
    const generatorOk = generator.status !== 'inconclusive';
    checks.push(generator, judgeBudget(runs, scenario, generatorOk));
    if (baseline) {
      for (const percentile of COMPARED_PERCENTILES) {
        checks.push(judgeRegression(runs, baseline.doc, scenario, percentile, generatorOk, { thresholdRatio: settings.regressionThreshold, resamples: input.resamples }));
      }
      checks.push(judgeErrorRate(runs, baseline.doc, scenario));
    }
  }
  checks.push(...judgeRules(runs, settings.rules));
  if (history) {
    for (const scenario of scenarioNames(runs)) {
      checks.push(...judgeHistory(history.earlier, history.candidate, baseline?.doc ?? null, scenario, settings.consecutive));
    }
  }
  const first = runs[0]!.doc;
  return {
    schemaVersion: VERDICT_SCHEMA_VERSION,
    ...decideOutcome(checks),
    createdAt: input.now.toISOString(),
    phase: first.phase,
    runs: runs.map(({ dir, doc }) => ({
      id: doc.run.id,
      dir,
      phase: doc.phase,
      createdAt: doc.run.createdAt,
      timeScale: doc.run.timeScale,
      commit: doc.provenance.gitCommit === 'unknown' ? null : doc.provenance.gitCommit,
    })),
    baseline: baseline
      ? {
          file: baseline.file,
          runId: baseline.doc.run.id,
          phase: baseline.doc.phase,
          createdAt: baseline.doc.run.createdAt,
          timeScale: baseline.doc.run.timeScale,
          commit: baseline.doc.provenance.gitCommit === 'unknown' ? null : baseline.doc.provenance.gitCommit,
          caveats: baselineCaveats(first, baseline.doc),
        }
      : null,
    noBaselineReason: baseline ? null : (input.noBaselineReason ?? 'no baseline was given'),
    history: history ? { dir: history.dir, entry: null, builds: history.earlier.length, skipped: [...history.skipped] } : null,
    checks,
  };
}
