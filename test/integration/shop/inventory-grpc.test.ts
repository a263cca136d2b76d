import { credentials, loadPackageDefinition, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateProduct } from '../../../shop/generate-product.ts';
import { INVENTORY_PROTO_PATH } from '../../../shop/start-inventory-server.ts';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

type Unary = (request: object, options: { deadline: number }, callback: (error: ServiceError | null, reply: any) => void) => void;
type InventoryClient = Client & { GetStock: Unary; Reserve: Unary };

let shop: RunningShop;
let client: InventoryClient;
beforeAll(async () => {
  shop = await startShop({ productCount: 50, grpcPort: 0 });
  const definition = loadSync(INVENTORY_PROTO_PATH, { keepCase: true, longs: Number, defaults: true });
  const pkg = loadPackageDefinition(definition) as any;
  client = new pkg.inventory.v1.Inventory(shop.grpcAddress, credentials.createInsecure());
});
afterEach(() => fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{}' }));
afterAll(async () => {
  client.close();
  await shop.close();
});

/** One call; resolves with the reply or the status error, whichever the server answered. */
function call(method: 'GetStock' | 'Reserve', request: object): Promise<{ reply?: any; error?: ServiceError; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    client[method](request, { deadline: Date.now() + 5_000 }, (error, reply) =>
      resolve(error ? { error, ms: performance.now() - start } : { reply, ms: performance.now() - start }),
    );
  });
}

const seededStock = (id: number) => generateProduct(id).stock;
// Products with enough seeded stock for the reservations below; ids are stable because the catalog is seeded.
const stocked = Array.from({ length: 50 }, (_, i) => i + 1).filter((id) => seededStock(id) >= 20);

describe('gRPC Inventory', () => {
  it('reports its address as 127.0.0.1 and a port', () => {
    expect(shop.grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers GetStock with the seeded stock and nothing reserved', async () => {
    const id = stocked[0]!;
    expect((await call('GetStock', { product_id: id })).reply).toEqual({ product_id: id, available: seededStock(id), reserved: 0 });
  });

  it('decrements stock on Reserve and reports the reservation in GetStock', async () => {
    const id = stocked[1]!;
    const { reply } = await call('Reserve', { product_id: id, quantity: 3, reservation_id: 'r-dec' });
    expect(reply).toEqual({ reservation_id: 'r-dec', remaining: seededStock(id) - 3 });
    expect((await call('GetStock', { product_id: id })).reply).toEqual({ product_id: id, available: seededStock(id) - 3, reserved: 3 });
  });

  it('holds stock once when the same reservation is made twice', async () => {
    const id = stocked[2]!;
    const first = await call('Reserve', { product_id: id, quantity: 5, reservation_id: 'r-twice' });
    const second = await call('Reserve', { product_id: id, quantity: 5, reservation_id: 'r-twice' });
    expect(second.reply).toEqual(first.reply);
    expect((await call('GetStock', { product_id: id })).reply.available).toBe(seededStock(id) - 5);
  });

  it('answers ALREADY_EXISTS when a reservation id is reused for another quantity', async () => {
    const id = stocked[3]!;
    await call('Reserve', { product_id: id, quantity: 1, reservation_id: 'r-reuse' });
    const { error } = await call('Reserve', { product_id: id, quantity: 2, reservation_id: 'r-reuse' });
    expect(error?.code).toBe(status.ALREADY_EXISTS);
    expect(error?.details).toBe(`reservation_id "r-reuse" already holds 1 of product ${id}; expected a new id for a different reservation`);
  });

  it('answers FAILED_PRECONDITION when stock is short, leaving the stock as it was', async () => {
    const id = stocked[4]!;
    const { error } = await call('Reserve', { product_id: id, quantity: seededStock(id) + 1, reservation_id: 'r-short' });
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(error?.details).toBe(`insufficient stock for product ${id}; asked for ${seededStock(id) + 1}, ${seededStock(id)} available`);
    expect((await call('GetStock', { product_id: id })).reply.available).toBe(seededStock(id));
  });

  it('never sells the same unit twice when reservations race for the last units', async () => {
    const id = stocked[5]!;
    const calls = Array.from({ length: seededStock(id) + 10 }, (_, i) =>
      call('Reserve', { product_id: id, quantity: 1, reservation_id: `race-${i}` }),
    );
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.reply).length).toBe(seededStock(id));
    expect(results.filter((r) => r.error?.code === status.FAILED_PRECONDITION).length).toBe(10);
    expect((await call('GetStock', { product_id: id })).reply).toMatchObject({ available: 0, reserved: seededStock(id) });
  });

  it.each([
    ['GetStock', { product_id: 51 }],
    ['Reserve', { product_id: 999, quantity: 1, reservation_id: 'r-nf' }],
  ] as const)('answers %s for an unknown product with NOT_FOUND', async (method, request) => {
    const { error } = await call(method, request);
    expect(error?.code).toBe(status.NOT_FOUND);
    expect(error?.details).toMatch(/^no product with id \d+$/);
  });

  it.each([
    [{ product_id: 1, quantity: 0, reservation_id: 'r' }, 'invalid quantity; expected a positive integer, got 0'],
    [{ product_id: 1, quantity: 1, reservation_id: '' }, 'invalid reservation_id; expected 1 to 255 characters, got ""'],
  ])('answers Reserve %j with INVALID_ARGUMENT', async (request, details) => {
    const { error } = await call('Reserve', request);
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toBe(details);
  });

  it('adds extraLatencyMs to every call', async () => {
    await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{"extraLatencyMs":120}' });
    for (let i = 0; i < 3; i++) {
      const { reply, ms } = await call('GetStock', { product_id: 1 });
      expect(reply).toBeDefined();
      expect(ms).toBeGreaterThanOrEqual(120);
    }
  });

  it('answers UNAVAILABLE to every call when errorRate is 1', async () => {
    await fetch(`${shop.url}/admin/faults`, { method: 'PUT', body: '{"errorRate":1}' });
    const { error } = await call('GetStock', { product_id: 1 });
    expect(error?.code).toBe(status.UNAVAILABLE);
    expect(error?.details).toBe('injected fault: errorRate');
  });

  it('records call durations by method and status code in /metrics', async () => {
    const text = await (await fetch(`${shop.url}/metrics`)).text();
    expect(text).toMatch(/^grpc_server_handling_seconds_count\{method="GetStock",code="OK"\} \d+$/m);
    expect(text).toMatch(/^grpc_server_handling_seconds_count\{method="Reserve",code="FAILED_PRECONDITION"\} \d+$/m);
    expect(text).toContain('grpc_server_handling_seconds_bucket{le="0.04",method="GetStock",code="OK"}');
  });
});

describe('gRPC server lifecycle', () => {
  it('is not started without grpcPort', async () => {
    const plain = await startShop({ productCount: 1 });
    try {
      expect(plain.grpcAddress).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('reports a gRPC port in use as a ShopError naming the address', async () => {
    const port = Number(shop.grpcAddress!.split(':')[1]);
    await expect(startShop({ productCount: 1, grpcPort: port })).rejects.toThrow(`cannot serve gRPC on 127.0.0.1:${port}`);
  });
});
