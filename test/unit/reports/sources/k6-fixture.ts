import { fileURLToPath } from 'node:url';
import type { TimelineHeader, TimelineRecord } from '../../../../engine/output/timeline-writer.ts';
import { readK6Json, type K6JsonStats, type ReadK6JsonOptions } from '../../../../reports/sources/read-k6-json.ts';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/k6/${name}`, import.meta.url));

/** Runs the reader to the end and keeps everything it yielded. */
export async function readAll(path: string, options?: ReadK6JsonOptions) {
  const headers: TimelineHeader[] = [];
  const records: TimelineRecord[] = [];
  const reader = readK6Json(path, options);
  let stats: K6JsonStats;
  for (;;) {
    const next = await reader.next();
    if (next.done) {
      stats = next.value;
      break;
    }
    if (next.value.kind === 'header') headers.push(next.value);
    else records.push(next.value);
  }
  return { headers, records, stats };
}
