import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownCell } from '../../../../reports/render/escape.ts';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`a "b" & 'c'`, 'a &quot;b&quot; &amp; &#39;c&#39;'],
    [42, '42'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escapeMarkdownCell', () => {
  it('keeps a pipe from ending the cell', () => {
    expect(escapeMarkdownCell('GET /a|b')).toBe('GET /a\\|b');
  });

  it('keeps a backtick from opening a code span', () => {
    expect(escapeMarkdownCell('/x`y`')).toBe('/x\\`y\\`');
  });

  it('turns markup into text', () => {
    expect(escapeMarkdownCell('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
  });

  it('keeps a line break from ending the row', () => {
    expect(escapeMarkdownCell('a\nb\r\nc')).toBe('a b c');
  });
});

describe('escapeMarkdown', () => {
  it('keeps links and emphasis from forming', () => {
    expect(escapeMarkdown('[x](http://e) *y* _z_')).toBe('\\[x\\]\\(http://e\\) \\*y\\* \\_z\\_');
  });
});
