import { DEFAULT_CONFIG } from '../../lib/config.ts';
import { analyzeRun } from '../../reports/analysis/index.ts';
import { buildBaseline, type BaselineDocument } from '../../reports/baseline/index.ts';
import { judgeVerdict, type JudgedRun } from '../../reports/verdict/judge/index.ts';
import type { CheckStatus, Outcome, RegressionCheck } from '../../reports/verdict/verdict-document.ts';
import type { AccuracyManifest, CollectedRun } from './collect-runs.ts';

/** The naive rule the issue compares with: block when the p95 is more than 20% over one baseline's. */
export const NAIVE_THRESHOLD = 1.2;

/** One candidate run judged against its baseline run, by the verdict and by the naive rule. */
export interface JudgedPair {
  readonly case: string;
  readonly index: number;
  readonly candidate: string;
  readonly baseline: string;
  /** Whole-run p95 ratio, candidate over baseline (what the naive rule reads). */
  readonly naiveRatio: number;
  readonly naiveBlocks: boolean;
  /** The verdict's p95 regression check. */
  readonly p95Status: CheckStatus;
  readonly p95Ratio: number | null;
  readonly p95Low: number | null;
  readonly p95High: number | null;
  /** The verdict's outcome over all its checks. */
  readonly outcome: Outcome;
}

/**
 * Judges every collected run against a baseline taken from an A/A run other than itself: A/A run i
 * against A/A run i + 1 (wrapping), any other run i (injected slowdown or CPU burst) against A/A run i. Both the verdict and the naive
 * rule see the same pairs.
 */
export async function judgeRuns(manifest: AccuracyManifest, log: (line: string) => void): Promise<JudgedPair[]> {
  const aa = manifest.runs.filter((run) => run.case === 'a-a').sort((a, b) => a.index - b.index);
  if (aa.length < 2) throw new Error(`expected at least 2 A/A runs to take baselines from, got ${aa.length}`);
  const docs = new Map<string, Promise<BaselineDocument>>();
  const docOf = (run: CollectedRun) => {
    if (!docs.has(run.runDir)) docs.set(run.runDir, analyzeRun(run.runDir).then((analysis) => buildBaseline(analysis, analysis.run.provenance!)));
    return docs.get(run.runDir)!;
  };
  const pairs: JudgedPair[] = [];
  for (const run of manifest.runs) {
    const reference = run.case === 'a-a' ? aa[(aa.indexOf(run) + 1) % aa.length]! : aa[run.index % aa.length]!;
    const [candidate, baseline] = [await docOf(run), await docOf(reference)];
    const judged: JudgedRun = { dir: run.runDir, doc: candidate, samples: [] };
    const verdict = judgeVerdict({ runs: [judged], baseline: { file: reference.runDir, doc: baseline }, settings: DEFAULT_CONFIG.verdict, history: null, now: new Date() });
    const p95 = verdict.checks.find((check) => check.id === `regression/${manifest.settings.scenario}/p95`)!;
    const data = p95.data as RegressionCheck;
    const naiveRatio = candidate.scenarios[0]!.whole.latency!.p95 / baseline.scenarios[0]!.whole.latency!.p95;
    pairs.push({
      case: run.case,
      index: run.index,
      candidate: run.runDir,
      baseline: reference.runDir,
      naiveRatio,
      naiveBlocks: naiveRatio > NAIVE_THRESHOLD,
      p95Status: p95.status,
      p95Ratio: data.ratio,
      p95Low: data.low,
      p95High: data.high,
      outcome: verdict.outcome,
    });
    log(`${run.case} #${run.index + 1}: p95 ${p95.status} ${p95.summary}; naive ratio ${naiveRatio.toFixed(3)}`);
  }
  return pairs;
}
