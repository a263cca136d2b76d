import { describe, expect, it } from 'vitest';
import { generateProduct } from '../../../shop/generate-product.ts';

describe('generateProduct', () => {
  it('gives the same id the same product every time', () => {
    expect(generateProduct(4242)).toEqual(generateProduct(4242));
  });

  it('gives different ids different products', () => {
    const names = new Set(Array.from({ length: 50 }, (_, i) => JSON.stringify(generateProduct(i + 1))));
    expect(names.size).toBe(50);
  });

  it('keeps a known product stable, since baselines and load scripts rely on seeded data', () => {
    expect(generateProduct(1)).toMatchObject({ id: 1, sku: 'LB-000001-VY', name: 'Minimal glass Bottle', priceCents: 42795, stock: 197 });
  });

  it('stays within the documented ranges', () => {
    for (let id = 1; id <= 500; id++) {
      const p = generateProduct(id);
      expect(p.sku).toMatch(/^LB-\d{6}-[A-Z]{2}$/);
      expect(p.priceCents).toBeGreaterThanOrEqual(199);
      expect(p.priceCents).toBeLessThanOrEqual(49_999);
      expect(p.stock).toBeGreaterThanOrEqual(0);
      expect(p.stock).toBeLessThanOrEqual(500);
      expect(p.description.length).toBeGreaterThan(50);
    }
  });
});
