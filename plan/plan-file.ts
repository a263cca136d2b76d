import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../engine/runtime/redactor.ts';
import { LOADBOOK_ENV } from '../lib/read-config-from-env.ts';
import type { Plan } from './build-plan.ts';
import { canonicalSha256 } from './canonical-json.ts';

/** The plan's file in a run folder. */
export const PLAN_FILE = 'plan.json';

/** Every string in `value`, at any depth, passed through `mask`; other values are copied as they are. */
function maskStrings<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskStrings(item, mask)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, maskStrings(child, mask)])) as T;
  }
  return value;
}

/**
 * The plan as a run folder keeps it: URL userinfo (`****:****`) and the values of `config.redact.queryParams`
 * masked in every address, as the engine masks them in its own outputs. Reports, baselines, verdicts and
 * history entries all take the target from this file, so none of them sees a password either.
 *
 * Every string is masked, not a list of address fields, so an address field added to the config later is
 * covered without a change here. `env.LOADBOOK_CONFIG` is the masked config's JSON again, and `configSha256`
 * its hash: a hash of the config with its password would let anyone holding plan.json test guesses offline.
 * A plan without credentials is returned unchanged, hash included.
 */
export function maskedPlan(plan: Plan): Plan {
  const redactor = new Redactor(plan.config.redact);
  const masked = maskStrings(plan, (text) => redactor.url(text));
  const config = masked.config;
  return {
    ...masked,
    env: { ...masked.env, [LOADBOOK_ENV.config]: JSON.stringify(config) },
    configSha256: canonicalSha256(config),
  };
}

/**
 * Writes the plan, credentials masked (maskedPlan), into the run folder. The VUs are handed the plan in
 * memory, real credentials included; a run reproduced from the file needs them supplied again.
 */
export function writePlanFile(runDir: string, plan: Plan): void {
  writeFileSync(join(runDir, PLAN_FILE), JSON.stringify(maskedPlan(plan), null, 2) + '\n');
}
