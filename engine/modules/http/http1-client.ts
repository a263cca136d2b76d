import { LOOPBACK_ONLY, type HostAllowlist } from '../../net/host-allowlist.ts';
import { Http1Connection, type Http1ConnectionOwner } from './http1-connection.ts';
import { originOf, type Http1Origin } from './http1-origin.ts';
import type { HttpTransport } from './http-transport.ts';
import type { ExchangeRequest, ExchangeResult } from './send-exchange.ts';

type ExchangeError = Error & { code?: string };
type Resolve = (result: ExchangeResult) => void;

function interrupted(): ExchangeError {
  return new Error('iteration interrupted');
}

/** A result for a request that never reached a connection. */
function failedBeforeSending(error: ExchangeError): ExchangeResult {
  return {
    status: 0,
    statusText: '',
    headers: {},
    body: null,
    timings: { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, waiting: 0, receiving: 0, duration: 0 },
    error,
  };
}

/**
 * A VU's HTTP/1.1 client for `http:` URLs on raw sockets: keep-alive connections pooled per origin,
 * one exchange per connection at a time, so concurrent `asyncRequest`s of a VU each get their own
 * connection, as with k6's per-VU transport. Costs one promise, one head string and one result object
 * per request; see Http1Connection for how each timing phase is taken.
 *
 * Interruption: `request.signal` is honoured only if it is already aborted when `send` is called;
 * listening to it would cost an EventTarget listener per request, so the owner calls `abortAll()`.
 *
 * Hosts outside `allowlist` are refused when their origin is first seen: their requests fail before any
 * connection opens, at the cost of one property check per request.
 */
export class Http1Client implements HttpTransport, Http1ConnectionOwner {
  bytesSent = 0;
  bytesReceived = 0;
  private closing = false;
  private onClosed: (() => void) | null = null;
  private readonly origins = new Map<string, Http1Origin>();
  private readonly connections = new Set<Http1Connection>();
  /** `http://authority/` of the last origin, so repeated requests to it skip the map lookup. */
  private lastPrefix = '';
  private lastOrigin: Http1Origin | null = null;
  private captured: Resolve | null = null;
  /** The executor of every returned promise: one function for the client's life, not one per request. */
  private readonly capture = (resolve: Resolve): void => {
    this.captured = resolve;
  };

  constructor(private readonly allowlist: HostAllowlist = LOOPBACK_ONLY) {}

  send(request: ExchangeRequest): Promise<ExchangeResult> {
    const promise = new Promise<ExchangeResult>(this.capture);
    const resolve = this.captured!;
    this.captured = null;
    const dispatched = performance.now();
    if (request.signal.aborted) {
      resolve(failedBeforeSending(interrupted()));
      return promise;
    }
    if (this.closing) {
      resolve(failedBeforeSending(Object.assign(new Error('the HTTP client is closed'), { code: 'ERR_HTTP_CLIENT_CLOSED' })));
      return promise;
    }
    const href = request.url.href;
    let origin = this.lastOrigin;
    let pathStart = this.lastPrefix.length - 1;
    if (origin === null || !href.startsWith(this.lastPrefix)) {
      if (!href.startsWith('http://')) {
        const error = new Error(`this client speaks only plain HTTP/1.1; expected an http: URL, got ${JSON.stringify(request.url.protocol)}`);
        resolve(failedBeforeSending(Object.assign(error, { code: 'ERR_INVALID_PROTOCOL' })));
        return promise;
      }
      // A parsed http: URL always has a path, so the first '/' after "http://" starts it.
      pathStart = href.indexOf('/', 7);
      const authority = href.slice(7, pathStart);
      origin = this.origins.get(authority) ?? null;
      if (origin === null) {
        origin = originOf(request.url);
        origin.refusal = this.allowlist.refusal(origin.hostname);
        this.origins.set(authority, origin);
      }
      this.lastOrigin = origin;
      this.lastPrefix = href.slice(0, pathStart + 1);
    }
    if (origin.refusal !== undefined) {
      resolve(failedBeforeSending(origin.refusal));
      return promise;
    }
    const hash = href.indexOf('#', pathStart);
    const path = hash === -1 ? href.slice(pathStart) : href.slice(pathStart, hash);
    const connection = origin.idle.pop() ?? this.open(origin);
    connection.start(request, path, resolve, dispatched, false);
    return promise;
  }

  takeByteCounts(): { sent: number; received: number } {
    const counts = { sent: this.bytesSent, received: this.bytesReceived };
    this.bytesSent = 0;
    this.bytesReceived = 0;
    return counts;
  }

  /** Ends every exchange in flight with an 'iteration interrupted' error and closes their connections. */
  abortAll(): void {
    for (const connection of this.connections) {
      if (connection.busy) connection.interrupt(interrupted());
    }
  }

  /** Closes idle connections now and the others once their exchange ends; resolves when none is left. */
  close(): Promise<void> {
    this.closing = true;
    for (const connection of this.connections) connection.close();
    if (this.connections.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.onClosed = resolve));
  }

  open(origin: Http1Origin): Http1Connection {
    const connection = new Http1Connection(origin, this);
    this.connections.add(connection);
    return connection;
  }

  release(connection: Http1Connection): void {
    if (this.closing) connection.close();
    else connection.origin.idle.push(connection);
  }

  forget(connection: Http1Connection): void {
    this.connections.delete(connection);
    const idle = connection.origin.idle;
    const index = idle.lastIndexOf(connection);
    if (index !== -1) idle.splice(index, 1);
    if (this.closing && this.connections.size === 0) this.onClosed?.();
  }
}
