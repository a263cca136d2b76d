import { describe, expect, it } from 'vitest';
import { readShopEnv } from '../../../shop/read-shop-env.ts';
import { DEFAULT_SHOP_FAULTS } from '../../../shop/shop-faults.ts';

describe('readShopEnv', () => {
  it('reads nothing from an environment without shop variables, or with empty ones', () => {
    expect(readShopEnv({})).toEqual({});
    expect(readShopEnv({ SHOP_FAULTS: ' ', SHOP_KAFKA_BROKERS: '' })).toEqual({});
  });

  it('reads faults from SHOP_FAULTS and brokers from SHOP_KAFKA_BROKERS', () => {
    expect(readShopEnv({ SHOP_FAULTS: '{"pauseConsumer":true}', SHOP_KAFKA_BROKERS: 'a:1,b:2' })).toEqual({
      faults: { ...DEFAULT_SHOP_FAULTS, pauseConsumer: true },
      kafka: { brokers: ['a:1', 'b:2'] },
    });
  });

  it.each([
    [{ SHOP_FAULTS: '{"crashAfterS":-1}' }, 'invalid fault crashAfterS in SHOP_FAULTS; expected a number of seconds from 0 to 86400, got -1; fix or unset SHOP_FAULTS'],
    [{ SHOP_KAFKA_BROKERS: 'kafka' }, 'invalid SHOP_KAFKA_BROKERS; expected host:port[,host:port...] such as 127.0.0.1:39092, got "kafka"; fix or unset SHOP_KAFKA_BROKERS'],
  ])('rejects %j naming the variable and saying to fix or unset it', (env, message) => {
    expect(() => readShopEnv(env)).toThrow(message);
  });
});
