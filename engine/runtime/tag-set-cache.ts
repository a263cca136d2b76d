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
  private readonly entries = new Map<string, Map<number, TagSet>>();
  private base: Tags | undefined;

  constructor(private readonly vu: Vu) {}

  /**
   * The tag set for `key` and `variant`. Keys should be strings the script hands over again and again
   * (a request's name), whose hash V8 keeps; the small numeric variant (status, error code…) then
   * needs no string built per sample.
   */
  get(key: string, build: (base: Tags) => Tags, variant = 0): TagSet {
    const base = this.vu.baseTags();
    if (base !== this.base || this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.base = base;
    }
    let variants = this.entries.get(key);
    if (!variants) {
      variants = new Map();
      this.entries.set(key, variants);
    }
    let tagSet = variants.get(variant);
    if (!tagSet) {
      tagSet = this.vu.runtime.sink.tagSet(build(base));
      variants.set(variant, tagSet);
    }
    return tagSet;
  }
}

/** A key for the tags a script passes with a sample; `skip` leaves out one the caller keys on already. */
export function customTagKey(tags: Tags | undefined, skip?: string): string {
  let key = '';
  for (const name in tags) if (name !== skip) key += name + '\u0001' + String(tags[name]) + '\u0002';
  return key;
}
