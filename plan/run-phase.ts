import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTest, DEFAULT_WORKERS, type RunResult } from '../engine/index.ts';
import { startSamplers } from '../reports/samplers/index.ts';
import { buildPlan, type Plan } from './build-plan.ts';
import { ensureServices, type RunningServices } from './ensure-services.ts';
import { withServiceAddresses } from './service-addresses.ts';
import { loadConfig, type ConfigFlags } from './load-config.ts';
import { writePlanFile } from './plan-file.ts';
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
 * The services the plan needs; when a stop request made their start-up fail, none, so that the engine
 * still runs, stops at once and leaves a readable run folder (summary.json, a whole timeline).
 */
async function servicesUnlessStopped(plan: Plan, request: PhaseRequest): Promise<RunningServices> {
  try {
    return await ensureServices({ plan, say: request.say, signal: request.signal });
  } catch (error) {
    if (!request.signal?.aborted) throw error;
    request.say(`stopped during start-up: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { addresses: {}, stop: async () => {} };
  }
}

/**
 * Plans a phase (refusing bad input before anything starts), starts the services the plan's defaults
 * point at, plans again with the addresses they really listen on, writes that plan.json into a new run
 * folder (credentials masked: plan-file.ts), runs the engine on the plan's numbers with the samplers writing server.ndjson alongside, and
 * stops the samplers and the services it started again, also on Ctrl-C.
 */
export async function runPhase(request: PhaseRequest): Promise<PhaseOutcome> {
  const loaded = loadConfig({ file: request.configFile, flags: request.flags });
  const config = request.tracing ? { ...loaded, tracing: true } : loaded;
  const workers = request.workers ?? DEFAULT_WORKERS;
  const input = { phase: request.phase, scenarios: request.scenarios, timeScale: request.timeScale, workers, now: new Date(), provenance: readProvenance() };
  const planned = buildPlan({ ...input, config });

  const services = await servicesUnlessStopped(planned, request);
  let plan: Plan;
  let runDir: string;
  try {
    plan = buildPlan({ ...input, config: withServiceAddresses(planned.config, services.addresses) });
    runDir = createRunFolder({ phase: plan.phase, now: new Date(plan.createdAt) });
    writePlanFile(runDir, plan);
  } catch (error) {
    await services.stop();
    throw error;
  }
  request.say(`run folder: ${runDir}`);
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
      allowHosts: plan.config.allowHosts,
      redact: plan.config.redact,
    });
    return { plan, runDir, result };
  } finally {
    await samplers.stop();
    await services.stop();
  }
}
