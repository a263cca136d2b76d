import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest, type RunResult } from '../../../engine/index.ts';
import { startInventoryGrpcServer, type InventoryGrpcServer } from './inventory-grpc-server.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;

type TrendValues = { count: number; max: number; avg: number };
const trend = (result: RunResult, key: string) => result.summary!.metrics[key]?.values as TrendValues | undefined;
const checksOf = (result: RunResult) =>
  Object.fromEntries(result.summary!.root_group.checks.map((check) => [check.name, { passes: check.passes, fails: check.fails }]));

/** A loopback port nothing listens on. */
async function closedAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

describe('k6/net/grpc on the engine, against a real gRPC server', () => {
  let server: InventoryGrpcServer;
  let runDir: string;
  beforeAll(async () => {
    server = await startInventoryGrpcServer();
    runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-grpc-'));
  });
  afterAll(() => server.close());

  it('makes unary calls with JSON field names, metadata and trailers, and tags grpc_req_duration as k6 does', async () => {
    const jsonOut = path.join(runDir, 'round-trip.json.gz');
    const result = await runTest({
      script: fixture('grpc-round-trip.ts'),
      env: { GRPC_ADDRESS: server.address },
      outputs: [`json=${jsonOut}`],
      // Both VUs in one thread: each must still have its own connection.
      workers: 1,
      quiet: true,
      noSummary: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(checksOf(result)).toEqual({
      'GetStock status is OK': { passes: 6, fails: 0 },
      'reply has JSON field names and proto3 JSON values': { passes: 6, fails: 0 },
      'trailers carry the server metadata': { passes: 6, fails: 0 },
      'headers carry the content type': { passes: 6, fails: 0 },
      'Reserve accepts proto field names': { passes: 6, fails: 0 },
      'a refused reservation reports FailedPrecondition': { passes: 6, fails: 0 },
    });
    expect(server.calls).toMatchObject({ GetStock: 6, Reserve: 12 });
    expect(server.runTags).toEqual(Array(6).fill('round-trip'));
    expect(server.peers.size).toBe(2);
    expect(result.summary!.metrics.grpc_req_duration).toMatchObject({ type: 'trend', contains: 'time' });
    expect(trend(result, 'grpc_req_duration')!.count).toBe(18);
    expect(trend(result, 'grpc_req_duration{status:0}')!.count).toBe(12);
    expect(trend(result, 'grpc_req_duration{status:9}')!.count).toBe(6);
    expect(trend(result, 'grpc_req_duration{method:Reserve}')!.count).toBe(12);
    expect(trend(result, 'grpc_req_duration{kind:read}')!.count).toBe(6);

    const points = gunzipSync(readFileSync(jsonOut)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const samples = points.filter((line) => line.type === 'Point' && line.metric === 'grpc_req_duration');
    expect(samples).toHaveLength(18);
    const getStock = samples.find((line) => line.data.tags.method === 'GetStock');
    expect(getStock.data.tags).toEqual({
      scenario: 'inventory',
      group: '',
      name: '/inventory.v1.Inventory/GetStock',
      url: `${server.address}/inventory.v1.Inventory/GetStock`,
      method: 'GetStock',
      service: 'inventory.v1.Inventory',
      status: '0',
      kind: 'read',
    });
    expect(samples.filter((line) => line.data.tags.status === '9')).toHaveLength(6);
  });

  it('counts a call past its deadline as a failure with status DeadlineExceeded, and never rejects', async () => {
    const result = await runTest({
      script: fixture('grpc-deadline.ts'),
      env: { GRPC_ADDRESS: server.address, DELAY_MS: '600', TIMEOUT: '100ms' },
      workers: 1,
      quiet: true,
      noSummary: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(checksOf(result)).toEqual({
      'status is OK': { passes: 0, fails: 2 },
      'status is DeadlineExceeded': { passes: 2, fails: 0 },
      'error names the deadline': { passes: 2, fails: 0 },
      'a call after the deadline succeeds': { passes: 2, fails: 0 },
    });
    const late = trend(result, 'grpc_req_duration{status:4}')!;
    expect(late.count).toBe(2);
    // The deadline ends the call, not the server's late answer.
    expect(late.max).toBeGreaterThanOrEqual(95);
    expect(late.max).toBeLessThan(500);
    expect(trend(result, 'grpc_req_duration{status:0}')!.count).toBe(2);
    expect((result.summary!.metrics.iterations!.values as { count: number }).count).toBe(2);
  });

  it('cancels the calls of an interrupted or failed iteration at once: no sample and no check', async () => {
    const cancelledBefore = server.cancelled();
    const callsBefore = server.calls.GetStock!;
    let finished = false;
    const run = runTest({
      script: fixture('grpc-interrupt.ts'),
      env: { GRPC_ADDRESS: server.address },
      workers: 1,
      quiet: true,
      noSummary: true,
    }).finally(() => (finished = true));
    // Once the calls arrive: the slow scenario ends 0.5 s later, the server would answer after 5 s, and the
    // idle scenario keeps the worker running for 3 s, so only the interrupt can cancel them this early.
    await expect.poll(() => server.calls.GetStock! - callsBefore, { timeout: 30_000 }).toBe(3);
    await expect.poll(() => server.cancelled() - cancelledBefore, { timeout: 1_500 }).toBe(3);
    expect(finished).toBe(false);
    const result = await run;
    expect(result.exitCode).toBe(0);
    expect(result.summary!.metrics['grpc_req_duration']).toBeUndefined();
    expect(result.summary!.root_group.checks).toEqual([]);
  });

  it('refuses misuse with errors that name the fix, and reports a refused connection as Unavailable without crashing', async () => {
    const result = await runTest({
      script: fixture('grpc-misuse.ts'),
      env: { CLOSED_ADDRESS: await closedAddress() },
      workers: 1,
      quiet: true,
      noSummary: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const checks = checksOf(result);
    for (const [name, counts] of Object.entries(checks)) expect({ name, ...counts }).toEqual({ name, passes: name.includes('refused connection') || name === 'the error says why' ? 2 : 1, fails: 0 });
    expect(Object.keys(checks)).toHaveLength(11);
    expect(trend(result, 'grpc_req_duration{status:14}')!.count).toBe(2);
    expect((result.summary!.metrics.iterations!.values as { count: number }).count).toBe(1);
  });

  it('fails the run with exit code 107 and the file name when load() cannot find a .proto file', async () => {
    const result = await runTest({
      script: fixture('grpc-misuse.ts'),
      env: { BAD_LOAD: '1', CLOSED_ADDRESS: '127.0.0.1:1' },
      workers: 1,
      quiet: true,
      noSummary: true,
    });
    expect(result.exitCode).toBe(107);
    expect(result.error).toContain('proto file "missing.proto" not found');
    expect(result.error).toContain(path.resolve('proto'));
  });
});
