import { describe, expect, it } from 'vitest';
import { originOf } from '../../../../../engine/modules/http/http1-origin.ts';
import { InvalidHeaderError, serializeRequestHead } from '../../../../../engine/modules/http/http1-request-head.ts';

const ORIGIN = originOf(new URL('http://shop.local:8080/'));

describe('serializeRequestHead', () => {
  it.each([
    ['a GET without a body has no Content-Length', 'GET', {}, -1, 'GET /p?q=1 HTTP/1.1\r\nHost: shop.local:8080\r\n\r\n'],
    ['a POST without a body announces an empty one', 'POST', {}, -1, 'POST /p?q=1 HTTP/1.1\r\nHost: shop.local:8080\r\nContent-Length: 0\r\n\r\n'],
    ['a body gets its byte length', 'PUT', { 'Content-Type': 'text/plain' }, 12, 'PUT /p?q=1 HTTP/1.1\r\nHost: shop.local:8080\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\n'],
    ['a given Content-Length or Transfer-Encoding is replaced by the real framing', 'POST', { 'content-length': '99', 'Transfer-Encoding': 'chunked' }, 3, 'POST /p?q=1 HTTP/1.1\r\nHost: shop.local:8080\r\nContent-Length: 3\r\n\r\n'],
    ['a given Host replaces the origin’s', 'GET', { host: 'virtual.example' }, -1, 'GET /p?q=1 HTTP/1.1\r\nhost: virtual.example\r\n\r\n'],
  ])('%s', (_name, method, headers, bodyBytes, expected) => {
    expect(serializeRequestHead(method, '/p?q=1', ORIGIN, headers, bodyBytes)).toBe(expected);
  });

  it('sends basic auth from the URL’s user info unless an Authorization header is given', () => {
    const origin = originOf(new URL('http://user:p%40ss@[::1]:9000/'));
    expect(origin).toMatchObject({ hostname: '::1', port: 9000, hostLine: 'Host: [::1]:9000\r\n' });
    const basic = `Authorization: Basic ${Buffer.from('user:p@ss').toString('base64')}\r\n`;
    expect(serializeRequestHead('GET', '/', origin, {}, -1)).toBe(`GET / HTTP/1.1\r\nHost: [::1]:9000\r\n${basic}\r\n`);
    expect(serializeRequestHead('GET', '/', origin, { Authorization: 'Bearer t' }, -1)).toBe('GET / HTTP/1.1\r\nHost: [::1]:9000\r\nAuthorization: Bearer t\r\n\r\n');
  });

  it('uses port 80 when the URL names none', () => {
    expect(originOf(new URL('http://shop.local/x'))).toMatchObject({ port: 80, hostLine: 'Host: shop.local\r\n' });
  });

  it.each([
    ['a value with CRLF', { 'X-A': 'a\r\nX-Injected: 1' }],
    ['a value with a bare LF', { 'X-A': 'a\nb' }],
    ['a name with CR', { 'X-A\r': 'a' }],
  ])('refuses %s', (_name, headers) => {
    expect(() => serializeRequestHead('GET', '/', ORIGIN, headers, -1)).toThrow(InvalidHeaderError);
  });
});
