import type { Tags } from '../metrics/metric-types.ts';
import type { TagSet } from '../metrics/sample-sink.ts';
import type { Vu } from './vu.ts';

/** Beyond this many entries the cache starts over: unnamed per-id URLs must not grow it without bound. */
const MAX_ENTRIES = 10_000;

/**
 * Interned tag sets of one VU, keyed by a short string the caller builds from the values that vary
 * (status, check name…). Valid while the VU's base tags stay the same object, so the hot path neither
 * builds a tags object nor computes a full tag key per sample.
 */
export class TagSetCache {
  private readonly entries = new Map<string, TagSet>();
  private base: Tags | undefined;

  constructor(private readonly vu: Vu) {}

  get(key: string, build: (base: Tags) => Tags): TagSet {
    const base = this.vu.baseTags();
    if (base !== this.base || this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.base = base;
    }
    let tagSet = this.entries.get(key);
    if (!tagSet) {
      tagSet = this.vu.runtime.sink.tagSet(build(base));
      this.entries.set(key, tagSet);
    }
    return tagSet;
  }
}

const customKeys = new WeakMap<Tags, string>();

/** A key for a tags object passed in params; computed once per object the script reuses. */
export function customTagKey(tags: Tags | undefined): string {
  if (!tags) return '';
  let key = customKeys.get(tags);
  if (key === undefined) {
    key = '';
    for (const name in tags) key += name + '\u0001' + String(tags[name]) + '\u0002';
    customKeys.set(tags, key);
  }
  return key;
}
