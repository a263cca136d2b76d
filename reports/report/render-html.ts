import { escapeHtml } from '../render/escape.ts';
import type { Block, Inline, RichText, TableColumn } from './report-block.ts';
import { REPORT_CSS } from './report-css.ts';

/**
 * Nothing may load or run: styles are inline, charts are inline SVG. The policy makes that hold even if a
 * value ever slipped past escaping.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function inline(run: Inline): string {
  switch (run.kind) {
    case 'text':
      return escapeHtml(run.text);
    case 'strong':
      return `<strong>${escapeHtml(run.text)}</strong>`;
    case 'code':
      return `<code>${escapeHtml(run.text)}</code>`;
    case 'link':
      return `<a href="${escapeHtml(run.href)}">${escapeHtml(run.text)}</a>`;
    default:
      return run satisfies never;
  }
}

/** Rich text as HTML element content, every character of it literal. */
export function htmlText(value: RichText): string {
  return typeof value === 'string' ? escapeHtml(value) : value.map(inline).join('');
}

function cell(tag: 'th' | 'td', column: TableColumn, content: string): string {
  return column.align === 'right' ? `<${tag} class="num">${content}</${tag}>` : `<${tag}>${content}</${tag}>`;
}

function table(columns: readonly TableColumn[], rows: readonly (readonly RichText[])[]): string {
  const head = `<tr>${columns.map((column) => cell('th', column, escapeHtml(column.title))).join('')}</tr>`;
  const body = rows.map((cells) => `<tr>${columns.map((column, index) => cell('td', column, htmlText(cells[index] ?? ''))).join('')}</tr>`);
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `<h${item.level}>${htmlText(item.text)}</h${item.level}>`;
    case 'paragraph':
      return `<p>${htmlText(item.text)}</p>`;
    case 'list':
      return `<ul>\n${item.items.map((entry) => `<li>${htmlText(entry)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return table(item.columns, item.rows);
    case 'chart':
      // The SVG comes from vega's renderer, which escapes the text it draws; it is trusted markup.
      return `<figure data-chart="${escapeHtml(item.file)}">\n<figcaption>${escapeHtml(item.title)}</figcaption>\n${item.svg}\n</figure>`;
    default:
      return item satisfies never;
  }
}

function plainTitle(blocks: readonly Block[]): string {
  const heading = blocks.find((item) => item.kind === 'heading');
  if (!heading) return 'loadbook report';
  return typeof heading.text === 'string' ? heading.text : heading.text.map((run) => run.text).join('');
}

/** The report's blocks as one self-contained HTML page: inline CSS and SVG, no scripts, no external URLs. */
export function renderHtml(blocks: readonly Block[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plainTitle(blocks))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${blocks.map(block).join('\n')}
</body>
</html>
`;
}
