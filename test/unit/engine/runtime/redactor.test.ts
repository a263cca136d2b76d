import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedRedactOptions, DEFAULT_REDACT, Redactor, type RedactOptions } from '../../../../engine/runtime/redactor.ts';

const redactor = new Redactor();

describe('Redactor.url', () => {
  it.each([
    ['http://127.0.0.1:3300/products/7', 'http://127.0.0.1:3300/products/7'],
    ['http://user:secret@host/a', 'http://****:****@host/a'],
    ['https://user@host:8443/a?b=1', 'https://****@host:8443/a?b=1'],
    ['http://user:p%40ss@host', 'http://****:****@host'],
    ['ws://u:p@127.0.0.1:3300/ws?token=abc&room=lobby', 'ws://****:****@127.0.0.1:3300/ws?token=****&room=lobby'],
    ['http://host/search?q=a&API_KEY=k1&Token=t#frag', 'http://host/search?q=a&API_KEY=****&Token=****#frag'],
    ['http://host/cb?x-amz-signature=abc', 'http://host/cb?x-amz-signature=****'],
    ['http://host/path@v2/items?page=2', 'http://host/path@v2/items?page=2'],
    ['http://host/a?tokens=keep&token', 'http://host/a?tokens=keep&token'],
    ['${}/items/${}?api_key=${}', '${}/items/${}?api_key=****'],
    ['not a url', 'not a url'],
  ])('masks %s as %s', (url, masked) => {
    expect(redactor.url(url)).toBe(masked);
  });

  it('masks only the query parameters a config names, userinfo always', () => {
    const only = new Redactor({ queryParams: ['session'], headers: [] });
    expect(only.url('http://u:p@host/a?session=s&token=t')).toBe('http://****:****@host/a?session=****&token=t');
    expect(new Redactor({ queryParams: [], headers: [] }).url('http://host/a?token=t')).toBe('http://host/a?token=t');
  });
});

describe('Redactor on any input', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9._~-]{6,20}$/);
  it('never writes a URL\'s password or a listed query value, and never throws', () => {
    fc.assert(
      fc.property(secret, secret, fc.constantFrom(...DEFAULT_REDACT.queryParams), fc.string(), (password, token, param, noise) => {
        const url = `https://svc:${password}@api.example.com/v1/${encodeURIComponent(noise)}?${param}=${token}&page=2`;
        for (const masked of [redactor.url(url), redactor.text(`failed: ${url} (${noise})`)]) {
          expect(masked).not.toContain(`:${password}@`);
          expect(masked).not.toContain(`=${token}&`);
        }
        expect(() => redactor.text(noise)).not.toThrow();
        expect(() => redactor.url(noise)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('Redactor.text', () => {
  it.each([
    ['GET http://user:secret@host/a failed', 'GET http://****:****@host/a failed'],
    ['see "https://u:p@h/x?api_key=k&y=1" and mailto:a@b', 'see "https://****:****@h/x?api_key=****&y=1" and mailto:a@b'],
    ['Authorization: Bearer abc.def', 'Authorization: ****'],
    ['{"authorization":"Bearer abc","x":1}', '{"authorization":"****","x":1}'],
    ['cookie=sid=42', 'cookie=****'],
    ['plain line', 'plain line'],
  ])('masks %s as %s', (line, masked) => {
    expect(redactor.text(line)).toBe(masked);
  });
});

describe('checkedRedactOptions', () => {
  it('takes the defaults when a run request gives none', () => {
    expect(checkedRedactOptions(undefined)).toBe(DEFAULT_REDACT);
  });

  it.each([
    [{ queryParams: 'token', headers: [] }, 'invalid redact.queryParams "token"; expected a list of non-empty names such as ["token"]'],
    [{ queryParams: [], headers: [''] }, 'invalid redact.headers [""]; expected a list of non-empty names such as ["token"]'],
  ])('refuses %j with one line', (options, message) => {
    expect(() => checkedRedactOptions(options as unknown as RedactOptions)).toThrow(message);
  });
});
