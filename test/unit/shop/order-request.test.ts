import { describe, expect, it } from 'vitest';
import { parseOrderRequest } from '../../../shop/order-request.ts';
import { ShopError } from '../../../shop/shop-error.ts';

const item = (productId: unknown, quantity: unknown) => ({ productId, quantity });
const body = (value: unknown) => JSON.stringify(value);

describe('parseOrderRequest', () => {
  it('reads items and an optional customerId', () => {
    expect(parseOrderRequest(body({ items: [item(3, 2)], customerId: 'c-1' }))).toMatchObject({
      items: [{ productId: 3, quantity: 2 }],
      customerId: 'c-1',
    });
    expect(parseOrderRequest(body({ items: [item(3, 2)] }))).not.toHaveProperty('customerId');
  });

  it('gives the same fingerprint whatever the key order and spacing, and a different one for another order', () => {
    const a = parseOrderRequest('{"items":[{"productId":1,"quantity":2}],"customerId":"x"}');
    const b = parseOrderRequest('{ "customerId": "x", "items": [ { "quantity": 2, "productId": 1 } ] }');
    const c = parseOrderRequest('{"items":[{"productId":1,"quantity":3}],"customerId":"x"}');
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it('accepts the limits: 50 items, quantities 1 and 100', () => {
    const items = Array.from({ length: 50 }, (_, i) => item(i + 1, i % 2 === 0 ? 1 : 100));
    expect(parseOrderRequest(body({ items })).items).toHaveLength(50);
  });

  it.each([
    ['not json', 'invalid JSON in the order body; expected a JSON object such as {"items":[{"productId":1,"quantity":2}]}, got "not json"'],
    ['[1,2]', 'invalid order body; expected a JSON object such as {"items":[{"productId":1,"quantity":2}]}, got an array of 2 items'],
    ['null', 'invalid order body; expected a JSON object such as {"items":[{"productId":1,"quantity":2}]}, got null'],
    [body({}), 'missing items in the order body; expected an array of 1 to 50 items'],
    [body({ items: [] }), 'invalid items; expected an array of 1 to 50 items, got an array of 0 items'],
    [body({ items: Array.from({ length: 51 }, () => item(1, 1)) }), 'invalid items; expected an array of 1 to 50 items, got an array of 51 items'],
    [body({ items: 'all' }), 'invalid items; expected an array of 1 to 50 items, got "all"'],
    [body({ items: [5] }), 'invalid items[0]; expected an object with productId and quantity, got 5'],
    [body({ items: [{ productId: 1 }] }), 'missing items[0].quantity in the order body; expected an integer from 1 to 100'],
    [body({ items: [item(1, 1), item(0, 1)] }), 'invalid items[1].productId; expected an integer product id of at least 1, got 0'],
    [body({ items: [item('7', 1)] }), 'invalid items[0].productId; expected an integer product id of at least 1, got "7"'],
    [body({ items: [item(7, 0)] }), 'invalid items[0].quantity; expected an integer from 1 to 100, got 0'],
    [body({ items: [item(7, 101)] }), 'invalid items[0].quantity; expected an integer from 1 to 100, got 101'],
    [body({ items: [item(7, 1.5)] }), 'invalid items[0].quantity; expected an integer from 1 to 100, got 1.5'],
    [body({ items: [{ ...item(7, 1), price: 1 }] }), 'unknown field "price" in items[0]; expected only productId, quantity'],
    [body({ item: [item(7, 1)] }), 'unknown field "item" in the order body; expected only items, customerId'],
    [body({ items: [item(7, 1)], coupon: 'FREE' }), 'unknown field "coupon" in the order body; expected only items, customerId'],
    [body({ items: [item(7, 1)], customerId: '' }), 'invalid customerId; expected a string of 1 to 200 characters, got ""'],
    [body({ items: [item(7, 1)], customerId: 42 }), 'invalid customerId; expected a string of 1 to 200 characters, got 42'],
  ])('rejects %s with one line naming the field', (text, message) => {
    expect(() => parseOrderRequest(text)).toThrow(new ShopError(message));
  });
});
