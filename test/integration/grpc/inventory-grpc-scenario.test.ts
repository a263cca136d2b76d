import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runTest, type RunResult, type SummaryData } from '../../../engine/index.ts';
import { startShop, type RunningShop } from '../../../shop/index.ts';
import { startInventoryGrpcServer, type InventoryGrpcServer } from './inventory-grpc-server.ts';

const SCRIPT = new URL('../../../scenarios/inventory-grpc.ts', import.meta.url).pathname;

/** Runs the scenario as `npm run smoke` would, time-scaled to 6 s, against the gRPC server at `grpcAddress`. */
function runSmoke(grpcAddress: string, scenario: Record<string, number>, outputs: string[] = []): Promise<RunResult> {
  const config = { target: { grpcAddress }, scenarios: { 'inventory-grpc': { catalogSize: 50, ...scenario } } };
  return runTest({
    script: SCRIPT,
    env: { LOADBOOK_PHASE: 'smoke', LOADBOOK_TIME_SCALE: '0.02', LOADBOOK_CONFIG: JSON.stringify(config) },
    includeSystemEnv: false,
    outputs,
    workers: 1,
    quiet: true,
    stdout: () => {},
  });
}

function values(summary: SummaryData, metric: string): Record<string, number> {
  return (summary.metrics[metric]?.values ?? {}) as Record<string, number>;
}

function points(file: string): { type: string; metric: string; data: { tags: Record<string, string> } }[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('the inventory-grpc scenario, time-scaled smoke against a gRPC Inventory server on loopback', () => {
  let server: InventoryGrpcServer | undefined;
  afterEach(() => server?.close());

  it('calls GetStock and Reserve within budget, every call checked, both thresholds holding', async () => {
    server = await startInventoryGrpcServer();
    // A roomy budget: this checks the scenario's wiring, not this machine's latency under other tests' load.
    const result = await runSmoke(server.address, { reserveRatio: 0.3, budgetP95Ms: 1000 });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    const calls = server.calls.GetStock! + server.calls.Reserve!;
    // Smoke runs 10 iterations/s for 6 s when time-scaled by 0.02.
    expect(calls).toBeGreaterThan(30);
    expect(server.calls.Reserve).toBeGreaterThan(0);
    expect(server.calls.GetStock).toBeGreaterThan(server.calls.Reserve!);
    const budget = summary.metrics['grpc_req_duration{scenario:inventory-grpc}']!;
    expect((budget.values as Record<string, number>).count).toBe(calls);
    expect(budget.thresholds).toEqual({ 'p(95)<1000': { ok: true } });
    expect(values(summary, 'checks{scenario:inventory-grpc}').rate).toBe(1);
  });

  it('counts calls past the deadline as failures with status DeadlineExceeded, failing the run with exit code 99', async () => {
    server = await startInventoryGrpcServer({ delayMs: 150 });
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-inventory-grpc-'));
    const jsonOut = path.join(runDir, 'points.json.gz');
    const result = await runSmoke(server.address, { deadlineMs: 30, reserveRatio: 0 }, [`json=${jsonOut}`]);
    expect(result.exitCode).toBe(EXIT.thresholdsFailed);
    const summary = result.summary!;
    expect(summary.metrics['checks{scenario:inventory-grpc}']!.thresholds).toEqual({ 'rate>0.99': { ok: false } });
    expect(values(summary, 'checks{scenario:inventory-grpc}').rate).toBe(0);
    const samples = points(jsonOut).filter((line) => line.type === 'Point' && line.metric === 'grpc_req_duration');
    expect(samples.length).toBeGreaterThan(30);
    expect(new Set(samples.map((line) => line.data.tags.status))).toEqual(new Set(['4']));
    expect(samples[0]!.data.tags).toMatchObject({ scenario: 'inventory-grpc', method: 'GetStock', name: '/inventory.v1.Inventory/GetStock' });
    // The deadline, not the server's answer, ends each call.
    expect(values(summary, 'grpc_req_duration').max).toBeLessThan(140);
  });
});

describe('the inventory-grpc scenario, time-scaled smoke against the reference shop', () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ productCount: 50, grpcPort: 0 });
  });
  afterAll(() => shop.close());

  it("checks every GetStock and Reserve, and the shop's own gRPC metrics count the same calls", async () => {
    const result = await runSmoke(shop.grpcAddress!, { reserveRatio: 0.3, budgetP95Ms: 1000 });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(EXIT.ok);
    const summary = result.summary!;
    const calls = values(summary, 'grpc_req_duration{scenario:inventory-grpc}').count!;
    expect(calls).toBeGreaterThan(30);
    expect(values(summary, 'checks{scenario:inventory-grpc}').rate).toBe(1);
    const exposition = await (await fetch(`${shop.url}/metrics`)).text();
    const count = (method: string) =>
      [...exposition.matchAll(new RegExp(`^grpc_server_handling_seconds_count\\{[^}]*method="${method}"[^}]*\\} (\\S+)$`, 'gm'))].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    expect(count('Reserve')).toBeGreaterThan(0);
    expect(count('GetStock') + count('Reserve')).toBe(calls);
  });
});
