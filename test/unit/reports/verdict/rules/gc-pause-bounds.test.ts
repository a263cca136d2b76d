import { describe, expect, it } from 'vitest';
import type { GcPauses } from '../../../../../reports/samplers/derive-saturation.ts';
import type { SaturationSample } from '../../../../../reports/samplers/server-sample.ts';
import { gcPauseBounds } from '../../../../../reports/verdict/rules/gc-pause-bounds.ts';
import type { Timed } from '../../../../../reports/verdict/rules/partition-samples.ts';
import { saturation } from './server-sample-fixture.ts';

const intervals = (pauses: GcPauses[]) =>
  pauses.map((gcPauses, i) => saturation(i * 15, { gcPauses })) as Timed<SaturationSample>[];

describe('gcPauseBounds over a threshold of 0.5 s', () => {
  it.each([
    { case: 'a JVM maximum over the threshold proves one pause per interval', pauses: [{ count: 1, seconds: 0.6, maxSeconds: 0.6 }, { count: 2, seconds: 0.8, maxSeconds: 0.7 }], atLeast: 2, atMost: 2 },
    { case: 'an unchanged JVM maximum is the same decaying pause, counted once', pauses: [{ count: 1, seconds: 0.6, maxSeconds: 0.6 }, { count: 3, seconds: 0.65, maxSeconds: 0.6 }], atLeast: 1, atMost: 2 },
    { case: 'a JVM maximum at the threshold rules every pause out', pauses: [{ count: 4, seconds: 1.9, maxSeconds: 0.5 }], atLeast: 0, atMost: 0 },
    { case: 'a single Node pause over the threshold is known exactly', pauses: [{ count: 1, seconds: 0.6 }, { count: 1, seconds: 0.7 }], atLeast: 2, atMost: 2 },
    { case: 'Node pauses whose mean is over the threshold prove one', pauses: [{ count: 2, seconds: 1.6 }], atLeast: 1, atMost: 2 },
    { case: 'a long Node pause may hide among short ones', pauses: [{ count: 3, seconds: 0.9 }], atLeast: 0, atMost: 1 },
    { case: 'a Node total at the threshold rules every pause out', pauses: [{ count: 5, seconds: 0.5 }], atLeast: 0, atMost: 0 },
    { case: 'an interval without pauses counts nothing', pauses: [{ count: 0, seconds: 0 }], atLeast: 0, atMost: 0 },
  ] as { case: string; pauses: GcPauses[]; atLeast: number; atMost: number }[])('$case', ({ pauses, atLeast, atMost }) => {
    expect(gcPauseBounds(intervals(pauses), 0.5)).toEqual({ atLeast, atMost, intervals: pauses.length });
  });

  it('keeps each source its own JVM maximum', () => {
    const same = { count: 1, seconds: 0.6, maxSeconds: 0.6 };
    const samples = [saturation(0, { gcPauses: same }, 'a'), saturation(0, { gcPauses: same }, 'b')] as Timed<SaturationSample>[];
    expect(gcPauseBounds(samples, 0.5).atLeast).toBe(2);
  });
});
