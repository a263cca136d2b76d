import type { ShopDatabase } from './open-shop-database.ts';

/** A product's stock as GetStock answers it. */
export interface StockLevel {
  productId: number;
  /** Units left to reserve: the products table's stock column. */
  available: number;
  /** Units held by reservations since the shop started. */
  reserved: number;
}

/** What a Reserve call came to. */
export type ReserveOutcome =
  /** Reserved now, or earlier under the same reservation id (replayed); remaining is the stock left now. */
  | { kind: 'reserved'; remaining: number; replayed: boolean }
  | { kind: 'unknown-product' }
  | { kind: 'short'; available: number }
  /** The reservation id was already used for another product or quantity. */
  | { kind: 'mismatch'; productId: number; quantity: number };

export interface InventoryStore {
  stock(productId: number): StockLevel | undefined;
  /** Takes quantity units off the product's stock in one transaction, once per reservation id. */
  reserve(reservationId: string, productId: number, quantity: number): ReserveOutcome;
}

interface Reservation {
  productId: number;
  quantity: number;
}

/**
 * Inventory on the products table's stock column, plus a reservations table. Reservations are cleared at
 * every start because stock is reseeded then. Product reads through the HTTP cache may show the stock as
 * it was when the product was cached; inventory calls always read SQLite.
 */
export function openInventoryStore(db: ShopDatabase): InventoryStore {
  db.exec(`CREATE TABLE IF NOT EXISTS reservations (
    id TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL
  ) WITHOUT ROWID`);
  db.exec('CREATE INDEX IF NOT EXISTS reservations_by_product ON reservations (product_id)');
  db.exec('DELETE FROM reservations');

  const stockOf = db.prepare(`SELECT p.stock AS available,
      (SELECT coalesce(sum(r.quantity), 0) FROM reservations r WHERE r.product_id = p.id) AS reserved
    FROM products p WHERE p.id = ?`);
  const availableOf = db.prepare('SELECT stock FROM products WHERE id = ?').pluck();
  const reservationOf = db.prepare('SELECT product_id AS productId, quantity FROM reservations WHERE id = ?');
  // The stock check and the decrement are one statement, so stock can never go below zero.
  const takeStock = db
    .prepare('UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ? RETURNING stock')
    .pluck();
  const insertReservation = db.prepare('INSERT INTO reservations (id, product_id, quantity) VALUES (?, ?, ?)');

  const reserve = db.transaction((reservationId: string, productId: number, quantity: number): ReserveOutcome => {
    const earlier = reservationOf.get(reservationId) as Reservation | undefined;
    if (earlier !== undefined) {
      if (earlier.productId !== productId || earlier.quantity !== quantity) return { kind: 'mismatch', ...earlier };
      return { kind: 'reserved', remaining: availableOf.get(productId) as number, replayed: true };
    }
    const remaining = takeStock.get(quantity, productId, quantity) as number | undefined;
    if (remaining === undefined) {
      const available = availableOf.get(productId) as number | undefined;
      return available === undefined ? { kind: 'unknown-product' } : { kind: 'short', available };
    }
    insertReservation.run(reservationId, productId, quantity);
    return { kind: 'reserved', remaining, replayed: false };
  });

  return {
    stock(productId) {
      const row = stockOf.get(productId) as Omit<StockLevel, 'productId'> | undefined;
      return row === undefined ? undefined : { productId, ...row };
    },
    reserve: (reservationId, productId, quantity) => reserve(reservationId, productId, quantity),
  };
}
