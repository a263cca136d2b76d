import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { startInventoryGrpcServer, type InventoryGrpcServer } from './inventory-grpc-server.ts';

const SCRIPT = new URL('../../fixtures/scripts/grpc-tracing.ts', import.meta.url).pathname;
const OWN_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const WELL_FORMED = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe('tracing k6/net/grpc calls, against a real gRPC server', () => {
  let server: InventoryGrpcServer;
  beforeAll(async () => {
    server = await startInventoryGrpcServer();
  });
  afterAll(() => server.close());

  it('sends traceparent metadata with every call, keeps the script’s own, and keeps the slowest as grpc_req_duration exemplars', async () => {
    const result = await runTest({
      script: SCRIPT,
      env: { GRPC_ADDRESS: server.address },
      workers: 1,
      quiet: true,
      noSummary: true,
      tracing: { exemplarsPerScenario: 4 },
    });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(server.traceparents).toHaveLength(9);
    expect(server.traceparents.filter((value) => value === OWN_TRACEPARENT)).toHaveLength(1);
    const generated = server.traceparents.filter((value) => value !== OWN_TRACEPARENT);
    for (const value of generated) expect(value).toMatch(WELL_FORMED);
    expect(new Set(generated).size).toBe(8);

    const exemplars = result.exemplars!.exemplars;
    expect(exemplars).toHaveLength(4);
    const durations = exemplars.map((exemplar) => exemplar.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    // The call with the script's traceparent waits 100 ms, then come the ones asked to wait 70, 60 and 50.
    expect(exemplars[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
    expect(durations[3]).toBeGreaterThanOrEqual(50);
    for (const exemplar of exemplars) {
      expect(exemplar).toMatchObject({
        metric: 'grpc_req_duration',
        scenario: 'inventory',
        name: '/inventory.v1.Inventory/GetStock',
        status: '0',
        attributes: {},
      });
      expect(server.traceparents).toContain(`00-${exemplar.traceId}-${exemplar.spanId}-01`);
    }
  });

  it('sends no traceparent metadata when tracing is off', async () => {
    server.traceparents.length = 0;
    const result = await runTest({ script: SCRIPT, env: { GRPC_ADDRESS: server.address }, workers: 1, quiet: true, noSummary: true });
    expect(result.exitCode).toBe(0);
    expect(result.exemplars).toBeUndefined();
    expect(server.traceparents.filter((value) => value !== undefined)).toEqual([OWN_TRACEPARENT]);
  });
});
