import { describe, expect, it } from 'vitest';
import type { Exemplar } from '../../../../engine/output/exemplar.ts';
import { ExemplarCollector } from '../../../../engine/tracing/exemplar-collector.ts';

const exemplar = (scenario: string, durationMs: number): Exemplar => ({
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  metric: 'http_req_duration',
  durationMs,
  time: '2026-01-01T00:00:00.000Z',
  scenario,
  name: 'n',
  status: '200',
  attributes: {},
});

describe('ExemplarCollector', () => {
  it('merges workers’ candidates into the slowest N per scenario, slowest first overall', () => {
    const collector = new ExemplarCollector(2);
    collector.add([exemplar('a', 5), exemplar('b', 1), exemplar('a', 9)]);
    collector.add([exemplar('a', 7), exemplar('b', 3), exemplar('b', 2), exemplar('a', 1)]);
    const file = collector.toFile();
    expect(file.version).toBe(1);
    expect(file.perScenario).toBe(2);
    expect(file.exemplars.map((kept) => `${kept.scenario}:${kept.durationMs}`)).toEqual(['a:9', 'a:7', 'b:3', 'b:2']);
  });

  it('writes an empty list when nothing was traced', () => {
    expect(new ExemplarCollector(10).toFile()).toEqual({ version: 1, perScenario: 10, exemplars: [] });
  });
});
