import type { IncomingHttpHeaders } from 'node:http';

/** What the parser reports to, as method calls on one long-lived object rather than per-response closures. */
export interface ResponseParserHandler {
  /** A final (non-1xx) response head; `bodyLength` is the Content-Length, 0 when there is no body, -1 when unknown. */
  onResponseHead(status: number, statusText: string, headers: IncomingHttpHeaders, bodyLength: number): void;
  /** Body bytes in `chunk[start, end)`; the chunk may be reused after the call returns, so copy what you keep. */
  onResponseBody(chunk: Buffer, start: number, end: number): void;
  onResponseComplete(): void;
}

export class Http1ParseError extends Error {
  readonly code = 'LOADBOOK_HTTP_PARSE';
}

/** Heads larger than this are refused rather than buffered without bound (Node's own limit is 16 KiB). */
const MAX_HEAD_BYTES = 64 * 1024;
const END_OF_HEAD = Buffer.from('\r\n\r\n', 'latin1');
const CR = 13;
const LF = 10;

const HEAD = 0;
const BODY_LENGTH = 1;
const BODY_CLOSE = 2;
const CHUNK_SIZE = 3;
const CHUNK_EXTENSION = 4;
const CHUNK_DATA = 5;
const CHUNK_DATA_CR = 6;
const CHUNK_DATA_LF = 7;
const TRAILER_LINE_START = 8;
const TRAILER_LINE = 9;
const TRAILER_END_LF = 10;

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * An incremental HTTP/1.x response parser. Feed it bytes as they arrive, split anywhere; it calls its
 * handler once per final response. 1xx responses are skipped and trailers are read and dropped, as
 * k6 does not expose them. Only CRLF line endings end the head, as RFC 9112 requires of servers.
 */
export class Http1ResponseParser {
  /** Whether the response to the current request has no body whatever its headers say (a HEAD request). */
  noBody = false;
  /** Whether the connection may carry another request after the last completed response. */
  keepAlive = true;
  private state = HEAD;
  private pending: Buffer | null = null;
  private remaining = 0;
  private sawSizeDigit = false;

  constructor(private readonly handler: ResponseParserHandler) {}

  /** Parses `chunk[start, end)`, which may hold part of a response or several. Throws Http1ParseError. */
  execute(chunk: Buffer, start: number, end: number): void {
    let at = start;
    while (at < end) {
      switch (this.state) {
        case HEAD:
          at = this.readHead(chunk, at, end);
          break;
        case BODY_LENGTH:
        case CHUNK_DATA: {
          const stop = Math.min(end, at + this.remaining);
          this.handler.onResponseBody(chunk, at, stop);
          this.remaining -= stop - at;
          at = stop;
          if (this.remaining === 0) {
            if (this.state === BODY_LENGTH) this.complete();
            else this.state = CHUNK_DATA_CR;
          }
          break;
        }
        case BODY_CLOSE:
          this.handler.onResponseBody(chunk, at, end);
          at = end;
          break;
        case CHUNK_SIZE:
          at = this.readChunkSize(chunk, at, end);
          break;
        case CHUNK_EXTENSION:
        case TRAILER_LINE: {
          const lf = chunk.indexOf(LF, at);
          if (lf === -1 || lf >= end) return;
          at = lf + 1;
          if (this.state === TRAILER_LINE) this.state = TRAILER_LINE_START;
          else this.endChunkSizeLine();
          break;
        }
        case CHUNK_DATA_CR: {
          const byte = chunk[at++];
          if (byte === CR) this.state = CHUNK_DATA_LF;
          else if (byte === LF) this.state = CHUNK_SIZE;
          else throw new Http1ParseError('malformed chunked body: expected CRLF after chunk data');
          break;
        }
        case CHUNK_DATA_LF:
          if (chunk[at++] !== LF) throw new Http1ParseError('malformed chunked body: expected LF after chunk data');
          this.state = CHUNK_SIZE;
          break;
        case TRAILER_LINE_START: {
          const byte = chunk[at++];
          if (byte === CR) this.state = TRAILER_END_LF;
          else if (byte === LF) this.complete();
          else this.state = TRAILER_LINE;
          break;
        }
        case TRAILER_END_LF:
          if (chunk[at++] !== LF) throw new Http1ParseError('malformed chunked body: expected LF after trailers');
          this.complete();
          break;
      }
    }
  }

