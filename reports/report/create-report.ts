import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../lib/config.ts';
import type { Plan } from '../../plan/build-plan.ts';
import { analyzeK6Output, analyzeRun, type RunAnalysis } from '../analysis/index.ts';
import { reportsSettings } from '../analysis/run-facts.ts';
import { resolveRunDir, RunNotFoundError } from '../resolve-run-dir.ts';
import { buildReport } from './build-report.ts';
import { ReportError } from './report-error.ts';
import { writeReportFiles } from './write-report-files.ts';

/** What to report on: a loadbook run folder, or stock k6 output written to a folder of its own. */
export type ReportInput =
  | {
      kind: 'run';
      /** A run folder as a path or a name under `runsRoot`; undefined for the latest run. */
      run: string | undefined;
      /** @default out/runs */
      runsRoot?: string;
      /** Where to write; @default the run folder */
      outDir?: string;
    }
  | { kind: 'k6'; jsonFile: string; summaryFile: string | undefined; outDir: string };

/** A report written to disk. */
export interface WrittenReport {
  /** The folder written into. */
  dir: string;
  /** Every file written, report.md first. */
  paths: string[];
  /** Charts skipped, each with its reason. */
  skipped: { name: string; reason: string }[];
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** How many exemplars the report lists: the run's `reports.topN` (read once analyzeRun has read plan.json). */
function exemplarLimit(runDir: string): number {
  return reportsSettings(JSON.parse(readFileSync(join(runDir, 'plan.json'), 'utf8')) as Plan).topN;
}

async function analyse(input: ReportInput): Promise<{ analysis: RunAnalysis; dir: string; limit: number }> {
  switch (input.kind) {
    case 'run': {
      let runDir: string;
      try {
        runDir = input.runsRoot === undefined ? resolveRunDir(input.run) : resolveRunDir(input.run, input.runsRoot);
      } catch (error) {
        if (error instanceof RunNotFoundError) throw new ReportError(error.message);
        throw error;
      }
      try {
        const analysis = await analyzeRun(runDir);
        return { analysis, dir: input.outDir ?? runDir, limit: exemplarLimit(runDir) };
      } catch (error) {
        throw new ReportError(`cannot analyse run ${runDir}: ${oneLine(error)}; check the run folder is complete or run the phase again`);
      }
    }
    case 'k6': {
      for (const [flag, file] of [['--k6-json', input.jsonFile], ['--k6-summary', input.summaryFile]] as const) {
        if (file !== undefined && !existsSync(file)) {
          throw new ReportError(`invalid ${flag}; expected a file written by k6, got "${file}", which does not exist`);
        }
      }
      try {
        const analysis = await analyzeK6Output({ jsonFile: input.jsonFile, summaryFile: input.summaryFile });
        return { analysis, dir: input.outDir, limit: DEFAULT_CONFIG.reports.topN };
      } catch (error) {
        throw new ReportError(`cannot analyse k6 output: ${oneLine(error)}; pass the file k6 wrote with --out json=FILE`);
      }
    }
    default:
      return input satisfies never;
  }
}

/**
 * Analyses a run (or stock k6 output) and writes report.md, report.html and charts/*.svg into its folder.
 * The report is built in memory first and written all or nothing, so a failure leaves the folder as it was.
 *
 * @throws ReportError naming what was wrong and what to do next.
 */
export async function createReport(input: ReportInput): Promise<WrittenReport> {
  const { analysis, dir, limit } = await analyse(input);
  const report = await buildReport(analysis, { exemplarLimit: limit });
  let paths: string[];
  try {
    paths = writeReportFiles(resolve(dir), report.files);
  } catch (error) {
    throw new ReportError(`cannot write the report into ${dir}: ${oneLine(error)}; check the folder is writable`);
  }
  const skipped = report.charts.flatMap((chart) => (chart.kind === 'skipped' ? [{ name: chart.name, reason: chart.reason }] : []));
  return { dir: resolve(dir), paths, skipped };
}
