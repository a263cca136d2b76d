import { ShopError, shown } from './shop-error.ts';

/**
 * Returns value if it is an integer from min to max, else throws a one-line ShopError naming label.
 * Flags pass their raw text through, so the message shows what the user typed (`got "8o80"`).
 */
export function checkInteger(label: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new ShopError(`invalid ${label}; expected an integer from ${min} to ${max}, got ${shown(value)}`);
}
