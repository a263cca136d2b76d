import { analyzeRun, describePartial, type RunAnalysis } from '../analysis/index.ts';
import { resolveRunDir } from '../resolve-run-dir.ts';
import type { BaselineProvenance } from './baseline-document.ts';
import { BaselineError } from './baseline-error.ts';
import { buildBaseline } from './build-baseline.ts';
import { loadTemplates } from './load-templates.ts';
import { readProvenance } from '../../plan/read-provenance.ts';
import { writeBaseline, type WrittenBaseline } from './write-baseline.ts';

/** What `npm run baseline` asks for. */
export interface CreateBaselineInput {
  /** A run folder (path or name under runsRoot); the latest run when undefined. */
  run?: string;
  /**
   * Folder the baseline goes in.
   * @default 'docs/perf/baselines'
   */
  dir?: string;
  /**
   * Take the baseline even from a partial run (stopped early, or its timeline cut); the baseline then says so.
   * @default false (a partial run is refused)
   */
  allowPartial?: boolean;
  /** Folder whose `.hbs` files replace the built-in templates of the same name. */
  templatesDir?: string;
  /**
   * Where run folders are looked up by name.
   * @default 'out/runs'
   */
  runsRoot?: string;
  /**
   * The analysis, for tests.
   * @default analyzeRun
   */
  analyze?: (runDir: string) => Promise<RunAnalysis>;
  /**
   * The provenance, for tests.
   * @default the run's (plan.json), else readProvenance() now
   */
  provenance?: BaselineProvenance;
}

/**
 * Takes a baseline of a run: resolves the run folder, checks the templates, analyses the run and writes the
 * markdown snapshot and its JSON twin. Everything that can be wrong with the input is found before a file
 * is written; a partial run is refused unless `allowPartial`.
 *
 * @throws RunNotFoundError when there is no such run folder.
 * @throws BaselineError when the templates or the run cannot make a baseline.
 */
export async function createBaseline(input: CreateBaselineInput = {}): Promise<WrittenBaseline & { runDir: string }> {
  const runDir = resolveRunDir(input.run, input.runsRoot);
  const templates = loadTemplates(input.templatesDir);
  let analysis: RunAnalysis;
  try {
    analysis = await (input.analyze ?? analyzeRun)(runDir);
  } catch (error) {
    const reason = (error as Error).message?.split('\n')[0] ?? String(error);
    throw new BaselineError(`cannot analyse run ${runDir}: ${reason}; check the run folder is complete or run the phase again`);
  }
  if (analysis.partial && !input.allowPartial) {
    throw new BaselineError(
      `run ${runDir} is partial: ${describePartial(analysis.partial)}; a baseline of it would not stand for the phase; run the phase again, or add --allow-partial to take it anyway`,
    );
  }
  const doc = buildBaseline(analysis, input.provenance ?? analysis.run.provenance ?? readProvenance());
  return { runDir, ...writeBaseline(doc, { dir: input.dir, templates }) };
}
