import type { VerdictConfig } from '../../lib/verdict-config.ts';
import { loadConfig, type ConfigFlags } from '../../plan/load-config.ts';
import { BaselineError, latestBaseline, readBaseline } from '../baseline/index.ts';
import { defaultBuildId } from './default-build-id.ts';
import { readHistory, validateBuildId, type HistoryEntry } from './history/index.ts';
import type { JudgeInput } from './judge/index.ts';
import { VerdictError } from './verdict-error.ts';
import { checkVerdictSettings } from './verdict-settings.ts';

/** How a verdict was asked to compare: the flags `npm run verdict` and a phase's `--verdict` share. */
export interface VerdictInputFlags {
  /** A baseline's JSON twin; `false` compares with none. @default the newest of the phase in verdict.baselinesDir */
  readonly baseline?: string | false;
  /** The history folder; `false` keeps no history. @default verdict.historyDir */
  readonly history?: string | false;
  /** This build's id in the history. @default defaultBuildId */
  readonly build?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** What a verdict compares its runs with, read and checked. */
export interface VerdictInputs extends Pick<JudgeInput, 'baseline' | 'noBaselineReason'> {
  /** The history folder's entries of the phase, and the id this build's entry will have; null without a history. */
  readonly history: { readonly dir: string; readonly earlier: HistoryEntry[]; readonly skipped: string[]; readonly build: string } | null;
}

/**
 * Reads the baseline and the history a verdict of `phase` compares with, and checks this build's id:
 * valid, and not in the history yet. Needs no run, so a phase checks them before it starts.
 *
 * @throws VerdictError (one line) on a missing or corrupt baseline, an unreadable history or a bad build id
 */
export async function readVerdictInputs(flags: VerdictInputFlags, phase: string, settings: VerdictConfig, now: Date): Promise<VerdictInputs> {
  const baseline = await baselineFor(flags.baseline, settings.baselinesDir, phase);
  if (flags.history === false) return { ...baseline, history: null };
  const dir = flags.history ?? settings.historyDir;
  const build = flags.build ?? defaultBuildId(flags.env ?? process.env, now);
  try {
    validateBuildId(build);
  } catch (error) {
    throw new VerdictError((error as Error).message);
  }
  const read = await readHistory(dir, { phase }).catch((error: Error) => {
    throw new VerdictError(`cannot read the history folder ${dir}: ${error.message}; pass --history DIR or --no-history`);
  });
  if (read.entries.some((entry) => entry.build === build)) {
    throw new VerdictError(`history entry of build ${build} for ${phase} exists already in ${dir}; pass another --build`);
  }
  const skipped = read.skipped.map(({ file, reason }) => `${file}: ${reason}`);
  return { ...baseline, history: { dir, earlier: read.entries, skipped, build } };
}

/** What a phase run with `--verdict` is about to be judged with. */
export interface PhaseVerdictRequest extends VerdictInputFlags {
  readonly phase: string;
  /** The phase's `--config`. @default loadbook.config.json */
  readonly configFile?: string;
  readonly flags?: ConfigFlags;
}

/**
 * Checks a phase's `--verdict` inputs before the phase runs, with the verdict's own checks, so that a bad
 * `--build` or a missing or corrupt baseline is refused in a second rather than after the whole run.
 *
 * @returns the verdict's one-line error (scripts print it and exit 2, as the verdict does on bad input),
 * or undefined when the inputs are fine
 * @throws LoadbookError when the config itself is invalid, as the phase would
 */
export async function verdictInputsProblem(request: PhaseVerdictRequest): Promise<string | undefined> {
  const config = loadConfig({ file: request.configFile, flags: request.flags ?? {} });
  try {
    const settings = checkVerdictSettings(config.verdict, request.configFile ?? 'loadbook.config.json');
    await readVerdictInputs(request, request.phase, settings, new Date());
    return undefined;
  } catch (error) {
    if (error instanceof VerdictError) return error.message;
    throw error;
  }
}

async function baselineFor(given: string | false | undefined, dir: string, phase: string): Promise<Pick<VerdictInputs, 'baseline' | 'noBaselineReason'>> {
  if (given === false) return { baseline: null, noBaselineReason: 'no baseline: --no-baseline was given' };
  const file = given ?? latestBaseline(dir, phase);
  if (file === undefined) {
    return { baseline: null, noBaselineReason: `no ${phase} baseline in ${dir}: take one with npm run baseline -- RUN, or pass --baseline FILE` };
  }
  try {
    return { baseline: { file, doc: await readBaseline(file) } };
  } catch (error) {
    if (error instanceof BaselineError) throw new VerdictError(error.message);
    throw error;
  }
}
