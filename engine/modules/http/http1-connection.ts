import type { IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Http1ParseError, Http1ResponseParser, type ResponseParserHandler } from './http1-response-parser.ts';
import type { Http1Origin } from './http1-origin.ts';
import { serializeRequestHead } from './http1-request-head.ts';
import { RequestTimeoutError, type ExchangeRequest, type ExchangeResult } from './send-exchange.ts';

/** The client that owns a connection: byte counters and pool bookkeeping. */
export interface Http1ConnectionOwner {
  bytesSent: number;
  bytesReceived: number;
  /** The connection finished an exchange and may carry another. */
  release(connection: Http1Connection): void;
  /** The connection is gone; drop every reference to it. */
  forget(connection: Http1Connection): void;
  /** A new connection to `origin`, for a retry. */
  open(origin: Http1Origin): Http1Connection;
}

type ExchangeError = Error & { code?: string };
type Resolve = (result: ExchangeResult) => void;

/**
 * Incoming bytes land here for every connection of the thread. Reads are delivered one at a time and
 * parsed synchronously, and the parser copies what it keeps, so one buffer serves all sockets.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
/** Bodies up to this size get one exact allocation from Content-Length; larger ones are gathered in chunks. */
const PREALLOCATE_LIMIT = 8 * 1024 * 1024;
const EMPTY_BODY = Buffer.alloc(0);
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

function hangUp(): ExchangeError {
  return Object.assign(new Error('socket hang up: the server closed the connection before responding'), { code: 'ECONNRESET' });
}

/**
 * One keep-alive HTTP/1.1 connection carrying one exchange at a time. Everything an exchange needs is
 * a field, and socket events go to methods bound once per connection, so a request allocates only its
 * head string, its result and the promise the client returns.
 *
 * `sending` runs from the start of serialization to the moment the bytes are in the kernel: right
 * after `socket.write` when it flushed synchronously (`writableLength === 0`, the usual case for a
 * request that fits the socket buffer), else when the write callback fires, else at the first
 * response byte if that comes first.
 */
export class Http1Connection implements ResponseParserHandler {
  readonly socket: Socket;
  /** Destroyed, or about to be: never hand it out again. */
  dead = false;
  private readonly parser: Http1ResponseParser;
  private connected = false;
  private used = false;
  private readonly connectStart: number;
  private connectEnd = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerMs = 0;

  private request: ExchangeRequest | null = null;
  private resolve: Resolve | null = null;
  private path = '';
  private reused = false;
  private retried = false;
  private dispatched = 0;
  private writeStart = 0;
  private sent = 0;
  private firstByte = 0;
  private status = 0;
  private statusText = '';
  private headers: IncomingHttpHeaders | null = null;
  private body: Buffer | null = null;
  private bodyOffset = 0;
  private chunks: Buffer[] | null = null;

  constructor(
    readonly origin: Http1Origin,
    private readonly owner: Http1ConnectionOwner,
  ) {
    this.parser = new Http1ResponseParser(this);
    this.connectStart = performance.now();
    this.socket = connect({ host: origin.hostname, port: origin.port, onread: { buffer: READ_BUFFER, callback: this.onRead } });
    this.socket.setNoDelay(true);
    this.socket.on('connect', this.onConnect);
    this.socket.on('error', this.onError);
    this.socket.on('end', this.onEnd);
    this.socket.on('close', this.onClose);
  }

  get busy(): boolean {
    return this.request !== null;
  }

  /** Starts an exchange; `path` is the request target, `retried` marks the one retry of a failed reuse. */
  start(request: ExchangeRequest, path: string, resolve: Resolve, dispatched: number, retried: boolean): void {
    this.request = request;
    this.resolve = resolve;
    this.path = path;
    this.dispatched = dispatched;
    this.retried = retried;
    this.reused = this.used;
    this.used = true;
    this.writeStart = 0;
    this.sent = 0;
    this.firstByte = 0;
    this.status = 0;
    this.statusText = '';
    this.headers = null;
    this.body = null;
    this.bodyOffset = 0;
    this.chunks = null;
    this.parser.noBody = request.method === 'HEAD';
    this.armTimer(retried ? request.timeoutMs - (performance.now() - dispatched) : request.timeoutMs);
    if (this.connected) this.write();
  }

  /** Ends the exchange in flight, if any, with `error`, and closes the connection. */
  interrupt(error: ExchangeError): void {
    this.fail(error, false);
  }

  close(): void {
    if (this.request === null) this.destroy();
  }

  onResponseHead(status: number, statusText: string, headers: IncomingHttpHeaders, bodyLength: number): void {
    const request = this.request;
    if (request === null) throw new Http1ParseError('received a response with no request in flight');
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    if (!request.keepBody || bodyLength === 0) return;
    if (bodyLength > 0 && bodyLength <= PREALLOCATE_LIMIT) this.body = Buffer.allocUnsafe(bodyLength);
    else this.chunks = [];
  }

  onResponseBody(chunk: Buffer, start: number, end: number): void {
    if (this.body !== null) {
      chunk.copy(this.body, this.bodyOffset, start, end);
      this.bodyOffset += end - start;
    } else if (this.chunks !== null) {
      this.chunks.push(Buffer.copyBytesFrom(chunk, start, end - start));
    }
  }

