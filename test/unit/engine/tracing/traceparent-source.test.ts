import { describe, expect, it } from 'vitest';
import { parseTraceparent, TraceparentSource } from '../../../../engine/tracing/traceparent-source.ts';

const WELL_FORMED = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe('TraceparentSource', () => {
  it('makes well-formed, sampled traceparents that do not repeat across pool refills', () => {
    const source = new TraceparentSource();
    const values = Array.from({ length: 2000 }, () => source.next());
    for (const value of values) expect(value).toMatch(WELL_FORMED);
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(values.map((value) => value.slice(3, 35))).size).toBe(values.length);
  });

  it('never hands out an all-zero trace id or parent id, which W3C calls invalid', () => {
    const source = new TraceparentSource();
    for (let index = 0; index < 1000; index++) expect(parseTraceparent(source.next())).toBeDefined();
  });
});

describe('parseTraceparent', () => {
  it.each<[string, { traceId: string; spanId: string } | undefined]>([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }],
    [' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', undefined],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', undefined],
    ['ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', undefined],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', undefined],
    ['00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', undefined],
    ['not a traceparent', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(parseTraceparent(value)).toEqual(expected);
  });
});
