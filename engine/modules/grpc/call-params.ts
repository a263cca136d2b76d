import { Metadata } from '@grpc/grpc-js';
import type { Tags } from '../../metrics/metric-types.ts';
import { parseDuration } from '../../options/parse-duration.ts';

/** k6's default deadline for a call: 60 s. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** `asyncInvoke`'s params after reading: k6's `{ metadata, tags, timeout, discardResponseMessage }`. */
export interface CallParams {
  metadata: Metadata | undefined;
  tags: Tags | undefined;
  timeoutMs: number;
  discardResponseMessage: boolean;
}

const NO_PARAMS: CallParams = Object.freeze({ metadata: undefined, tags: undefined, timeoutMs: DEFAULT_CALL_TIMEOUT_MS, discardResponseMessage: false });

// Scripts pass the same timeout string on every call; parsing it once is enough.
let lastTimeout: string | undefined;
let lastTimeoutMs = DEFAULT_CALL_TIMEOUT_MS;

/** The call deadline in ms: a k6 duration string, or a number of milliseconds. */
export function timeoutMsOf(timeout: unknown): number {
  if (timeout === undefined || timeout === null) return DEFAULT_CALL_TIMEOUT_MS;
  if (typeof timeout === 'number' && timeout >= 0) return timeout;
  if (typeof timeout === 'string' && timeout === lastTimeout) return lastTimeoutMs;
  const ms = parseDuration(timeout, 'grpc call timeout');
  if (typeof timeout === 'string') {
    lastTimeout = timeout;
    lastTimeoutMs = ms;
  }
  return ms;
}

export function readCallParams(raw: unknown): CallParams {
  if (raw === undefined || raw === null) return NO_PARAMS;
  if (typeof raw !== 'object') throw new TypeError(`invalid grpc params ${JSON.stringify(raw)}; expected an object such as { timeout: '2s', tags: {...}, metadata: {...} }`);
  const params = raw as { metadata?: unknown; tags?: unknown; timeout?: unknown; discardResponseMessage?: unknown };
  return {
    metadata: params.metadata === undefined || params.metadata === null ? undefined : metadataOf(params.metadata),
    // The script's own object: tag-set caches key on its contents, and it is read, never kept.
    tags: (params.tags ?? undefined) as Tags | undefined,
    timeoutMs: timeoutMsOf(params.timeout),
    discardResponseMessage: params.discardResponseMessage === true,
  };
}

/** Request metadata: values of keys ending in `-bin` are binary, as k6 documents. */
export function metadataOf(raw: unknown): Metadata {
  if (typeof raw !== 'object' || raw === null) throw new TypeError(`invalid grpc metadata ${JSON.stringify(raw)}; expected an object of key: value`);
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.endsWith('-bin')) metadata.add(key, binaryOf(key, value));
    else metadata.add(key, String(value));
  }
  return metadata;
}

function binaryOf(key: string, value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`invalid grpc metadata ${key}; keys ending in -bin take a string, an ArrayBuffer or a typed array, got ${typeof value}`);
}

/** Response headers or trailers as k6 gives them: key → list of values. */
export function metadataToObject(metadata: Metadata | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!metadata) return out;
  const map = metadata.toJSON();
  for (const key in map) out[key] = map[key]!.map((value) => (typeof value === 'string' ? value : value.toString('utf8')));
  return out;
}
