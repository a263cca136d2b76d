import { charCodes, matchesAt } from './char-codes.ts';

const PREFIX = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const ZONE = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** 10^(3 - digits): scales a fraction of `digits` digits to milliseconds. */
const FRACTION_SCALE = [0, 100, 10, 1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6];

/**
 * Parses RFC 3339 times (`2017-05-09T14:34:45.625742514+02:00`, `…Z`) into epoch milliseconds, with the
 * fraction kept below the millisecond. Consecutive k6 points share their whole second and zone, so
 * those are parsed once and reused: the common case reads only the fraction's digits.
 */
export class Rfc3339Clock {
  private prefixBytes: Buffer = Buffer.alloc(0);
  private zoneBytes: Buffer = Buffer.alloc(0);
  private prefix: Uint16Array = new Uint16Array(0);
  private zone: Uint16Array = new Uint16Array(0);
  private base = 0;
  /** Where scanBytes found the closing quote. */
  end = 0;

  /** Epoch ms of `text.slice(start, end)`, or NaN when it is not an RFC 3339 time. */
  parse(text: string, start: number, end: number): number {
    if (end - start < 20) return NaN;
    let pos = start + 19;
    let fraction = 0;
    let digits = 0;
    if (text.charCodeAt(pos) === 46 /* . */) {
      pos++;
      for (; pos < end; pos++) {
        const code = text.charCodeAt(pos) - 48;
        if (code < 0 || code > 9) break;
        if (digits < 9) {
          fraction = fraction * 10 + code;
          digits++;
        }
      }
      if (digits === 0) return NaN;
    }
    const cached =
      this.prefix.length === 19 && end - pos === this.zone.length && matchesAt(text, start, this.prefix) && matchesAt(text, pos, this.zone);
    if (!cached && !this.learn(text.slice(start, start + 19), text.slice(pos, end))) return NaN;
    return this.base + fraction * FRACTION_SCALE[digits]!;
  }

  /** The same as parse, on the bytes `buf[start, end)`. */
  parseBytes(buf: Buffer, start: number, end: number): number {
    if (end - start < 20) return NaN;
    let pos = start + 19;
    let fraction = 0;
    let digits = 0;
    if (buf[pos] === 46 /* . */) {
      pos++;
      for (; pos < end; pos++) {
        const code = buf[pos]! - 48;
        if (code < 0 || code > 9) break;
        if (digits < 9) {
          fraction = fraction * 10 + code;
          digits++;
        }
      }
      if (digits === 0) return NaN;
    }
    let cached = this.prefixBytes.length === 19 && end - pos === this.zoneBytes.length;
    for (let i = 0; cached && i < 19; i++) cached = buf[start + i] === this.prefixBytes[i];
    for (let i = 0; cached && i < this.zoneBytes.length; i++) cached = buf[pos + i] === this.zoneBytes[i];
    if (!cached && !this.learn(buf.toString('latin1', start, start + 19), buf.toString('latin1', pos, end))) return NaN;
    return this.base + fraction * FRACTION_SCALE[digits]!;
  }

  /**
   * Reads the time that starts at `buf[start]` and ends before the next `"` (searched up to `limit`):
   * its epoch ms, or NaN when it is not an RFC 3339 time. On success `end` is the quote's position. In
   * the common case (the previous time's second and zone) the time's bytes are read once, with no
   * separate search for the quote.
   */
  scanBytes(buf: Buffer, start: number, limit: number): number {
    const prefix = this.prefixBytes;
    const zone = this.zoneBytes;
    if (prefix.length === 19 && start + 20 < limit) {
      let same = true;
      // The seconds digits change most often, so they are compared first.
      for (let i = 18; i >= 0; i--) {
        if (buf[start + i] !== prefix[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        let pos = start + 19;
        let fraction = 0;
        let digits = 0;
        if (buf[pos] === 46 /* . */) {
          pos++;
          for (let code = buf[pos]! - 48; code >= 0 && code <= 9 && pos < limit; code = buf[++pos]! - 48) {
            if (digits < 9) {
              fraction = fraction * 10 + code;
              digits++;
            }
          }
          if (digits === 0) same = false;
        }
        for (let i = 0; same && i < zone.length; i++) same = buf[pos + i] === zone[i];
        if (same && pos + zone.length < limit && buf[pos + zone.length] === 34 /* " */) {
          this.end = pos + zone.length;
          return this.base + fraction * FRACTION_SCALE[digits]!;
        }
      }
    }
    let quote = start;
    while (quote < limit && buf[quote] !== 34) quote++;
    if (quote >= limit) return NaN;
    this.end = quote;
    return this.parseBytes(buf, start, quote);
  }

  private learn(prefix: string, zone: string): boolean {
    const date = PREFIX.exec(prefix);
    const offset = ZONE.exec(zone);
    if (!date || !offset) return false;
    const [, year, month, day, hour, minute, second] = date.map(Number) as number[];
    let base = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
    if (offset[1]) base -= (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000;
    if (!Number.isFinite(base)) return false;
    this.prefixBytes = Buffer.from(prefix, 'latin1');
    this.zoneBytes = Buffer.from(zone, 'latin1');
    this.prefix = charCodes(prefix);
    this.zone = charCodes(zone);
    this.base = base;
    return true;
  }
}
