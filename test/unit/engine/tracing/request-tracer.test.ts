import { describe, expect, it } from 'vitest';
import type { ScenarioState } from '../../../../engine/runtime/scenario-state.ts';
import { RequestTracer } from '../../../../engine/tracing/request-tracer.ts';

const scenario = (name: string): ScenarioState => ({
  name,
  executor: 'constant-arrival-rate',
  exec: 'default',
  tags: {},
  env: {},
  startTime: 0,
  iterationsInInstance: 0,
  progress: () => 0,
});

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('RequestTracer', () => {
  it('keeps the slowest requests of each scenario apart, with their ids, tags and cache attribute', () => {
    const tracer = new RequestTracer(2);
    const products = scenario('product_get');
    const orders = scenario('order_post');
    const before = Date.now();
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 10, 'GET /products', 200, { 'x-cache': 'MISS' });
    tracer.record(products, TRACEPARENT, 'http_req_duration', 30, 'GET /products', 200, { 'x-cache': 'HIT' });
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 20, 'GET /products', 503, {});
    tracer.record(orders, tracer.traceparent(), 'grpc_req_duration', 1, '/inventory.v1.Inventory/GetStock', 0, undefined);
    const taken = tracer.takeNew();
    expect(taken.map((exemplar) => [exemplar.scenario, exemplar.durationMs]).sort()).toEqual([
      ['order_post', 1],
      ['product_get', 20],
      ['product_get', 30],
    ]);
    const slowest = taken.find((exemplar) => exemplar.durationMs === 30)!;
    expect(slowest).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      metric: 'http_req_duration',
      name: 'GET /products',
      status: '200',
      attributes: { 'cache.hit': 'true' },
    });
    expect(Date.parse(slowest.time)).toBeGreaterThanOrEqual(before - 31);
    expect(taken.find((exemplar) => exemplar.durationMs === 20)!.attributes).toEqual({});
  });

  it('hands each kept exemplar over once, and never one pushed out before it was taken', () => {
    const tracer = new RequestTracer(1);
    const products = scenario('product_get');
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 5, 'a', 200, undefined);
    expect(tracer.takeNew().map((exemplar) => exemplar.durationMs)).toEqual([5]);
    expect(tracer.takeNew()).toEqual([]);
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 6, 'a', 200, undefined);
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 7, 'a', 200, undefined);
    tracer.record(products, tracer.traceparent(), 'http_req_duration', 3, 'a', 200, undefined);
    expect(tracer.takeNew().map((exemplar) => exemplar.durationMs)).toEqual([7]);
  });

  it('keeps no exemplar for requests outside a scenario or with a malformed script traceparent', () => {
    const tracer = new RequestTracer(5);
    tracer.record(undefined, tracer.traceparent(), 'http_req_duration', 50, 'setup', 200, undefined);
    tracer.record(scenario('s'), 'custom-trace', 'http_req_duration', 50, 'x', 200, undefined);
    expect(tracer.takeNew()).toEqual([]);
  });

  it.each<[Record<string, string>, string | undefined]>([
    [{ traceparent: TRACEPARENT }, TRACEPARENT],
    [{ 'User-Agent': 'k6', TraceParent: 'mine' }, 'mine'],
    [{ 'User-Agent': 'k6', tracestate: 'a=b' }, undefined],
  ])('finds the script traceparent in %j whatever its case', (headers, expected) => {
    expect(new RequestTracer(1).scriptTraceparent(headers)).toBe(expected);
  });
});
