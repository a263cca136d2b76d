import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownCell } from '../../../reports/render/escape.ts';
import { FUZZ, trickyString } from './fuzz-support.ts';

/** Values a run may carry into a report: any text, and text built from the characters that break markup. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 60, unit: 'binary' }),
  fc.array(fc.oneof(trickyString, fc.constantFrom('|', '`', '<script>', '</td>', '\\', '\n', '\r', '&#39;', '[x](javascript:1)', '<!--')), { maxLength: 8 }).map((parts) => parts.join('')),
);

/** True when every `char` in `text` follows an odd run of backslashes, i.e. is itself escaped. */
function everyEscaped(text: string, char: string): boolean {
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) {
    let slashes = 0;
    while (at - 1 - slashes >= 0 && text[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return false;
  }
  return true;
}

describe('the shared escapers under any run-supplied text', () => {
  it('keeps any text in one markdown table cell: no line break, no raw tag, every pipe and backtick escaped', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cell = escapeMarkdownCell(text);
        expect(cell).not.toMatch(/[\r\n<>]/);
        expect(everyEscaped(cell, '|')).toBe(true);
        expect(everyEscaped(cell, '`')).toBe(true);
      }),
      FUZZ,
    );
  });

  it('keeps any text in markdown prose free of raw tags and unescaped backticks', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const prose = escapeMarkdown(text);
        expect(prose).not.toMatch(/[<>]/);
        expect(everyEscaped(prose, '`')).toBe(true);
      }),
      FUZZ,
    );
  });

  it('keeps any text in HTML content or a quoted attribute as text, and reads back as it was', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']/);
        const decoded = html.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
        expect(decoded).toBe(text);
      }),
      FUZZ,
    );
  });
});
