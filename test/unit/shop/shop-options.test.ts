import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_OPTIONS, resolveShopOptions } from '../../../shop/shop-options.ts';
import { ShopError } from '../../../shop/shop-error.ts';

describe('resolveShopOptions', () => {
  it('applies every default when given nothing', () => {
    expect(resolveShopOptions()).toEqual(DEFAULT_SHOP_OPTIONS);
  });

  it('keeps given values and treats undefined ones as left out', () => {
    const resolved = resolveShopOptions({ port: 8080, productCount: undefined, faults: { errorRate: 0.5 } });
    expect(resolved.port).toBe(8080);
    expect(resolved.productCount).toBe(10_000);
    expect(resolved.faults.errorRate).toBe(0.5);
    expect(resolved.faults.latencyFactor).toBe(1);
  });

  it('serves gRPC and uses Kafka only when asked to, and never lets a crash fault exit unless asked to', () => {
    const resolved = resolveShopOptions();
    expect(resolved.grpcPort).toBeUndefined();
    expect(resolved.kafka).toBeUndefined();
    expect(resolved.exitOnCrash).toBe(false);
    expect(resolveShopOptions({ grpcPort: 0, kafka: { brokers: ['127.0.0.1:39092'] } })).toMatchObject({
      grpcPort: 0,
      kafka: { brokers: ['127.0.0.1:39092'], ordersTopic: 'shop.orders' },
    });
  });

  it.each([
    [{ port: -1 }, 'invalid port; expected an integer from 0 to 65535, got -1'],
    [{ productCount: 1.5 }, 'invalid productCount; expected an integer from 1 to 10000000, got 1.5'],
    [{ cacheSize: -5 }, 'invalid cacheSize; expected an integer from 0 to 10000000, got -5'],
    [{ host: '' }, 'invalid host; expected a non-empty string, got ""'],
    [{ faults: { errorRate: 3 } }, 'invalid fault errorRate in options.faults; expected a number from 0 to 1, got 3'],
    [{ grpcPort: 70_000 }, 'invalid grpcPort; expected an integer from 0 to 65535, got 70000'],
    [{ kafka: { brokers: ['nope'] } }, 'invalid kafka.brokers; expected host:port strings such as ["127.0.0.1:39092"], got ["nope"]'],
  ])('rejects %j naming the option, what it accepts and what was given', (options, message) => {
    expect(() => resolveShopOptions(options)).toThrow(new ShopError(message));
  });
});
