import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../lib/config.ts';
import type { VerdictConfig } from '../../lib/verdict-config.ts';
import { mergeConfig } from '../../lib/merge-config.ts';
import { resolveRules } from './rules/index.ts';
import { VerdictError } from './verdict-error.ts';

/**
 * The verdict settings a run was made with: its plan.json's `config.verdict` over the defaults (a run
 * folder from before verdicts has none and gets the defaults).
 *
 * @throws VerdictError when the plan cannot be read or its settings cannot be a verdict's
 */
export async function verdictSettingsOf(runDir: string): Promise<VerdictConfig> {
  let plan: { config?: { verdict?: Partial<VerdictConfig> } };
  try {
    plan = JSON.parse(await readFile(join(runDir, 'plan.json'), 'utf8'));
  } catch (error) {
    throw new VerdictError(`cannot read ${join(runDir, 'plan.json')}: ${(error as Error).message.split('\n')[0]}; expected a run folder a phase script wrote`);
  }
  return checkVerdictSettings(plan.config?.verdict, join(runDir, 'plan.json'));
}

/**
 * Verdict settings over the defaults, checked: rules that resolve and a regression threshold above 1.
 *
 * @param where names the file the settings came from, in the error
 * @throws VerdictError when they cannot be a verdict's
 */
export function checkVerdictSettings(given: Partial<VerdictConfig> | undefined, where: string): VerdictConfig {
  const settings = mergeConfig(DEFAULT_CONFIG, { verdict: given as never }).verdict;
  try {
    resolveRules(settings.rules);
  } catch (error) {
    throw new VerdictError(`${(error as Error).message} in ${where}; fix verdict.rules in the config and run again`);
  }
  if (!(settings.regressionThreshold > 1)) {
    throw new VerdictError(`invalid verdict.regressionThreshold; expected a ratio above 1 such as 1.2, got ${JSON.stringify(settings.regressionThreshold)}`);
  }
  return settings;
}
