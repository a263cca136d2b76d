/**
 * Whether a response body is the product that was asked for: JSON whose `id` is `id`, with a non-empty
 * string `name` and a whole, non-negative `priceCents`. A cache that served the wrong key, or a truncated
 * or error body with status 200, fails here.
 */
export function productMatches(body: string | ArrayBuffer | null, id: number): boolean {
  if (typeof body !== 'string') return false;
  let product: unknown;
  try {
    product = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof product !== 'object' || product === null) return false;
  const { id: bodyId, name, priceCents } = product as Record<string, unknown>;
  return (
    bodyId === id &&
    typeof name === 'string' &&
    name.length > 0 &&
    typeof priceCents === 'number' &&
    Number.isInteger(priceCents) &&
    priceCents >= 0
  );
}
