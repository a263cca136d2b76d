import type { ScenarioName } from './config.ts';
import { invalidValue } from './invalid-value.ts';
import { LOADBOOK_ENV, type EnvVars } from './read-config-from-env.ts';
import { isScenarioName, SCENARIO_NAMES } from './scenarios.ts';

/** The scenarios a mix runs: `LOADBOOK_SCENARIOS` (comma-separated), or all five when unset. */
export function scenarioNamesFromEnv(env: EnvVars): ScenarioName[] {
  const raw = env[LOADBOOK_ENV.scenarios];
  if (raw === undefined || raw === '') return [...SCENARIO_NAMES];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!isScenarioName(name)) throw invalidValue(LOADBOOK_ENV.scenarios, `comma-separated names from ${SCENARIO_NAMES.join(', ')}`, raw);
  }
  return names as ScenarioName[];
}
