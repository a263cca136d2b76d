import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_FAULTS } from '../../../shop/shop-faults.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

let shop: RunningShop;
beforeAll(async () => {
  shop = await startShop({ productCount: 50 });
});
afterEach(() => putFaults('{}'));
afterAll(() => shop.close());

async function putFaults(body: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body });
  return { status: res.status, body: await res.json() };
}

async function timedGet(path: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const res = await fetch(shop.url + path);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - start };
}

describe('/admin/faults', () => {
  it('reports the default faults before any change', async () => {
    const res = await fetch(`${shop.url}/admin/faults`);
    expect(await res.json()).toEqual({
      latencyFactor: 1,
      dependencyMs: 0,
      extraLatencyMs: 0,
      errorRate: 0,
      leakMbPerMin: 0,
      pauseConsumer: false,
      crashAfterS: 0,
    });
  });

  it('answers a PUT with the resulting faults, knobs left out back at their defaults', async () => {
    await putFaults('{"errorRate":0.5}');
    const { status, body } = await putFaults('{"extraLatencyMs":5}');
    expect(status).toBe(200);
    expect(body).toEqual({ ...DEFAULT_SHOP_FAULTS, extraLatencyMs: 5 });
    expect(await (await fetch(`${shop.url}/admin/faults`)).json()).toEqual(body);
  });

  it('delays product responses by at least extraLatencyMs', async () => {
    await putFaults('{"extraLatencyMs":150}');
    for (const path of ['/products/1', '/products/1', '/catalog']) {
      const { status, ms } = await timedGet(path);
      expect(status).toBe(200);
      expect(ms).toBeGreaterThanOrEqual(150);
    }
  });

  it('holds responses for the simulated dependency, which latencyFactor slows down like the handler', async () => {
    const medianOf = async () => {
      const times: number[] = [];
      for (let i = 0; i < 61; i++) times.push((await timedGet('/products/1')).ms);
      return times.sort((a, b) => a - b)[30]!;
    };
    await putFaults('{"dependencyMs":20}');
    const plain = await medianOf();
    await putFaults('{"dependencyMs":20,"latencyFactor":3}');
    const slowed = await medianOf();
    // A lognormal wait with a 20 ms median: the median of 61 draws is within ±10% of it two times in
    // three, and the ratio of two such medians is about 3 (its log's spread is about 0.14).
    expect(plain).toBeGreaterThan(13);
    expect(plain).toBeLessThan(35);
    expect(slowed / plain).toBeGreaterThan(1.8);
    await putFaults('{}');
  });

  it('answers every product request with 500 when errorRate is 1, and recovers when reset', async () => {
    await putFaults('{"errorRate":1}');
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${shop.url}/products/${i + 1}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'injected fault: errorRate' });
    }
    // Operator routes take no faults, or a fault could not be observed or turned off again.
    for (const path of ['/health', '/metrics', '/admin/faults']) {
      const res = await fetch(shop.url + path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(200);
    }
    await putFaults('{}');
    expect((await fetch(`${shop.url}/products/1`)).status).toBe(200);
  });

  it.each([
    ['{"errorRate":1.5}', 'invalid fault errorRate in PUT /admin/faults; expected a number from 0 to 1, got 1.5'],
    ['{"latencyFactor":"slow"}', 'invalid fault latencyFactor in PUT /admin/faults; expected a number from 1 to 1000, got "slow"'],
    [
      '{"crash":true}',
      'unknown fault "crash" in PUT /admin/faults; expected one of latencyFactor, dependencyMs, extraLatencyMs, errorRate, leakMbPerMin, pauseConsumer, crashAfterS',
    ],
    ['{"pauseConsumer":"on"}', 'invalid fault pauseConsumer in PUT /admin/faults; expected true or false, got "on"'],
    ['not json', 'invalid JSON in PUT /admin/faults; expected a JSON object such as {"extraLatencyMs":50}, got "not json"'],
  ])('rejects %s with 400 and a one-line reason, leaving the faults unchanged', async (body, reason) => {
    await putFaults('{"extraLatencyMs":3}');
    const res = await putFaults(body);
    expect(res).toEqual({ status: 400, body: { error: reason } });
    expect(await (await fetch(`${shop.url}/admin/faults`)).json()).toMatchObject({ extraLatencyMs: 3 });
  });

  it('rejects a body over 16 KiB with 400', async () => {
    const res = await putFaults(`{"extraLatencyMs":1${' '.repeat(20_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('request body too large; expected at most 16384 bytes, got more than that');
  });
});

describe('faults given at start', () => {
  it('applies options.faults from the first request', async () => {
    const faulty = await startShop({ productCount: 5, faults: { errorRate: 1 } });
    try {
      expect((await fetch(`${faulty.url}/products/1`)).status).toBe(500);
    } finally {
      await faulty.close();
    }
  });
});
