import { escapeMarkdownCell } from '../render/escape.ts';
import type { Block, Inline, RichText, TableColumn } from './report-block.ts';

/**
 * Code text that reads the same inside a backtick code span, where every character is literal: no backtick
 * (it would end the span), pipe (it would end a table cell), angle bracket or line break.
 */
const PLAIN_CODE = /^[\w .:/{}=,+\-"'#@%?;()[\]*~!$^&]*$/;

function inline(run: Inline): string {
  switch (run.kind) {
    case 'text':
      return escapeMarkdownCell(run.text);
    case 'strong':
      return `**${escapeMarkdownCell(run.text)}**`;
    case 'code':
      // Backslash escapes do not work inside a code span, so other text goes into <code> as escaped text.
      if (run.text === '') return '';
      return PLAIN_CODE.test(run.text) ? `\`${run.text}\`` : `<code>${escapeMarkdownCell(run.text)}</code>`;
    case 'link':
      return `[${escapeMarkdownCell(run.text)}](${encodeHref(run.href)})`;
    default:
      return run satisfies never;
  }
}

/** Every character a markdown link destination could end or break on is percent-encoded. */
function encodeHref(href: string): string {
  return encodeURI(href).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Rich text as one line of GitHub markdown, every character of it literal. */
export function markdownText(value: RichText): string {
  return typeof value === 'string' ? escapeMarkdownCell(value) : value.map(inline).join('');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(columns: readonly TableColumn[], rows: readonly (readonly RichText[])[]): string {
  return [
    row(columns.map((column) => escapeMarkdownCell(column.title))),
    row(columns.map((column) => (column.align === 'right' ? '---:' : '---'))),
    ...rows.map((cells) => row(columns.map((_, index) => markdownText(cells[index] ?? '')))),
  ].join('\n');
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `${'#'.repeat(item.level)} ${markdownText(item.text)}`;
    case 'paragraph':
      return markdownText(item.text);
    case 'list':
      return item.items.map((entry) => `- ${markdownText(entry)}`).join('\n');
    case 'table':
      return table(item.columns, item.rows);
    case 'chart':
      return `![${escapeMarkdownCell(item.title)}](${encodeHref(item.file)})`;
    default:
      return item satisfies never;
  }
}

/** The report's blocks as GitHub markdown, fit for a PR comment. */
export function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map(block).join('\n\n')}\n`;
}
