import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

let shop: RunningShop;
beforeAll(async () => {
  shop = await startShop({ productCount: 50 });
});
afterAll(() => shop.close());

async function scrape(target: RunningShop): Promise<string> {
  const res = await fetch(`${target.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample line, such as `shop_cache_hits_total 2`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts cache hits and misses of product reads', async () => {
    await fetch(`${shop.url}/products/7`).then((r) => r.text());
    await fetch(`${shop.url}/products/7`).then((r) => r.text());
    await fetch(`${shop.url}/products/8`).then((r) => r.text());
    const text = await scrape(shop);
    expect(sample(text, 'shop_cache_hits_total')).toBe(1);
    expect(sample(text, 'shop_cache_misses_total')).toBe(2);
  });

  it('exports process metrics: heap, CPU, GC and event-loop lag', async () => {
    const text = await scrape(shop);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_gc_duration_seconds');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
  });

  it('records request durations labelled with method, route template and status', async () => {
    await fetch(`${shop.url}/products/nope`).then((r) => r.text());
    const text = await scrape(shop);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/products/:id",status="200"}')).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/products/:id",status="400"}')).toBe(1);
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.12",method="GET",route="/products/:id",status="200"}');
  });

  it('keeps a registry per shop, so two shops in one process count separately', async () => {
    const other = await startShop({ productCount: 5 });
    try {
      await fetch(`${other.url}/products/1`).then((r) => r.text());
      expect(sample(await scrape(other), 'shop_cache_misses_total')).toBe(1);
      expect(sample(await scrape(shop), 'shop_cache_misses_total')).toBe(2);
    } finally {
      await other.close();
    }
  });
});
