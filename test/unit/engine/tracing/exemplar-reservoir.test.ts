import { describe, expect, it } from 'vitest';
import type { Exemplar } from '../../../../engine/output/exemplar.ts';
import { ExemplarReservoir } from '../../../../engine/tracing/exemplar-reservoir.ts';

const exemplar = (durationMs: number): Exemplar => ({
  traceId: durationMs.toString(16).padStart(32, '0'),
  spanId: '1'.padStart(16, '0'),
  metric: 'http_req_duration',
  durationMs,
  time: '2026-01-01T00:00:00.000Z',
  scenario: 'product_get',
  name: 'GET /products/{id}',
  status: '200',
  attributes: {},
});

describe('ExemplarReservoir', () => {
  it('keeps the slowest N of any order of arrivals, slowest first', () => {
    const reservoir = new ExemplarReservoir(3);
    for (const duration of [5, 1, 9, 3, 7, 2, 8, 6, 4]) reservoir.add(exemplar(duration));
    expect(reservoir.slowestFirst().map((kept) => kept.durationMs)).toEqual([9, 8, 7]);
  });

  it('admits anything until full, then only what is slower than the fastest kept', () => {
    const reservoir = new ExemplarReservoir(2);
    expect(reservoir.admits(0)).toBe(true);
    reservoir.add(exemplar(4));
    reservoir.add(exemplar(6));
    expect(reservoir.admits(4)).toBe(false);
    expect(reservoir.admits(4.001)).toBe(true);
    expect(reservoir.floor).toBe(4);
  });

  it('returns the exemplar a slower one pushed out, and the offered one when it is too fast', () => {
    const reservoir = new ExemplarReservoir(2);
    const fast = exemplar(1);
    expect(reservoir.add(fast)).toBeUndefined();
    expect(reservoir.add(exemplar(3))).toBeUndefined();
    expect(reservoir.add(exemplar(2))).toBe(fast);
    const tooFast = exemplar(1.5);
    expect(reservoir.add(tooFast)).toBe(tooFast);
    expect(reservoir.size).toBe(2);
  });

  it('keeps nothing at capacity zero', () => {
    const reservoir = new ExemplarReservoir(0);
    expect(reservoir.admits(1e9)).toBe(false);
    reservoir.add(exemplar(10));
    expect(reservoir.slowestFirst()).toEqual([]);
  });
});