  onResponseComplete(): void {
    const request = this.request!;
    const resolve = this.resolve!;
    let body: Buffer | null = null;
    if (request.keepBody) {
      const chunks = this.chunks;
      body = this.body ?? (chunks === null || chunks.length === 0 ? EMPTY_BODY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    }
    const result = this.result(undefined, performance.now(), body);
    this.request = null;
    this.resolve = null;
    this.body = null;
    this.chunks = null;
    if (this.parser.keepAlive) this.owner.release(this);
    else this.destroy();
    resolve(result);
  }

  private write(): void {
    const request = this.request!;
    this.writeStart = performance.now();
    const { method, body } = request;
    const bodyBytes = body === null ? -1 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    let head: string;
    try {
      head = serializeRequestHead(method, this.path, this.origin, request.headers, bodyBytes);
    } catch (error) {
      this.fail(error as ExchangeError, false);
      return;
    }
    // UTF-8 throughout, as Go's net/http writes header strings as their bytes.
    const headBytes = Buffer.byteLength(head);
    this.owner.bytesSent += headBytes + Math.max(0, bodyBytes);
    if (body === null) this.socket.write(head, this.onWritten);
    else if (typeof body === 'string') this.socket.write(head + body, this.onWritten);
    else {
      const out = Buffer.allocUnsafe(headBytes + body.byteLength);
      out.write(head, 0, headBytes);
      out.set(body, headBytes);
      this.socket.write(out, this.onWritten);
    }
    if (this.socket.writableLength === 0 && this.sent === 0) this.sent = performance.now();
  }

  private armTimer(ms: number): void {
    // One timer per connection, re-armed with refresh(): no timer object per request. It is unref'd
    // because a request in flight keeps its socket, which keeps the process alive.
    if (this.timer !== null && this.timerMs === ms) {
      this.timer.refresh();
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerMs = ms;
    this.timer = setTimeout(this.onTimeout, Math.max(1, ms));
    this.timer.unref();
  }

  private fail(error: ExchangeError, retryable: boolean): void {
    const request = this.request;
    const resolve = this.resolve;
    this.request = null;
    this.resolve = null;
    this.destroy();
    if (request === null || resolve === null) return;
    // A keep-alive connection the server closed while idle fails before any response byte; the request
    // never reached the application, so an idempotent one is sent again, once, on a new connection.
    if (retryable && this.reused && !this.retried && this.firstByte === 0 && RETRYABLE_METHODS.has(request.method)) {
      this.owner.open(this.origin).start(request, this.path, resolve, this.dispatched, true);
      return;
    }
    resolve(this.result(error, performance.now(), null));
  }

  private result(error: ExchangeError | undefined, end: number, body: Buffer | null): ExchangeResult {
    const begin = this.writeStart || end;
    const connecting = this.reused ? 0 : (this.connected ? this.connectEnd : end) - this.connectStart;
    const sending = this.sent ? this.sent - begin : 0;
    const waiting = this.firstByte ? this.firstByte - (this.sent || begin) : 0;
    const receiving = this.firstByte ? end - this.firstByte : 0;
    return {
      status: error ? 0 : this.status,
      statusText: error ? '' : this.statusText,
      headers: error || this.headers === null ? {} : this.headers,
      body,
      timings: {
        blocked: Math.max(0, begin - this.dispatched - connecting),
        connecting,
        tls_handshaking: 0,
        sending,
        waiting,
        receiving,
        duration: sending + waiting + receiving,
      },
      error,
    };
  }

  private destroy(): void {
    if (this.dead) return;
    this.dead = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.socket.destroy();
    this.owner.forget(this);
  }

  private readonly onConnect = (): void => {
    this.connectEnd = performance.now();
    this.connected = true;
    if (this.request !== null) this.write();
  };

  private readonly onWritten = (error?: Error | null): void => {
    if (!error && this.request !== null && this.sent === 0) this.sent = performance.now();
  };

  private readonly onRead = (bytes: number, buffer: Uint8Array): boolean => {
    this.owner.bytesReceived += bytes;
    if (this.request === null) {
      // Bytes nobody asked for (a 408 before an idle close, say) would be taken for the next response.
      this.destroy();
      return true;
    }
    if (this.firstByte === 0) {
      this.firstByte = performance.now();
      if (this.sent === 0) this.sent = this.firstByte;
    }
    try {
      this.parser.execute(buffer as Buffer, 0, bytes);
    } catch (error) {
      this.fail(error as ExchangeError, false);
    }
    // Part of an unsolicited response after the one that completed: the connection cannot be reused.
    if (this.request === null && this.parser.midResponse) this.destroy();
    return true;
  };

  private readonly onError = (error: ExchangeError): void => {
    this.fail(error, true);
  };

  private readonly onEnd = (): void => {
    // An idle keep-alive connection the server closed.
    if (this.request === null) return this.destroy();
    if (this.firstByte === 0) {
      return this.fail(hangUp(), true);
    }
    try {
      this.parser.finish();
    } catch (error) {
      return this.fail(error as ExchangeError, false);
    }
    // Only 1xx responses arrived before the close.
    if (this.request !== null) this.fail(hangUp(), false);
    else this.destroy();
  };

  private readonly onClose = (): void => {
    if (this.request !== null) this.fail(hangUp(), true);
    else this.destroy();
  };

  private readonly onTimeout = (): void => {
    if (this.request !== null) this.fail(new RequestTimeoutError(this.request.timeoutMs), false);
  };
}
