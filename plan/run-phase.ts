import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTest, DEFAULT_WORKERS, type RunResult } from '../engine/index.ts';
import { startSamplers } from '../reports/samplers/index.ts';
import { buildPlan, type Plan } from './build-plan.ts';
import { ensureServices, type RunningServices } from './ensure-services.ts';
import { loadConfig, type ConfigFlags } from './load-config.ts';
import { readProvenance } from './read-provenance.ts';
import { createRunFolder } from './run-folder.ts';
import { samplerOptions } from './sampler-options.ts';

const REPO_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** What a phase script asks for. */
export interface PhaseRequest {
  phase: string;
  scenarios: string[];
  timeScale?: number;
  workers?: number;
  configFile?: string;
  flags: ConfigFlags;
  quiet?: boolean;
  outputs?: string[];
  /** `--tracing`: turns on `config.tracing` for this run, so the plan records it. */
  tracing?: boolean;
  signal?: AbortSignal;
  /** A second stop request: the engine stops at once (see RunRequest.force). */
  force?: AbortSignal;
  /** Where lines for the user go (run folder, shop start). */
  say: (line: string) => void;
}

export interface PhaseOutcome {
  plan: Plan;
  runDir: string;
  result: RunResult;
}

/**
 * The services the plan needs; when a stop request made them fail while starting, none, so that the
 * engine still runs, stops at once and leaves a readable run folder (summary.json, a whole timeline).
 */
async function servicesUnlessStopped(plan: Plan, request: PhaseRequest): Promise<RunningServices> {
  try {
    return await ensureServices(plan, request.say);
  } catch (error) {
    if (!request.signal?.aborted) throw error;
    request.say(`stopped during start-up: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { stop: async () => {} };
  }
}

/**
 * Plans a phase, writes plan.json into a new run folder, starts the reference shop when the target is
 * the default one, runs the engine on the plan's numbers with the samplers writing server.ndjson
 * alongside, and stops the samplers and the shop again, also on Ctrl-C.
 */
export async function runPhase(request: PhaseRequest): Promise<PhaseOutcome> {
  const loaded = loadConfig({ file: request.configFile, flags: request.flags });
  const config = request.tracing ? { ...loaded, tracing: true } : loaded;
  const workers = request.workers ?? DEFAULT_WORKERS;
  const plan = buildPlan({ phase: request.phase, scenarios: request.scenarios, config, timeScale: request.timeScale, workers, now: new Date(), provenance: readProvenance() });
  const runDir = createRunFolder({ phase: plan.phase, now: new Date(plan.createdAt) });
  writeFileSync(path.join(runDir, 'plan.json'), JSON.stringify(plan, null, 2) + '\n');
  request.say(`run folder: ${runDir}`);

  const services = await servicesUnlessStopped(plan, request);
  const samplers = startSamplers(samplerOptions(plan, runDir));
  try {
    const script = plan.scenarios.length === 1 ? plan.scenarios[0]!.script : 'scenarios/mix.ts';
    const result = await runTest({
      script: path.join(REPO_ROOT, script),
      env: plan.env,
      includeSystemEnv: false,
      options: { scenarios: plan.options.scenarios as never, thresholds: plan.options.thresholds, summaryTrendStats: plan.options.summaryTrendStats },
      runDir,
      workers,
      quiet: request.quiet,
      outputs: request.outputs,
      signal: request.signal,
      force: request.force,
      tracing: plan.config.tracing ? { exemplarsPerScenario: plan.config.reports.topN } : undefined,
    });
    return { plan, runDir, result };
  } finally {
    await samplers.stop();
    await services.stop();
  }
}
