import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../../plan/build-plan.ts';
import { readProvenance } from '../../plan/read-provenance.ts';
import { analyzeRun, paceScenarioOf } from '../analysis/index.ts';
import { readServerSamples, type TimedServerSample } from '../analysis/read-server-samples.ts';
import { buildBaseline, type BaselineDocument } from '../baseline/index.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { writeReportFiles } from '../report/write-report-files.ts';
import { resolveRunDir, RunNotFoundError } from '../resolve-run-dir.ts';
import { trendChartSpec, validateHistoryEntry, writeHistoryEntry, type HistoryEntry } from './history/index.ts';
import { historyEntryOf, judgeVerdict, type JudgedRun, type JudgeInput } from './judge/index.ts';
import { renderJunit, renderVerdictMarkdown, validateVerdict, type TrendChart } from './render/index.ts';
import type { Verdict } from './verdict-document.ts';
import { VerdictError } from './verdict-error.ts';
import { readVerdictInputs, type VerdictInputFlags } from './verdict-inputs.ts';
import { verdictSettingsOf } from './verdict-settings.ts';

/** The files a verdict writes into its folder. */
export const VERDICT_FILES = { markdown: 'verdict.md', json: 'verdict.json', junit: 'verdict.junit.xml' } as const;

/** What `npm run verdict` (or a phase's --verdict) asks for. */
export interface CreateVerdictInput extends VerdictInputFlags {
  /** Run folders (paths or names under runsRoot): one run, or the repeats of one phase. @default the latest run */
  readonly runs?: readonly string[];
  /** @default 'out/runs' */
  readonly runsRoot?: string;
  /** Where the verdict files go. @default the last run folder */
  readonly outDir?: string;
  readonly now?: Date;
  /** Bootstrap resamples, for tests. @default 1000 */
  readonly resamples?: number;
}

/** What was judged and written. */
export interface CreatedVerdict {
  readonly verdict: Verdict;
  /** The files written, verdict.md first. */
  readonly paths: string[];
}

/**
 * Judges runs and writes verdict.md, verdict.json (schema-checked), verdict.junit.xml and, with a history of
 * two builds or more, a p95 trend chart per scenario; the build's history entry is written first, atomically
 * and never over another. Everything that can be wrong with the input is found before anything is written.
 *
 * @throws VerdictError (one line) on bad input: scripts print it and exit 2
 */
export async function createVerdict(input: CreateVerdictInput = {}): Promise<CreatedVerdict> {
  const now = input.now ?? new Date();
  const dirs = resolveRuns(input.runs, input.runsRoot);
  const runs = await Promise.all(dirs.map(judgedRunOf));
  const phases = [...new Set(runs.map((run) => run.doc.phase))];
  if (phases.length > 1) throw new VerdictError(`expected runs of one phase, got ${phases.join(' and ')}; judge each phase on its own`);
  const phase = phases[0]!;
  const settings = await verdictSettingsOf(dirs[0]!);
  const { baseline, noBaselineReason, history: found } = await readVerdictInputs(input, phase, settings, now);

  let history: JudgeInput['history'] = null;
  if (found) {
    const candidate = historyEntryOf(runs, found.build, now);
    try {
      validateHistoryEntry(candidate, `the history entry of build ${JSON.stringify(found.build)}`, 'pass another --build');
    } catch (error) {
      throw new VerdictError((error as Error).message);
    }
    history = { dir: found.dir, earlier: found.earlier, skipped: found.skipped, candidate };
  }

  const verdict = judgeVerdict({ runs, baseline, noBaselineReason, settings, history, now, resamples: input.resamples });
  validateVerdict(verdict);
  const charts = history ? await trendCharts([...history.earlier, history.candidate], runs) : [];
  if (history) {
    const entry: HistoryEntry = { ...history.candidate, verdict: { outcome: verdict.outcome, summary: verdict.headline.slice(0, 500) } };
    const path = await writeHistoryEntry(history.dir, entry).catch((error: Error) => {
      throw new VerdictError(`cannot write the history entry: ${error.message.split('\n')[0]}; check --history DIR, or pass another --build`);
    });
    verdict.history = { ...verdict.history!, entry: path };
  }
  const outDir = input.outDir ?? dirs.at(-1)!;
  const files = [
    { path: VERDICT_FILES.markdown, content: renderVerdictMarkdown(verdict, { trendCharts: charts.map(({ scenario, file }) => ({ scenario, file })) }) },
    { path: VERDICT_FILES.json, content: `${JSON.stringify(verdict, null, 2)}\n` },
    { path: VERDICT_FILES.junit, content: renderJunit(verdict) },
    ...charts.map(({ file, svg }) => ({ path: file, content: svg })),
  ];
  return { verdict, paths: writeReportFiles(outDir, files) };
}

function resolveRuns(runs: readonly string[] | undefined, root: string | undefined): string[] {
  try {
    return runs && runs.length > 0 ? runs.map((run) => resolveRunDir(run, root)) : [resolveRunDir(undefined, root)];
  } catch (error) {
    if (error instanceof RunNotFoundError) throw new VerdictError(error.message);
    throw error;
  }
}

async function judgedRunOf(dir: string): Promise<JudgedRun> {
  let doc: BaselineDocument;
  try {
    const analysis = await analyzeRun(dir);
    doc = buildBaseline(analysis, analysis.run.provenance ?? { ...readProvenance(), gitCommit: 'unknown', gitDirty: null });
  } catch (error) {
    throw new VerdictError(`cannot analyse run ${dir}: ${(error as Error).message.split('\n')[0]}; check the run folder is complete or run the phase again`);
  }
  // A partial run's numbers cover less than its plan: judging them could pass what the run never saw.
  if (doc.partial !== undefined) {
    throw new VerdictError(`run ${dir} is partial: ${doc.partial}; a verdict needs a whole run; run the phase again`);
  }
  const samples: TimedServerSample[] = [];
  for await (const sample of readServerSamples(join(dir, 'server.ndjson'))) samples.push(sample);
  return { dir, doc, samples, vuPools: await vuPoolsOf(dir, doc) };
}

/** Each scenario's VU pool: the `maxVUs` plan.json gave the k6 scenario carrying its pace, where it gave one. */
async function vuPoolsOf(dir: string, doc: BaselineDocument): Promise<Record<string, number>> {
  const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Pick<Plan, 'options'>;
  const pools: Record<string, number> = {};
  for (const { name } of doc.scenarios) {
    const executor = plan.options?.scenarios?.[paceScenarioOf(name)] as { maxVUs?: unknown } | undefined;
    if (typeof executor?.maxVUs === 'number') pools[name] = executor.maxVUs;
  }
  return pools;
}

/** A p95-across-builds chart per scenario that has at least two builds with a p95. */
async function trendCharts(entries: readonly HistoryEntry[], runs: readonly JudgedRun[]): Promise<(TrendChart & { svg: string })[]> {
  const charts: (TrendChart & { svg: string })[] = [];
  for (const scenario of runs[0]!.doc.scenarios.map((each) => each.name)) {
    const builds = entries.filter((entry) => typeof entry.scenarios.find((each) => each.name === scenario)?.p95 === 'number').length;
    if (builds < 2) continue;
    charts.push({ scenario, file: `verdict-trend-${scenario.replaceAll(/[^a-z0-9-]/g, "_")}.svg`, svg: await renderSvg(trendChartSpec(entries, scenario)) });
  }
  return charts;
}
