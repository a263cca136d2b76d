import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runTest, type RunResult, type SummaryData } from '../../../engine/index.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';
import { startBroadcastHub, type BroadcastHub } from './start-broadcast-hub.ts';

const SCRIPT = new URL('../../../scenarios/ws-broadcast.ts', import.meta.url).pathname;
const SUBSCRIBERS = 3;

/** Runs the scenario as `npm run smoke` would, time-scaled to 6 s, against the hub at `wsUrl`. */
function runSmoke(wsUrl: string, outputs: string[] = []): Promise<RunResult> {
  const config = { target: { wsUrl }, scenarios: { 'ws-broadcast': { subscribers: SUBSCRIBERS } } };
  return runTest({
    script: SCRIPT,
    env: { LOADBOOK_PHASE: 'smoke', LOADBOOK_TIME_SCALE: '0.02', LOADBOOK_CONFIG: JSON.stringify(config) },
    includeSystemEnv: false,
    outputs,
    workers: 2,
    quiet: true,
    stdout: () => {},
  });
}

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
    const result = await runSmoke(hub.url, [`json=${jsonOut}`]);
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
    // Joined, stayed to the end, heard broadcasts: three checks per subscriber, all passed.
    expect(values(summary, 'checks{scenario:ws-broadcast}')).toMatchObject({ rate: 1, passes: 3 * SUBSCRIBERS });

    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const subscriberIterations = points.filter((line) => line.type === 'Point' && line.metric === 'iterations' && line.data.tags.scenario === 'ws-broadcast');
    expect(subscriberIterations).toHaveLength(SUBSCRIBERS);
    const latencyPoints = points.filter((line) => line.type === 'Point' && line.metric === 'ws_broadcast_latency');
    const stagesSeen = new Set(latencyPoints.map((line) => line.data.tags.stage));
    // Stamped and read in microseconds on two worker threads whose clocks agree: fractions, never below 0.
    const latencies: number[] = latencyPoints.map((line) => line.data.value);
    expect(latencies.filter((value) => !Number.isInteger(value)).length).toBeGreaterThan(latencies.length / 2);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(0);
    expect(stagesSeen).toEqual(new Set(['warm-up', 'steady']));
  });
});

describe('the ws-broadcast scenario, time-scaled smoke against the reference shop', () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ productCount: 10 });
  });
  afterAll(() => shop.close());

  it("has every subscriber record every broadcast, and the shop's hub agrees on what it delivered", async () => {
    const result = await runSmoke(`${shop.url.replace(/^http/, 'ws')}/ws`);
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    const sent = values(summary, 'ws_broadcasts_sent').count!;
    expect(sent).toBeGreaterThan(30);
    expect(values(summary, 'ws_broadcasts_received').count).toBe(sent * SUBSCRIBERS);
    expect((summary.metrics['ws_broadcast_latency{scenario:ws-broadcast}']!.values as Record<string, number>).count).toBe(sent * SUBSCRIBERS);
    const exposition = await (await fetch(`${shop.url}/metrics`)).text();
    const metric = (name: string) => Number(exposition.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);
    expect(metric('shop_ws_broadcasts_total')).toBe(sent);
    expect(metric('shop_ws_deliveries_total')).toBe(sent * SUBSCRIBERS);
  });
});
