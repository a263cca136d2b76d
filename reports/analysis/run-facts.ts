import { basename } from 'node:path';
import { DEFAULT_CONFIG, type ReportsConfig } from '../../lib/config.ts';
import type { Plan } from '../../plan/build-plan.ts';
import type { RunFacts } from './run-analysis.ts';

/**
 * A URL with its credentials removed: no `user:password@`, and no query string (query values may be
 * tokens). Anything that does not parse as a URL with a host is returned without what precedes an `@` and
 * without a query.
 */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    // `user:pw@host` parses as scheme `user:` with an opaque path: treat it as no URL at all.
    if (parsed.host === '') throw new TypeError('no host');
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    const text = parsed.toString();
    // URL adds a `/` path to a bare origin; keep the base URL as it was written.
    return parsed.pathname === '/' && !/\/(?:[?#].*)?$/.test(url) ? text.slice(0, -1) : text;
  } catch {
    return url.replace(/^[^@/]*@/, '').replace(/\?.*$/, '');
  }
}

/** The plan's report settings; plans written before `config.reports` existed get the defaults. */
export function reportsSettings(plan: Pick<Plan, 'config'> | undefined): ReportsConfig {
  return { ...DEFAULT_CONFIG.reports, ...(plan?.config?.reports ?? {}) };
}

/** Where a loadbook run came from and the numbers it ran with, from its folder and `plan.json`. */
export function runFacts(runDir: string, plan: Plan): RunFacts {
  const stages = plan.stages ?? plan.scenarios[0]?.stages ?? [];
  return {
    source: 'loadbook',
    id: basename(runDir.replace(/[/\\]+$/, '')),
    createdAt: plan.createdAt,
    target: plan.target?.baseUrl === undefined ? undefined : stripCredentials(plan.target.baseUrl),
    baselineRate: plan.baselineRate,
    timeScale: plan.timeScale ?? 1,
    configSha256: plan.configSha256,
    cores: plan.runtime?.cores,
    workers: plan.runtime?.workers,
    ...(plan.provenance && { provenance: plan.provenance }),
    stages: stages.map(({ label, startMs, endMs }) => ({ label, startS: startMs / 1000, endS: endMs / 1000 })),
  };
}

/** The run facts of stock k6 output: only what the output itself tells (its name and first sample's time). */
export function k6RunFacts(id: string, createdAt: string): RunFacts {
  return {
    source: 'k6',
    id,
    createdAt,
    target: undefined,
    baselineRate: undefined,
    timeScale: 1,
    configSha256: undefined,
    cores: undefined,
    workers: undefined,
    stages: [],
  };
}
