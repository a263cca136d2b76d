import { describe, expect, it } from 'vitest';
import { productMatches } from '../../../lib/product-matches.ts';

const product = { id: 42, sku: 'LB-000042-AB', name: 'Sturdy oak Lamp', priceCents: 1999, stock: 3 };

describe('productMatches', () => {
  it.each([
    ['the product asked for', JSON.stringify(product), true],
    ['another product', JSON.stringify({ ...product, id: 43 }), false],
    ['an id given as text', JSON.stringify({ ...product, id: '42' }), false],
    ['a product without a name', JSON.stringify({ ...product, name: undefined }), false],
    ['an empty name', JSON.stringify({ ...product, name: '' }), false],
    ['a fractional price', JSON.stringify({ ...product, priceCents: 19.99 }), false],
    ['a price given as text', JSON.stringify({ ...product, priceCents: '1999' }), false],
    ['an error body', JSON.stringify({ error: 'not found' }), false],
    ['malformed JSON', '{"id":42,', false],
    ['JSON null', 'null', false],
    ['no body', null, false],
  ] as const)('says %s is %s', (_what, body, expected) => {
    expect(productMatches(body, 42)).toBe(expected);
  });
});