  /** The peer closed the connection: completes a close-delimited body; throws if a response was cut short. */
  finish(): void {
    if (this.state === BODY_CLOSE) this.complete();
    else if (this.state !== HEAD || this.pending !== null) {
      this.state = HEAD;
      this.pending = null;
      throw new Http1ParseError('connection closed before the response was complete');
    }
  }

  /** Whether part of a response has been read and not yet completed. */
  get midResponse(): boolean {
    return this.state !== HEAD || this.pending !== null;
  }

  private complete(): void {
    this.state = HEAD;
    this.handler.onResponseComplete();
  }

  private readHead(chunk: Buffer, start: number, end: number): number {
    let data = chunk;
    let from = start;
    let searchFrom = start;
    let stop = end;
    const pending = this.pending;
    if (pending === null) {
      // Robustness (RFC 9112 §2.2): ignore empty lines before a status line.
      while (from < end && (chunk[from] === CR || chunk[from] === LF)) from++;
      if (from === end) return end;
      searchFrom = from;
    } else {
      data = Buffer.concat([pending, chunk.subarray(start, end)]);
      from = 0;
      searchFrom = Math.max(0, pending.length - 3);
      stop = data.length;
    }
    const found = data.indexOf(END_OF_HEAD, searchFrom);
    if (found === -1 || found + 4 > stop) {
      if (stop - from > MAX_HEAD_BYTES) throw new Http1ParseError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
      // The chunk may be a reused read buffer, so keep a copy.
      this.pending = pending === null ? Buffer.copyBytesFrom(chunk, from, end - from) : data;
      return end;
    }
    this.pending = null;
    this.parseHead(data.toString('latin1', from, found));
    return end - (stop - (found + 4));
  }

