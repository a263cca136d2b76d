import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhaseStage } from '../../../phases/index.ts';

// k6/execution exists only inside the engine's (or k6's) VUs; this stands in for it.
const execution = vi.hoisted(() => ({
  scenario: { startTime: 0 },
  vu: { metrics: { tags: {} as Record<string, string | number | boolean> } },
}));
vi.mock('k6/execution', () => ({ default: execution }));

const { tagStage } = await import('../../../lib/stage-tag.ts');

const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 1_000, startRate: 1, endRate: 10 },
  { label: 'steady', startMs: 1_000, endMs: 5_000, startRate: 10, endRate: 10 },
];

describe('tagStage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
    execution.scenario.startTime = 1_700_000_000_000;
    execution.vu.metrics.tags = {};
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    [0, 'warm-up'],
    [999, 'warm-up'],
    [1_000, 'steady'],
    [4_999, 'steady'],
    [60_000, 'steady'],
  ])('%s ms after the scenario started sets the VU tag stage to %s', (elapsedMs, label) => {
    vi.setSystemTime(execution.scenario.startTime + elapsedMs);
    expect(tagStage(STAGES)).toBe(label);
    expect(execution.vu.metrics.tags['stage']).toBe(label);
  });
});
