/**
 * mulberry32: a tiny, fast PRNG with a 32-bit state. It is not cryptographic; its users (the shop's
 * catalog, the verdict's bootstrap and permutation tests, test fixtures) only need the same seed to give
 * the same sequence on every machine and Node version, which Math.random cannot promise.
 *
 * @returns a function returning floats in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
