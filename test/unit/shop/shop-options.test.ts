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

  it.each([
    [{ port: -1 }, 'invalid port; expected an integer from 0 to 65535, got -1'],
    [{ productCount: 1.5 }, 'invalid productCount; expected an integer from 1 to 10000000, got 1.5'],
    [{ cacheSize: -5 }, 'invalid cacheSize; expected an integer from 0 to 10000000, got -5'],
    [{ host: '' }, 'invalid host; expected a non-empty string, got ""'],
    [{ faults: { errorRate: 3 } }, 'invalid fault errorRate in options.faults; expected a number from 0 to 1, got 3'],
  ])('rejects %j naming the option, what it accepts and what was given', (options, message) => {
    expect(() => resolveShopOptions(options)).toThrow(new ShopError(message));
  });
});
