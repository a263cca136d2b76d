/**
 * Escaping for values that come from a run (URLs, tag values, error messages, hosts): whatever they hold,
 * they cannot break a markdown table or inject markup into a report.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * Text for a markdown table cell, rendered as literal text: HTML is escaped (GitHub renders inline HTML),
 * markdown punctuation is backslash-escaped, pipes cannot end the cell and line breaks cannot end the row.
 */
export function escapeMarkdownCell(value: unknown): string {
  return escapeMarkdown(value).replace(/\r\n|\r|\n/g, ' ');
}

/** Text for markdown prose (a paragraph or list item), rendered as literal text. */
export function escapeMarkdown(value: unknown): string {
  // Punctuation first: escaping it after HTML would split entities such as `&#39;` into `&\#39;`.
  return escapeHtml(String(value).replace(/[\\`*_{}[\]()#+!|~]/g, (char) => `\\${char}`));
}
