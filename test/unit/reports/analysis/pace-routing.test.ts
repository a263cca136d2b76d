import { describe, expect, it } from 'vitest';
import type { TimelineRecord } from '../../../../engine/output/timeline-writer.ts';
import { PaceRouting } from '../../../../reports/analysis/pace-routing.ts';

function record(metric: string, scenario: string): TimelineRecord {
  return { kind: 'series', second: 3, time: 0, metric, type: 'counter', contains: 'default', tags: { scenario }, count: 2, sum: 2, min: 1, max: 1, last: 1 } as TimelineRecord;
}

const routing = new PaceRouting(new Map([['ws-broadcast-publishers', 'ws-broadcast']]));

describe('PaceRouting', () => {
  it.each(['iterations', 'dropped_iterations'])('counts the publishers’ %s as the scenario’s they pace', (metric) => {
    expect(routing.route(record(metric, 'ws-broadcast-publishers'))?.tags).toEqual({ scenario: 'ws-broadcast' });
  });

  it('leaves out the paced scenario’s own iterations (the subscribers’ sessions)', () => {
    expect(routing.route(record('iterations', 'ws-broadcast'))).toBeUndefined();
  });

  it.each([
    ['ws_broadcast_latency', 'ws-broadcast'],
    ['checks', 'ws-broadcast-publishers'],
    ['iterations', 'product-get'],
  ])('passes %s of %s as it is', (metric, scenario) => {
    const input = record(metric, scenario);
    expect(routing.route(input)).toBe(input);
  });
});
