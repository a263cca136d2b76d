import { generateProduct, type Product } from './generate-product.ts';
import type { ShopDatabase } from './open-shop-database.ts';

/** What load scripts need to draw valid ids: ids run from minId to maxId without gaps. */
export interface Catalog {
  count: number;
  minId: number;
  maxId: number;
}

/** The products table behind the HTTP routes; reads are synchronous, as better-sqlite3's are. */
export interface ProductStore {
  readonly catalog: Catalog;
  get(id: number): Product | undefined;
  list(limit: number, offset: number): Product[];
}

// Aliases give rows the Product shape and field order, so a row is serialized as is, without copying.
const COLUMNS = 'id, sku, name, price_cents AS priceCents, stock, description';

/**
 * Creates the products table if needed and reseeds it with ids 1..productCount in one transaction.
 * Reseeding a file database too keeps every run's products identical, which baselines rely on.
 */
export function openProductStore(db: ShopDatabase, productCount: number): ProductStore {
  db.exec(`CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    stock INTEGER NOT NULL,
    description TEXT NOT NULL
  )`);

  const insert = db.prepare(
    'INSERT INTO products (id, sku, name, price_cents, stock, description) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.exec('DELETE FROM products');
    for (let id = 1; id <= productCount; id++) {
      const p = generateProduct(id);
      insert.run(p.id, p.sku, p.name, p.priceCents, p.stock, p.description);
    }
  })();

  const catalog = db
    .prepare('SELECT count(*) AS count, min(id) AS minId, max(id) AS maxId FROM products')
    .get() as Catalog;
  const byId = db.prepare(`SELECT ${COLUMNS} FROM products WHERE id = ?`);
  const page = db.prepare(`SELECT ${COLUMNS} FROM products ORDER BY id LIMIT ? OFFSET ?`);

  return {
    catalog,
    get: (id) => byId.get(id) as Product | undefined,
    list: (limit, offset) => page.all(limit, offset) as Product[],
  };
}
