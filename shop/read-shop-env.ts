import { ShopError } from './shop-error.ts';
import { parseShopFaultsJson } from './shop-faults.ts';
import { parseBrokerList } from './shop-kafka-options.ts';
import type { ShopOptions } from './shop-options.ts';

/**
 * The options the shop's CLIs take from the environment; flags given on the command line win over them.
 * - `SHOP_FAULTS`: the faults to start with, as JSON (see ShopFaults);
 * - `SHOP_KAFKA_BROKERS`: `host:port[,host:port...]`, as `--kafka-brokers`.
 *
 * @throws ShopError naming the variable and saying to fix or unset it
 */
export function readShopEnv(env: NodeJS.ProcessEnv): Pick<ShopOptions, 'faults' | 'kafka'> {
  const options: Pick<ShopOptions, 'faults' | 'kafka'> = {};
  const faults = env['SHOP_FAULTS']?.trim();
  if (faults) options.faults = withHint('SHOP_FAULTS', () => parseShopFaultsJson(faults, 'SHOP_FAULTS'));
  const brokers = env['SHOP_KAFKA_BROKERS']?.trim();
  if (brokers) {
    options.kafka = { brokers: withHint('SHOP_KAFKA_BROKERS', () => parseBrokerList(brokers, 'SHOP_KAFKA_BROKERS')) };
  }
  return options;
}

function withHint<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ShopError) throw new ShopError(`${error.message}; fix or unset ${name}`);
    throw error;
  }
}
