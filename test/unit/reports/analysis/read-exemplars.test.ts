import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exemplar, ExemplarsFile } from '../../../../engine/output/exemplar.ts';
import { readExemplars } from '../../../../reports/analysis/read-exemplars.ts';
import { tempRunDir } from './timeline-fixture.ts';

function exemplar(durationMs: number, scenario: string): Exemplar {
  return {
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    metric: 'http_req_duration',
    durationMs,
    time: '2026-11-29T02:16:20.000Z',
    scenario,
    name: 'http://127.0.0.1:3300/products/{id}',
    status: '200',
    attributes: { 'cache.hit': 'false' },
  };
}

describe('readExemplars', () => {
  it('reads exemplars.json, slowest first across scenarios', async () => {
    const path = join(tempRunDir(), 'exemplars.json');
    const file: ExemplarsFile = { version: 1, perScenario: 2, exemplars: [exemplar(80, 'a'), exemplar(90, 'a'), exemplar(300, 'b')] };
    writeFileSync(path, JSON.stringify(file));
    expect((await readExemplars(path)).map((e) => e.durationMs)).toEqual([300, 90, 80]);
  });

  it('is empty when the run had no tracing', async () => {
    expect(await readExemplars(join(tempRunDir(), 'exemplars.json'))).toEqual([]);
  });

  it.each([
    { content: '{"version":1', error: /invalid exemplars file .*; expected JSON/ },
    { content: '{"version":2,"exemplars":[]}', error: /expected version 1 with an exemplars array, got version 2/ },
  ])('refuses $content', async ({ content, error }) => {
    const path = join(tempRunDir(), 'exemplars.json');
    writeFileSync(path, content);
    await expect(readExemplars(path)).rejects.toThrow(error);
  });
});
