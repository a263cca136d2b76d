/** An order as the shop's POST /orders takes it. */
export interface OrderBody {
  items: { productId: number; quantity: number }[];
}

const randomInt = (max: number) => 1 + Math.floor(Math.random() * max);

/** 1..maxItems distinct products from 1..catalogSize, each with quantity 1..maxQuantity. */
export function randomOrder(catalogSize: number, maxItems: number, maxQuantity: number): OrderBody {
  const count = Math.min(randomInt(maxItems), catalogSize);
  const ids = new Set<number>();
  while (ids.size < count) ids.add(randomInt(catalogSize));
  return { items: [...ids].map((productId) => ({ productId, quantity: randomInt(maxQuantity) })) };
}
