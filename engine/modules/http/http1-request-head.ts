import type { Http1Origin } from './http1-origin.ts';

export class InvalidHeaderError extends Error {
  readonly code = 'ERR_INVALID_CHAR';
}

const UNSAFE_HEADER_TEXT = /[\r\n\0]/;

/**
 * The request line and headers of one HTTP/1.1 request, through the blank line. `bodyBytes` is the
 * body's length in bytes, or -1 without a body. The client frames the body itself, so it owns
 * Content-Length and drops any Content-Length or Transfer-Encoding given; a Host or Authorization
 * given replaces the origin's. Throws InvalidHeaderError on a name or value holding CR, LF or NUL.
 */
export function serializeRequestHead(method: string, path: string, origin: Http1Origin, headers: Record<string, string>, bodyBytes: number): string {
  let lines = '';
  let hostLine = origin.hostLine;
  let authorizationLine = origin.authorizationLine;
  for (const name in headers) {
    const value = headers[name]!;
    if (UNSAFE_HEADER_TEXT.test(name) || UNSAFE_HEADER_TEXT.test(value)) {
      throw new InvalidHeaderError(`invalid header ${JSON.stringify(name)}: names and values cannot contain CR, LF or NUL`);
    }
    // Compare lengths first so that most headers are never lowercased.
    const length = name.length;
    if (length === 14 || length === 17) {
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    } else if (length === 4) {
      if (name.toLowerCase() === 'host') hostLine = '';
    } else if (length === 13 && authorizationLine !== '' && name.toLowerCase() === 'authorization') {
      authorizationLine = '';
    }
    lines += name + ': ' + value + '\r\n';
  }
  const head = method + ' ' + path + ' HTTP/1.1\r\n' + hostLine + authorizationLine + lines;
  if (bodyBytes >= 0) return head + 'Content-Length: ' + bodyBytes + '\r\n\r\n';
  // Like Go's net/http, announce an empty body for methods that normally carry one.
  return method === 'POST' || method === 'PUT' || method === 'PATCH' ? head + 'Content-Length: 0\r\n\r\n' : head + '\r\n';
}
