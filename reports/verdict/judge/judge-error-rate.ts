import { formatPercent } from '../../render/format.ts';
import type { BaselineDocument } from '../../baseline/index.ts';
import { errorRateTest } from '../statistics/index.ts';
import type { Check, ErrorRateCheck } from '../verdict-document.ts';
import { errorCountsOf, sumErrorCounts } from './error-counts.ts';
import { scenarioOf, type JudgedRun } from './judged-run.ts';

const percent = (rate: number) => formatPercent(rate, rate < 0.001 ? 3 : 2);

/**
 * A scenario's error rate against the baseline's, by a one-sided test on counts (Fisher's exact test for
 * small counts, else a z test with continuity correction), over the whole runs (repeats added up). A
 * significantly higher rate warns; the absolute "error rate > 1%" (docs/runbook.md §16) is the error-rate rule's.
 */
export function judgeErrorRate(runs: readonly JudgedRun[], baseline: BaselineDocument, scenario: string): Check {
  const id = `error-rate/${scenario}`;
  const candidate = sumErrorCounts(runs.flatMap((run) => {
    const each = scenarioOf(run.doc, scenario);
    return each ? [errorCountsOf(each.whole)] : [];
  }));
  const baselineScenario = scenarioOf(baseline, scenario);
  const reference = baselineScenario ? errorCountsOf(baselineScenario.whole) : undefined;
  const data: ErrorRateCheck = {
    kind: 'error-rate',
    scenario,
    counted: candidate?.counted ?? 'http',
    candidateErrors: candidate?.errors ?? 0,
    candidateTotal: candidate?.total ?? 0,
    baselineErrors: reference?.errors ?? 0,
    baselineTotal: reference?.total ?? 0,
    pValue: null,
    method: null,
  };
  if (!reference) return { id, status: 'not-evaluated', summary: `the baseline has no ${scenario} to compare with`, data };
  if (!candidate || candidate.total === 0 || reference.total === 0) {
    return { id, status: 'not-evaluated', summary: `no ${data.counted === 'http' ? 'requests' : 'checks'} counted on ${candidate?.total ? 'the baseline' : 'the run'}'s side`, data };
  }
  const result = errorRateTest({ candidateErrors: candidate.errors, candidateTotal: candidate.total, baselineErrors: reference.errors, baselineTotal: reference.total });
  const what = candidate.counted === 'http' ? 'failed requests' : 'failed checks';
  const found = `${what} ${percent(result.candidateRate)} (${candidate.errors}/${candidate.total}) vs ${percent(result.baselineRate)}; one-sided p = ${result.pValue.toPrecision(2)} (${result.method === 'fisher' ? "Fisher's exact test" : 'z test'})`;
  const judged = { ...data, pValue: result.pValue, method: result.method };
  if (result.significant) {
    return { id, status: 'warn', summary: `${found}: significantly higher`, action: 'read the errors in report.md before merging', data: judged };
  }
  return { id, status: 'pass', summary: `${found}: not significantly higher`, data: judged };
}
