/** What a route answers. Handlers return it and the request listener writes it, so faults and metrics apply in one place. */
export interface Reply {
  status: number;
  /** Already serialized, so cached products are written without stringifying them again. */
  body: string;
  /** @default 'application/json; charset=utf-8' */
  contentType?: string;
  /** Set on product reads only: whether the LRU cache answered. */
  cache?: 'HIT' | 'MISS';
  /** Set on an order answered again for a reused Idempotency-Key; sent as `Idempotent-Replayed: true`. */
  replayed?: true;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value) };
}

export function errorReply(status: number, error: string): Reply {
  return { status, body: JSON.stringify({ error }) };
}
