import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProduct } from '../../../shop/generate-product.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

let shop: RunningShop;
beforeAll(async () => {
  shop = await startShop({ productCount: 300 });
});
afterAll(() => shop.close());

async function getJson(path: string): Promise<{ status: number; cache: string | null; body: any }> {
  const res = await fetch(shop.url + path);
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.json() };
}

describe('GET /products/:id', () => {
  it('answers with the seeded product as JSON', async () => {
    const { status, body } = await getJson('/products/17');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['id', 'sku', 'name', 'priceCents', 'stock', 'description']);
    expect(body).toEqual(generateProduct(17));
  });

  it('answers a product with X-Cache: MISS on the first read and HIT on the second', async () => {
    const first = await getJson('/products/123');
    const second = await getJson('/products/123');
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second.body).toEqual(first.body);
  });

  it.each(['/products/301', '/products/0', '/products/-4'])('answers an unknown id (%s) with 404 and a JSON error', async (path) => {
    const { status, body } = await getJson(path);
    expect(status).toBe(404);
    expect(body.error).toMatch(/^no product with id -?\d+$/);
  });

  it.each([
    ['/products/abc', '"abc"'],
    ['/products/1.5', '"1.5"'],
    ['/products/', '""'],
  ])('answers a non-integer id (%s) with 400 naming the value', async (path, shown) => {
    const { status, body } = await getJson(path);
    expect(status).toBe(400);
    expect(body.error).toBe(`invalid product id; expected an integer such as /products/42, got ${shown}`);
  });

  it('ignores a query string after the id', async () => {
    expect((await getJson('/products/5?trace=1')).body.id).toBe(5);
  });
});

describe('product cache', () => {
  it('answers every read with X-Cache: MISS when the cache is turned off', async () => {
    const uncached = await startShop({ productCount: 10, cacheSize: 0 });
    try {
      const caches = [];
      for (let i = 0; i < 3; i++) caches.push((await fetch(`${uncached.url}/products/3`)).headers.get('x-cache'));
      expect(caches).toEqual(['MISS', 'MISS', 'MISS']);
    } finally {
      await uncached.close();
    }
  });
});

describe('GET /products', () => {
  it('lists a page in id order', async () => {
    const { status, body } = await getJson('/products?limit=3&offset=10');
    expect(status).toBe(200);
    expect(body.items.map((p: { id: number }) => p.id)).toEqual([11, 12, 13]);
    expect(body).toMatchObject({ limit: 3, offset: 10, total: 300 });
  });

  it('caps limit at 100', async () => {
    const { body } = await getJson('/products?limit=250');
    expect(body.limit).toBe(100);
    expect(body.items).toHaveLength(100);
  });

  it('answers a malformed limit with 400 naming it', async () => {
    const { status, body } = await getJson('/products?limit=-1');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid limit; expected a non-negative integer such as ?limit=10, got "-1"');
  });
});

describe('other routes', () => {
  it('reports the id range on /catalog so load scripts draw ids that exist', async () => {
    expect(await getJson('/catalog')).toMatchObject({ status: 200, body: { count: 300, minId: 1, maxId: 300 } });
  });

  it('answers /health with status ok', async () => {
    expect(await getJson('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers an unknown route with 404 JSON listing the routes', async () => {
    const { status, body } = await getJson('/orders');
    expect(status).toBe(404);
    expect(body.error).toContain('no route for GET /orders; expected one of GET /products/:id');
  });

  it('keeps connections alive for 65 s so load generators reuse them', async () => {
    const keepAlive = await new Promise<unknown>((resolve, reject) => {
      request(`${shop.url}/health`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume();
        resolve(res.headers['keep-alive']);
      })
        .on('error', reject)
        .end();
    });
    expect(keepAlive).toBe('timeout=65');
  });
});

describe('startShop', () => {
  it('reports a port in use as a ShopError naming the port', async () => {
    const port = Number(new URL(shop.url).port);
    await expect(startShop({ port, productCount: 1 })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('stops accepting connections once closed', async () => {
    const shortLived = await startShop({ productCount: 1 });
    await shortLived.close();
    await expect(fetch(`${shortLived.url}/health`)).rejects.toThrow();
  });
});
