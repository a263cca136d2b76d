import { escapeMarkdownCell } from '../render/escape.ts';

/**
 * Text already escaped for a markdown table cell or line. Handlebars outputs a value with `toHTML()` as it
 * is, with `{{x}}` and `{{{x}}}` alike, so a template author cannot print a run's value unescaped. Made
 * only by `md` (escapes) and `plain` (checks).
 */
export class MarkdownText {
  private constructor(private readonly escaped: string) {}

  /** @internal for md and plain only. */
  static of(escaped: string): MarkdownText {
    return new MarkdownText(escaped);
  }

  /** What Handlebars prints (it duck-types SafeString on this method). */
  toHTML(): string {
    return this.escaped;
  }

  toString(): string {
    return this.escaped;
  }
}

/** A value from a run (a name, a URL, an error message), escaped for markdown. */
export function md(value: unknown): MarkdownText {
  return MarkdownText.of(escapeMarkdownCell(value));
}

// Digits, words and the punctuation loadbook's own formats use: nothing markdown or HTML gives meaning to
// inside a line. Parentheses are literal unless they follow `]`, which this set has no way to produce.
const PLAIN = /^[\p{L}\p{N} .,:;%/()·—²+-]*$/u;

/**
 * Text loadbook wrote itself (a formatted number, a fixed label): kept readable in the raw markdown when it
 * holds only harmless characters, escaped like a run's value otherwise.
 */
export function plain(text: string): MarkdownText {
  return PLAIN.test(text) ? MarkdownText.of(text) : md(text);
}
