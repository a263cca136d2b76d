import { randomFillSync } from 'node:crypto';

/** Bytes of one traceparent's ids: a 16-byte trace id and an 8-byte parent id. */
const IDS_BYTES = 24;
/** Requests served by one refill of the random pool. */
const POOL_REQUESTS = 256;

/** A well-formed W3C `traceparent`: version, trace id, parent id and flags, lowercase hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_PARENT_ID = '0'.repeat(16);

/** The trace id and parent id of a `traceparent`, or undefined when it is not a valid one. */
export function parseTraceparent(value: string): { traceId: string; spanId: string } | undefined {
  const match = TRACEPARENT.exec(value.trim());
  if (!match || match[1] === 'ff' || match[2] === ZERO_TRACE_ID || match[3] === ZERO_PARENT_ID) return undefined;
  return { traceId: match[2]!, spanId: match[3]! };
}

/** Sets the last byte of `length` bytes at `at` to 1 when they are all zero: W3C forbids all-zero ids. */
function avoidZero(pool: Buffer, at: number, length: number): void {
  for (let index = at; index < at + length; index++) if (pool[index] !== 0) return;
  pool[at + length - 1] = 1;
}

/**
 * Makes `traceparent` header values (`00-<trace id>-<parent id>-01`, sampled) from a pool of random bytes
 * refilled once every 256 requests and hex-encoded in one go, so a request costs two substrings and a
 * concatenation rather than a crypto call and a buffer.
 */
export class TraceparentSource {
  private readonly pool = Buffer.allocUnsafe(IDS_BYTES * POOL_REQUESTS);
  private hex = '';
  /** Offset of the next unused ids in `hex`, in characters. */
  private offset = 0;

  next(): string {
    if (this.offset === this.hex.length) this.refill();
    const at = this.offset;
    this.offset = at + IDS_BYTES * 2;
    return '00-' + this.hex.slice(at, at + 32) + '-' + this.hex.slice(at + 32, at + 48) + '-01';
  }

  private refill(): void {
    const { pool } = this;
    randomFillSync(pool);
    for (let at = 0; at < pool.length; at += IDS_BYTES) {
      avoidZero(pool, at, 16);
      avoidZero(pool, at + 16, 8);
    }
    this.hex = pool.toString('hex');
    this.offset = 0;
  }
}
