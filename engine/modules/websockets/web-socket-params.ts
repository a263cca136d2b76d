import type { Tags } from '../../metrics/metric-types.ts';

/** The constructor's arguments after checking: what the connection and its metrics need. */
export interface WebSocketParams {
  /** The absolute ws:// or wss:// URL, as `WebSocket.url` reports it. */
  url: string;
  /** The host the connection goes to, as the URL parser read it (IPv6 in brackets). */
  hostname: string;
  protocols: string[];
  headers: Record<string, string>;
  /** The script's own object, so tag-set caches can reuse one key string across sockets. */
  tags: Tags;
  /** permessage-deflate, k6's only `compression`; off unless asked for, as in k6. */
  deflate: boolean;
}

const NO_TAGS: Tags = Object.freeze({}) as Tags;

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Reads `new WebSocket(url, protocols?, params?)`; a bad argument throws an error naming it. */
export function readWebSocketParams(url: unknown, protocols: unknown, rawParams: unknown): WebSocketParams {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new SyntaxError(`invalid WebSocket URL ${shown(url)}; expected an absolute ws:// or wss:// URL`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new SyntaxError(`invalid WebSocket URL ${shown(url)}; expected the ws:// or wss:// scheme, got ${parsed.protocol}//`);
  }
  if (parsed.hash) throw new SyntaxError(`invalid WebSocket URL ${shown(url)}; a WebSocket URL cannot have a #fragment`);

  const protocolList = protocols === undefined || protocols === null ? [] : Array.isArray(protocols) ? protocols : [protocols];
  for (const protocol of protocolList) {
    if (typeof protocol !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(protocol)) {
      throw new SyntaxError(`invalid WebSocket subprotocol ${shown(protocol)}; expected a token such as "chat"`);
    }
  }

  const params = (rawParams ?? {}) as Record<string, unknown>;
  if (typeof params !== 'object') throw new TypeError(`invalid WebSocket params ${shown(rawParams)}; expected an object with headers, tags or compression`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((params.headers ?? {}) as Record<string, unknown>)) headers[name] = String(value);
  const compression = params.compression ?? '';
  if (compression !== '' && compression !== 'deflate') {
    throw new TypeError(`invalid WebSocket compression ${shown(compression)}; expected "deflate" or none`);
  }
  return {
    url: parsed.href,
    hostname: parsed.hostname,
    protocols: protocolList as string[],
    headers,
    tags: (params.tags ?? NO_TAGS) as Tags,
    deflate: compression === 'deflate',
  };
}
