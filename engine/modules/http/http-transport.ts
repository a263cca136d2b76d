import type { ExchangeRequest, ExchangeResult } from './send-exchange.ts';

/**
 * What the `k6/http` module needs from a VU's connections: send one exchange, count the bytes moved,
 * and close. `send` never rejects; transport failures resolve with `status: 0` and an `error` whose
 * `code` is the system code (ECONNREFUSED, ECONNRESET…) or `RequestTimeoutError`'s.
 */
export interface HttpTransport {
  send(request: ExchangeRequest): Promise<ExchangeResult>;
  /** Bytes written and read on this transport's sockets since the previous call. */
  takeByteCounts(): { sent: number; received: number };
  close(): Promise<void>;
}
