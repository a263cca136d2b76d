import { randomBytes } from 'node:crypto';

/**
 * The history's build id when none is given: GitHub Actions' `<run id>-<attempt>`, so a re-run of a job
 * gets an entry of its own; elsewhere `local-<yyyymmddThhmmssZ>-<4 hex>`.
 */
export function defaultBuildId(env: NodeJS.ProcessEnv, now: Date): string {
  if (env['GITHUB_RUN_ID']) return `${env['GITHUB_RUN_ID']}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(/[-:]/g, '');
  return `local-${stamp}-${randomBytes(2).toString('hex')}`;
}
