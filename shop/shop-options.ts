import { checkInteger } from './check-integer.ts';
import { ShopError, shown } from './shop-error.ts';
import { parseShopFaults, DEFAULT_SHOP_FAULTS, type ShopFaults } from './shop-faults.ts';
import { resolveShopKafkaOptions, type ResolvedShopKafkaOptions, type ShopKafkaOptions } from './shop-kafka-options.ts';

/** How to start the reference shop. Every field is optional; the defaults serve a local load test. */
export interface ShopOptions {
  /**
   * Interface to listen on. Loopback, so a load test never exposes the shop by accident.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * TCP port; 0 picks a free one, which RunningShop.url reports.
   * @default 0
   */
  port?: number;
  /**
   * Products seeded, with ids 1..productCount.
   * @default 10000
   */
  productCount?: number;
  /**
   * Products the LRU cache holds; 0 turns the cache off, so every read goes to SQLite.
   * @default 2000
   */
  cacheSize?: number;
  /**
   * SQLite database file. The products table is reseeded at every start either way.
   * @default ':memory:'
   */
  dbPath?: string;
  /**
   * Faults to start with; knobs left out take their defaults. They can be changed later via PUT /admin/faults.
   * @default DEFAULT_SHOP_FAULTS
   */
  faults?: Partial<ShopFaults>;
  /**
   * Port of the gRPC Inventory server, on the same host; 0 picks a free one, which RunningShop.grpcAddress
   * reports. Left out, the shop serves no gRPC.
   * @default undefined (no gRPC server)
   */
  grpcPort?: number;
  /**
   * Kafka brokers and topics. Given, orders publish OrderCreated events and a consumer group reads the
   * topics; left out, the shop runs without Kafka.
   * @default undefined (no Kafka)
   */
  kafka?: ShopKafkaOptions;
  /**
   * Whether the crashAfterS fault may exit the process. The shop's CLIs turn it on; in-process callers
   * leave it off so a fault cannot take their own process down.
   * @default false
   */
  exitOnCrash?: boolean;
}

/** ShopOptions with every default applied and every value checked. */
export interface ResolvedShopOptions extends Required<Omit<ShopOptions, 'faults' | 'grpcPort' | 'kafka'>> {
  faults: ShopFaults;
  grpcPort?: number;
  kafka?: ResolvedShopKafkaOptions;
}

export const DEFAULT_SHOP_OPTIONS: Readonly<ResolvedShopOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  productCount: 10_000,
  cacheSize: 2_000,
  dbPath: ':memory:',
  faults: DEFAULT_SHOP_FAULTS,
  exitOnCrash: false,
});

// Seeding runs before the shop listens (about 9 s per million rows on a dev machine); a cap turns a
// typo such as 10000000000 into an error rather than an hour-long hang.
export const MAX_PRODUCTS = 10_000_000;
const MAX_CACHE = 10_000_000;

/**
 * Applies defaults to options and checks them.
 * @throws ShopError naming the option, what it accepts and the value given
 */
export function resolveShopOptions(options: ShopOptions = {}): ResolvedShopOptions {
  const given = { ...DEFAULT_SHOP_OPTIONS, ...withoutUndefined(options) };
  return {
    host: nonEmpty('host', given.host),
    port: checkInteger('port', given.port, 0, 65_535),
    productCount: checkInteger('productCount', given.productCount, 1, MAX_PRODUCTS),
    cacheSize: checkInteger('cacheSize', given.cacheSize, 0, MAX_CACHE),
    dbPath: nonEmpty('dbPath', given.dbPath),
    faults: parseShopFaults(options.faults ?? {}, 'options.faults'),
    exitOnCrash: given.exitOnCrash === true,
    ...(given.grpcPort === undefined ? {} : { grpcPort: checkInteger('grpcPort', given.grpcPort, 0, 65_535) }),
    ...(given.kafka === undefined ? {} : { kafka: resolveShopKafkaOptions(given.kafka) }),
  };
}

function nonEmpty(label: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new ShopError(`invalid ${label}; expected a non-empty string, got ${shown(value)}`);
}

function withoutUndefined(options: ShopOptions): ShopOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ShopOptions;
}
