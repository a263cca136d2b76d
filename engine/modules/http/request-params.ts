import { parseDuration } from '../../options/parse-duration.ts';
import type { Tags } from '../../metrics/metric-types.ts';

export type ResponseType = 'text' | 'binary' | 'none';

/** The request params `asyncRequest` accepts, after defaults from the test options. */
export interface RequestParams {
  headers: Record<string, string>;
  tags: Tags;
  timeoutMs: number;
  responseType: ResponseType;
  redirects: number;
  responseCallback: ((response: { status: number }) => boolean) | undefined | null;
}

export interface HttpDefaults {
  userAgent: string;
  maxRedirects: number;
  discardResponseBodies: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const NO_TAGS: Tags = Object.freeze({}) as Tags;

/** Reads the options that shape every request: k6's `userAgent`, `maxRedirects`, `discardResponseBodies`. */
export function httpDefaults(options: Record<string, unknown>): HttpDefaults {
  return {
    userAgent: typeof options.userAgent === 'string' ? options.userAgent : 'loadbook/0.1 (k6-compatible)',
    maxRedirects: typeof options.maxRedirects === 'number' ? options.maxRedirects : 10,
    discardResponseBodies: options.discardResponseBodies === true,
  };
}

export function normalizeParams(raw: unknown, defaults: HttpDefaults): RequestParams {
  const params = (raw ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = { 'User-Agent': defaults.userAgent };
  for (const [name, value] of Object.entries((params.headers ?? {}) as Record<string, unknown>)) headers[name] = String(value);
  // The script's own object, not a copy: tag-set caches key on its identity when the script reuses it.
  const tags = (params.tags ?? NO_TAGS) as Tags;
  const responseType = (params.responseType ?? (defaults.discardResponseBodies ? 'none' : 'text')) as ResponseType;
  if (responseType !== 'text' && responseType !== 'binary' && responseType !== 'none') {
    throw new Error(`invalid responseType ${JSON.stringify(responseType)}; expected "text", "binary" or "none"`);
  }
  return {
    headers,
    tags,
    timeoutMs: params.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(params.timeout, 'request timeout'),
    responseType,
    redirects: typeof params.redirects === 'number' ? params.redirects : defaults.maxRedirects,
    responseCallback: params.responseCallback as RequestParams['responseCallback'],
  };
}

/** Encodes a body as k6 does: strings and bytes as they are, plain objects as a URL-encoded form. */
export function encodeBody(body: unknown, headers: Record<string, string>): string | Uint8Array | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'object') {
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return new URLSearchParams(body as Record<string, string>).toString();
  }
  return String(body);
}
