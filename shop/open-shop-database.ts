import Database from 'better-sqlite3';

/** The shop's SQLite connection, shared by products, orders and inventory so one transaction can span them. */
export type ShopDatabase = Database.Database;

/**
 * Opens (or creates) the shop's database. The stores create their own tables; startShop closes it.
 */
export function openShopDatabase(dbPath: string): ShopDatabase {
  const db = new Database(dbPath);
  if (dbPath !== ':memory:') {
    // WAL lets a file database serve reads while orders write; an in-memory database ignores it.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a crash of the shop process (the crashAfterS fault) and loses at most
    // the last transactions on power loss, which a load-test target can afford; FULL would put an fsync
    // on every order.
    db.pragma('synchronous = NORMAL');
  }
  return db;
}
