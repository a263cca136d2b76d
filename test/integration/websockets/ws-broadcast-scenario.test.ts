import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runTest, type SummaryData } from '../../../engine/index.ts';
import { startBroadcastHub, type BroadcastHub } from './start-broadcast-hub.ts';

const SCRIPT = new URL('../../../scenarios/ws-broadcast.ts', import.meta.url).pathname;
const SUBSCRIBERS = 3;

function values(summary: SummaryData, metric: string): Record<string, number> {
  return (summary.metrics[metric]?.values ?? {}) as Record<string, number>;
}

describe('the ws-broadcast scenario, time-scaled smoke against a broadcast hub on loopback', () => {
  let hub: BroadcastHub;
  beforeAll(async () => {
    hub = await startBroadcastHub();
  });
  afterAll(() => hub.close());

  it('has every subscriber record every broadcast, within budget, one iteration per subscriber', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-ws-broadcast-'));
    const jsonOut = path.join(runDir, 'points.json.gz');
    const config = { target: { wsUrl: hub.url }, scenarios: { 'ws-broadcast': { subscribers: SUBSCRIBERS } } };
    const result = await runTest({
      script: SCRIPT,
      env: { LOADBOOK_PHASE: 'smoke', LOADBOOK_TIME_SCALE: '0.02', LOADBOOK_CONFIG: JSON.stringify(config) },
      includeSystemEnv: false,
      outputs: [`json=${jsonOut}`],
      workers: 2,
      quiet: true,
      stdout: () => {},
    });
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    const sent = values(summary, 'ws_broadcasts_sent').count!;
    // Smoke publishes at 10/s for 6 s when time-scaled by 0.02.
    expect(sent).toBeGreaterThan(30);
    expect(hub.published()).toBe(sent);
    expect(values(summary, 'ws_broadcasts_received').count).toBe(sent * SUBSCRIBERS);
    const latency = summary.metrics['ws_broadcast_latency{scenario:ws-broadcast}']!;
    expect((latency.values as Record<string, number>).count).toBe(sent * SUBSCRIBERS);
    expect(latency.thresholds).toEqual({ 'p(95)<150': { ok: true } });
    expect(values(summary, 'checks{scenario:ws-broadcast}').rate).toBe(1);

    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const subscriberIterations = points.filter((line) => line.type === 'Point' && line.metric === 'iterations' && line.data.tags.scenario === 'ws-broadcast');
    expect(subscriberIterations).toHaveLength(SUBSCRIBERS);
    const stagesSeen = new Set(points.filter((line) => line.type === 'Point' && line.metric === 'ws_broadcast_latency').map((line) => line.data.tags.stage));
    expect(stagesSeen).toEqual(new Set(['warm-up', 'steady']));
  });
});
