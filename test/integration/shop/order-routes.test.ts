import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProduct } from '../../../shop/generate-product.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

let shop: RunningShop;
let dir: string;
let dbPath: string;
beforeAll(async () => {
  // A file database, so the test can read the rows the shop wrote through a connection of its own.
  dir = mkdtempSync(join(tmpdir(), 'loadbook-orders-'));
  dbPath = join(dir, 'shop.db');
  shop = await startShop({ productCount: 100, dbPath });
});
afterAll(async () => {
  await shop.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Posted {
  status: number;
  replayed: string | null;
  body: any;
}

/** Posts an order under key, a fresh one by default; null sends no Idempotency-Key header. */
async function postOrder(body: unknown, key: string | null = randomUUID()): Promise<Posted> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['idempotency-key'] = key;
  const res = await fetch(`${shop.url}/orders`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
}

const price = (id: number) => generateProduct(id).priceCents;

describe('POST /orders', () => {
  it('answers 201 with the order id, the priced items and the total', async () => {
    const { status, body } = await postOrder({ items: [{ productId: 3, quantity: 2 }, { productId: 40, quantity: 1 }] });
    expect(status).toBe(201);
    expect(body).toEqual({
      orderId: expect.any(Number),
      totalCents: 2 * price(3) + price(40),
      items: [
        { productId: 3, quantity: 2, unitPriceCents: price(3) },
        { productId: 40, quantity: 1, unitPriceCents: price(40) },
      ],
    });
  });

  it('gives every order its own id', async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 5; i++) ids.add((await postOrder({ items: [{ productId: 1, quantity: 1 }] })).body.orderId);
    expect(ids.size).toBe(5);
  });

  it('writes the order and its lines to SQLite', async () => {
    const key = randomUUID();
    const { body } = await postOrder({ items: [{ productId: 7, quantity: 3 }, { productId: 8, quantity: 1 }], customerId: 'c-77' }, key);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT idempotency_key AS key, customer_id AS customer, total_cents AS total FROM orders WHERE id = ?').get(body.orderId)).toEqual({
        key,
        customer: 'c-77',
        total: 3 * price(7) + price(8),
      });
      expect(db.prepare('SELECT product_id AS p, quantity AS q, unit_price_cents AS c FROM order_lines WHERE order_id = ? ORDER BY line').all(body.orderId)).toEqual([
        { p: 7, q: 3, c: price(7) },
        { p: 8, q: 1, c: price(8) },
      ]);
    } finally {
      db.close();
    }
  });

  it('answers a replay of the same key and body with the original order, 201 and Idempotent-Replayed, storing nothing new', async () => {
    const key = randomUUID();
    const order = { items: [{ productId: 5, quantity: 4 }] };
    const first = await postOrder(order, key);
    // Spacing and key order differ; the order is the same.
    const again = await postOrder('{ "items": [ { "quantity": 4, "productId": 5 } ] }', key);
    expect(first.replayed).toBeNull();
    expect(again).toEqual({ status: 201, replayed: 'true', body: first.body });
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM orders WHERE idempotency_key = ?').get(key)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('answers 409 when a key is reused with a different body', async () => {
    const key = 'reused-key-1';
    const first = await postOrder({ items: [{ productId: 5, quantity: 1 }] }, key);
    const { status, body } = await postOrder({ items: [{ productId: 5, quantity: 2 }] }, key);
    expect(status).toBe(409);
    expect(body.error).toBe(
      `Idempotency-Key "reused-key-1" was already used for order ${first.body.orderId} with a different body; expected a new key for a new order`,
    );
  });

  it('answers 400 without an Idempotency-Key header', async () => {
    const { status, body } = await postOrder({ items: [{ productId: 1, quantity: 1 }] }, null);
    expect(status).toBe(400);
    expect(body.error).toBe('missing Idempotency-Key header; expected a unique key per order, such as a UUID');
  });

  it.each([
    ['{"items":[{"productId":1,"quantity":0}]}', 'invalid items[0].quantity; expected an integer from 1 to 100, got 0'],
    ['{"items":[]}', 'invalid items; expected an array of 1 to 50 items, got an array of 0 items'],
    ['{"item":[]}', 'unknown field "item" in the order body; expected only items, customerId'],
    ['{"items":[{"productId":1,', 'invalid JSON in the order body; expected a JSON object such as {"items":[{"productId":1,"quantity":2}]}, got "{\\"items\\":[{\\"productId\\":1,"'],
  ])('answers a bad body %s with 400 naming the field', async (text, reason) => {
    expect(await postOrder(text)).toMatchObject({ status: 400, body: { error: reason } });
  });

  it('answers 400 naming an unknown productId, and stores nothing for it', async () => {
    const key = randomUUID();
    const { status, body } = await postOrder({ items: [{ productId: 1, quantity: 1 }, { productId: 101, quantity: 1 }] }, key);
    expect(status).toBe(400);
    expect(body.error).toBe('unknown items[1].productId; expected the id of a product in the catalog (see GET /catalog), got 101');
    // The key was not consumed: the corrected order goes through under it.
    expect((await postOrder({ items: [{ productId: 1, quantity: 1 }] }, key)).status).toBe(201);
  });

  it('counts orders by outcome in /metrics', async () => {
    const text = await (await fetch(`${shop.url}/metrics`)).text();
    expect(text).toMatch(/^shop_orders_total\{outcome="created"\} \d+$/m);
    expect(text).toContain('shop_orders_total{outcome="replayed"} 1');
    expect(text).toContain('shop_orders_total{outcome="conflict"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="POST",route="/orders",status="201"}');
  });

  it('answers 500 with errorRate 1 without storing the order', async () => {
    await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{"errorRate":1}' });
    try {
      const key = randomUUID();
      expect((await postOrder({ items: [{ productId: 1, quantity: 1 }] }, key)).status).toBe(500);
      await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{}' });
      expect((await postOrder({ items: [{ productId: 1, quantity: 1 }] }, key)).replayed).toBeNull();
    } finally {
      await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{}' });
    }
  });
});