  private parseHead(head: string): void {
    const statusEnd = head.indexOf('\r\n');
    const lineEnd = statusEnd === -1 ? head.length : statusEnd;
    if (
      lineEnd < 12 ||
      !head.startsWith('HTTP/1.') ||
      (head.charCodeAt(7) !== 48 && head.charCodeAt(7) !== 49) ||
      head.charCodeAt(8) !== 32 ||
      (lineEnd > 12 && head.charCodeAt(12) !== 32)
    ) {
      throw new Http1ParseError(`malformed status line ${JSON.stringify(head.slice(0, Math.min(lineEnd, 80)))}; expected "HTTP/1.x NNN reason"`);
    }
    let status = 0;
    for (let i = 9; i < 12; i++) {
      const digit = head.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw new Http1ParseError(`malformed status code in ${JSON.stringify(head.slice(0, lineEnd))}`);
      status = status * 10 + digit;
    }
    const statusText = lineEnd > 13 ? head.slice(13, lineEnd) : '';
    const http10 = head.charCodeAt(7) === 48;

    const headers: Record<string, string | string[]> = {};
    let contentLength = -1;
    let chunked = false;
    let transferEncoded = false;
    let connection = '';
    let lastName = '';
    let at = lineEnd + 2;
    while (at < head.length) {
      let next = head.indexOf('\r\n', at);
      if (next === -1) next = head.length;
      if (isBlank(head.charCodeAt(at))) {
        // Obsolete line folding: the line continues the previous header's value.
        if (!lastName || Array.isArray(headers[lastName])) throw new Http1ParseError('malformed header: folded line without a header before it');
        headers[lastName] += ' ' + head.slice(at, next).trim();
        at = next + 2;
        continue;
      }
      const colon = head.indexOf(':', at);
      if (colon === -1 || colon > next || colon === at || isBlank(head.charCodeAt(colon - 1))) {
        throw new Http1ParseError(`malformed header line ${JSON.stringify(head.slice(at, Math.min(next, at + 80)))}; expected "Name: value"`);
      }
      const name = head.slice(at, colon).toLowerCase();
      let valueStart = colon + 1;
      let valueEnd = next;
      while (valueStart < valueEnd && isBlank(head.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart && isBlank(head.charCodeAt(valueEnd - 1))) valueEnd--;
      const value = head.slice(valueStart, valueEnd);
      at = next + 2;
      lastName = name;

      if (name === 'content-length') {
        const length = parseContentLength(value);
        if (contentLength !== -1 && contentLength !== length) throw new Http1ParseError(`conflicting Content-Length headers ${contentLength} and ${length}`);
        contentLength = length;
      } else if (name === 'transfer-encoding') {
        transferEncoded = true;
        chunked = /(?:^|,)[ \t]*chunked[ \t]*$/i.test(value);
      } else if (name === 'connection') {
        connection += value.toLowerCase() + ',';
      }

      const existing = headers[name];
      if (existing === undefined) {
        if (name === 'set-cookie') headers[name] = [value];
        else if (name === '__proto__') Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
        else headers[name] = value;
      } else if (typeof existing === 'string') {
        headers[name] = existing + ', ' + value;
      } else {
        existing.push(value);
      }
    }

    // 1xx (100 Continue, 103 Early Hints) precede the real response; 101 ends HTTP/1 on this connection.
    if (status < 200 && status !== 101) return;

    this.keepAlive = http10 ? /(?:^|[ ,])keep-alive[ ,]/.test(connection) : !/(?:^|[ ,])close[ ,]/.test(connection);
    const noBody = this.noBody || status === 204 || status === 304 || status === 101;
    if (status === 101) this.keepAlive = false;
    if (noBody) {
      this.handler.onResponseHead(status, statusText, headers as IncomingHttpHeaders, 0);
      this.complete();
    } else if (chunked) {
      this.state = CHUNK_SIZE;
      this.remaining = 0;
      this.sawSizeDigit = false;
      this.handler.onResponseHead(status, statusText, headers as IncomingHttpHeaders, -1);
    } else if (contentLength >= 0 && !transferEncoded) {
      this.handler.onResponseHead(status, statusText, headers as IncomingHttpHeaders, contentLength);
      if (contentLength === 0) this.complete();
      else {
        this.state = BODY_LENGTH;
        this.remaining = contentLength;
      }
    } else {
      this.keepAlive = false;
      this.state = BODY_CLOSE;
      this.handler.onResponseHead(status, statusText, headers as IncomingHttpHeaders, -1);
    }
  }

  private readChunkSize(chunk: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end) {
      const byte = chunk[at++]!;
      const digit = hexValue(byte);
      if (digit !== -1) {
        if (this.remaining > 0xffffffffff) throw new Http1ParseError('malformed chunked body: chunk size too large');
        this.remaining = this.remaining * 16 + digit;
        this.sawSizeDigit = true;
      } else if (byte === 59 || byte === 32 || byte === 9 || byte === CR) {
        // ';' starts a chunk extension, which k6 ignores too; skip to the end of the line.
        this.state = CHUNK_EXTENSION;
        return at;
      } else if (byte === LF) {
        this.endChunkSizeLine();
        return at;
      } else {
        throw new Http1ParseError(`malformed chunked body: unexpected byte 0x${byte.toString(16)} in a chunk size`);
      }
    }
    return at;
  }

  private endChunkSizeLine(): void {
    if (!this.sawSizeDigit) throw new Http1ParseError('malformed chunked body: empty chunk size');
    this.sawSizeDigit = false;
    this.state = this.remaining === 0 ? TRAILER_LINE_START : CHUNK_DATA;
  }
}

function parseContentLength(value: string): number {
  if (value.length === 0 || value.length > 15) throw new Http1ParseError(`malformed Content-Length ${JSON.stringify(value)}`);
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new Http1ParseError(`malformed Content-Length ${JSON.stringify(value)}; expected digits`);
    length = length * 10 + digit;
  }
  return length;
}
