import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest baseline twin of a phase in a folder: `<phase>-<yyyy-mm-dd>[-n].json` with the latest date,
 * and the highest `n` of that day. Undefined when the folder has none (or does not exist).
 */
export function latestBaseline(dir: string, phase: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const pattern = new RegExp(`^${phase.replaceAll(/[^a-z0-9-]/g, '')}-(\\d{4}-\\d{2}-\\d{2})(?:-(\\d+))?\\.json$`);
  const found = readdirSync(dir).flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [{ name, key: `${match[1]}-${(match[2] ?? '1').padStart(6, '0')}` }] : [];
  });
  const newest = found.sort((a, b) => (a.key < b.key ? -1 : 1)).at(-1);
  return newest && join(dir, newest.name);
}
