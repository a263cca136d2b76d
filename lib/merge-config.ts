import type { LoadbookConfig } from './config.ts';

/** A config with any field, at any depth, left out. */
export type PartialConfig = { [K in keyof LoadbookConfig]?: DeepPartial<LoadbookConfig[K]> };

/** Any field at any depth may be left out; arrays are replaced whole, so they stay as they are. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return copy(base);
  if (isPlainObject(base) && isPlainObject(patch)) {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(base)) merged[key] = mergeValue(base[key], patch[key]);
    for (const key of Object.keys(patch)) if (!(key in merged)) merged[key] = copy(patch[key]);
    return merged;
  }
  return copy(patch);
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isPlainObject(value)) return mergeValue(value, {});
  return value;
}

/**
 * Lays `patch` over `base` into a new object (neither input is touched): objects merge key by key, arrays
 * and scalars in the patch replace the base's, and fields the patch leaves out keep the base's value.
 * Keys keep the base's order, so configs merged from the same inputs serialise identically.
 */
export function mergeConfig(base: Readonly<LoadbookConfig>, patch: PartialConfig | undefined): LoadbookConfig {
  return mergeValue(base, patch ?? {}) as LoadbookConfig;
}
