import { seededRandom } from '../lib/seeded-random.ts';

/** A product as the API returns it; the column order of the products table follows these fields. */
export interface Product {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
  description: string;
}

/** Changing this reshuffles every product, which would invalidate committed baselines; leave it alone. */
const CATALOG_SEED = 0x10adb00c;

const ADJECTIVES = [
  'Sturdy', 'Compact', 'Vintage', 'Modern', 'Rustic', 'Sleek', 'Cozy', 'Rugged',
  'Elegant', 'Handmade', 'Portable', 'Classic', 'Minimal', 'Bold', 'Quiet', 'Bright',
] as const;
const MATERIALS = [
  'oak', 'steel', 'linen', 'ceramic', 'bamboo', 'leather', 'glass', 'wool', 'copper', 'cotton',
] as const;
const NOUNS = [
  'Lamp', 'Chair', 'Kettle', 'Backpack', 'Notebook', 'Mug', 'Blanket', 'Clock',
  'Shelf', 'Planter', 'Jacket', 'Speaker', 'Desk', 'Bottle', 'Scarf', 'Toolbox',
] as const;
const FILLER = [
  'designed', 'for', 'everyday', 'use', 'with', 'a', 'durable', 'finish', 'that', 'ages', 'well',
  'easy', 'to', 'clean', 'and', 'built', 'last', 'ships', 'in', 'recyclable', 'packaging', 'tested',
  'by', 'our', 'team', 'fits', 'small', 'spaces', 'comes', 'two-year', 'warranty',
] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * The product with this id. Each id seeds its own PRNG, so a product's data depends on its id alone: the
 * same id is the same product whatever productCount is, and load scripts can check payloads by id.
 */
export function generateProduct(id: number): Product {
  const random = seededRandom(Math.imul(id, 0x9e3779b1) ^ CATALOG_SEED);
  const adjective = pick(random, ADJECTIVES);
  const material = pick(random, MATERIALS);
  const noun = pick(random, NOUNS);
  // Descriptions vary from about 150 to 450 bytes so response sizes look like a real catalog's, not a constant.
  const words: string[] = [];
  const wordCount = between(random, 20, 60);
  for (let i = 0; i < wordCount; i++) words.push(pick(random, FILLER));
  const letters = String.fromCharCode(65 + between(random, 0, 25), 65 + between(random, 0, 25));
  return {
    id,
    sku: `LB-${String(id).padStart(6, '0')}-${letters}`,
    name: `${adjective} ${material} ${noun}`,
    priceCents: between(random, 199, 49_999),
    stock: between(random, 0, 500),
    description: `${adjective} ${noun.toLowerCase()} made of ${material}, ${words.join(' ')}.`,
  };
}
