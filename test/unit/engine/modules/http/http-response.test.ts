import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { canonicalHeaderName, HttpResponse } from '../../../../../engine/modules/http/http-response.ts';
import type { ExchangeTimings } from '../../../../../engine/modules/http/vu-http-client.ts';

const TIMINGS: ExchangeTimings = { blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0.1, waiting: 4, receiving: 0.4, duration: 4.5 };

function response(body: string | ArrayBuffer | null, headers: IncomingHttpHeaders = {}): HttpResponse {
  return new HttpResponse(200, '200 OK', headers, body, TIMINGS, 'http://localhost/products', { method: 'GET', url: 'http://localhost/products', headers: {}, body: '' }, '', 0);
}

describe('canonicalHeaderName', () => {
  it.each([
    ['content-type', 'Content-Type'],
    ['x-cache', 'X-Cache'],
    ['etag', 'Etag'],
    ['www-authenticate', 'Www-Authenticate'],
    ['x-request-id', 'X-Request-Id'],
    ['x-b3-traceid', 'X-B3-Traceid'],
    ['x-1st-thing', 'X-1st-Thing'],
    ['content-security-policy-report-only', 'Content-Security-Policy-Report-Only'],
    ['a', 'A'],
    ['Content-Type', 'Content-Type'],
  ])('writes %s as %s, as Go canonicalizes it', (name, expected) => {
    expect(canonicalHeaderName(name)).toBe(expected);
  });
});

describe('HttpResponse', () => {
  it('shows response headers under canonical names, joining repeated ones with a comma', () => {
    const res = response('', { 'content-type': 'application/json', 'x-cache': 'HIT', 'set-cookie': ['a=1', 'b=2'], 'content-length': '42' });
    expect(res.headers).toEqual({ 'Content-Type': 'application/json', 'X-Cache': 'HIT', 'Set-Cookie': 'a=1, b=2', 'Content-Length': '42' });
  });

  const body = JSON.stringify({ items: [{ id: 7, tags: ['new'] }, { id: 9, price: 0 }], total: 2, owner: null, meta: { page: { next: 'p2' } } });

  it.each<[string, unknown]>([
    ['total', 2],
    ['items.0.id', 7],
    ['items.1.id', 9],
    ['items.1.price', 0],
    ['items.0.tags.0', 'new'],
    ['items.#', 2],
    ['items.0.tags.#', 1],
    ['meta.page.next', 'p2'],
    ['meta.page', { next: 'p2' }],
    ['owner', null],
    ['missing', undefined],
    ['missing.deeper', undefined],
    ['owner.name', undefined],
    ['items.5.id', undefined],
  ])('selects %s from a JSON body as %j', (selector, expected) => {
    expect(response(body).json(selector)).toEqual(expected);
  });

  it('parses the whole body without a selector', () => {
    expect(response(body).json()).toEqual(JSON.parse(body));
  });

  it('refuses to parse a binary body as JSON', () => {
    expect(() => response(new ArrayBuffer(4)).json()).toThrow(/cannot parse the response body as JSON: it is binary/);
  });

  it('refuses to parse a discarded body as JSON, hinting at responseType none', () => {
    expect(() => response(null).json()).toThrow(/it is null \(responseType none\?\)/);
  });

  it('throws a SyntaxError for a body that is not JSON', () => {
    expect(() => response('<html>').json()).toThrow(SyntaxError);
  });
});
