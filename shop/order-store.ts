import type { ShopDatabase } from './open-shop-database.ts';
import type { OrderRequest } from './order-request.ts';
import { ShopError } from './shop-error.ts';

/** One line of a stored order, priced when the order was placed. */
export interface OrderLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

/** An order as POST /orders answers it and as the OrderCreated event carries it. */
export interface PlacedOrder {
  orderId: number;
  totalCents: number;
  items: OrderLine[];
}

/** What placing an order under an Idempotency-Key came to. */
export type OrderOutcome =
  | { kind: 'created'; order: PlacedOrder; customerId: string | undefined; createdAt: number }
  /** The key was used before with the same body: the original order, unchanged. */
  | { kind: 'replayed'; order: PlacedOrder }
  /** The key was used before with a different body. */
  | { kind: 'conflict'; orderId: number };

export interface OrderStore {
  /**
   * Prices the items, then writes the order and its lines in one transaction, unless the key was
   * already used. Synchronous, as better-sqlite3 is, so two requests with one key cannot interleave.
   * @throws ShopError naming the item whose productId is not in the catalog
   */
  place(idempotencyKey: string, request: OrderRequest, now: number): OrderOutcome;
}

interface StoredOrder {
  id: number;
  request: string;
  totalCents: number;
}

/** Creates the orders tables if needed; orders in a file database outlive restarts, as their keys must. */
export function openOrderStore(db: ShopDatabase): OrderStore {
  db.exec(`CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    request TEXT NOT NULL,
    customer_id TEXT,
    total_cents INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  )`);
  db.exec(`CREATE TABLE IF NOT EXISTS order_lines (
    order_id INTEGER NOT NULL,
    line INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    PRIMARY KEY (order_id, line)
  ) WITHOUT ROWID`);

  const byKey = db.prepare('SELECT id, request, total_cents AS totalCents FROM orders WHERE idempotency_key = ?');
  const priceOf = db.prepare('SELECT price_cents FROM products WHERE id = ?').pluck();
  const insertOrder = db.prepare(
    'INSERT INTO orders (idempotency_key, request, customer_id, total_cents, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertLine = db.prepare(
    'INSERT INTO order_lines (order_id, line, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)',
  );
  const linesOf = db.prepare(
    'SELECT product_id AS productId, quantity, unit_price_cents AS unitPriceCents FROM order_lines WHERE order_id = ? ORDER BY line',
  );

  const place = db.transaction((key: string, request: OrderRequest, now: number): OrderOutcome => {
    const stored = byKey.get(key) as StoredOrder | undefined;
    if (stored !== undefined) {
      if (stored.request !== request.fingerprint) return { kind: 'conflict', orderId: stored.id };
      const items = linesOf.all(stored.id) as OrderLine[];
      return { kind: 'replayed', order: { orderId: stored.id, totalCents: stored.totalCents, items } };
    }

    let totalCents = 0;
    const items = request.items.map(({ productId, quantity }, index): OrderLine => {
      const unitPriceCents = priceOf.get(productId) as number | undefined;
      if (unitPriceCents === undefined) {
        throw new ShopError(
          `unknown items[${index}].productId; expected the id of a product in the catalog (see GET /catalog), got ${productId}`,
        );
      }
      totalCents += unitPriceCents * quantity;
      return { productId, quantity, unitPriceCents };
    });
    const { customerId } = request;
    const orderId = Number(
      insertOrder.run(key, request.fingerprint, customerId ?? null, totalCents, now).lastInsertRowid,
    );
    items.forEach((item, line) => insertLine.run(orderId, line, item.productId, item.quantity, item.unitPriceCents));
    return { kind: 'created', order: { orderId, totalCents, items }, customerId, createdAt: now };
  });

  return { place: (key, request, now) => place(key, request, now) };
}
