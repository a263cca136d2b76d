export { buildPlan, PLAN_VERSION } from './build-plan.ts';
export type { BuildPlanInput, Plan, PlanEnv, PlanScenario, PlanStageWindow } from './build-plan.ts';
export { canonicalJson } from './canonical-json.ts';
export { checkConfigAddresses, checkTargetAllowed, configAddresses, isLoopbackHost } from './check-target-allowed.ts';
export { CONFIG_OVERRIDES, DEFAULT_CONFIG_FILE, loadConfig } from './load-config.ts';
export type { ConfigFlags, LoadConfigInput } from './load-config.ts';
export { createRunFolder, DEFAULT_RUNS_ROOT, runTimestamp } from './run-folder.ts';
export type { RunFolderInput } from './run-folder.ts';
export { validatePlan } from './validate-plan.ts';
