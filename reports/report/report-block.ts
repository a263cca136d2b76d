/**
 * The report as data: sections produce blocks, and each format (markdown, HTML) renders the same blocks,
 * so report.md and report.html say the same thing. Text in a block is plain text from anywhere, a run
 * included; renderers escape all of it, so no section has to remember to.
 */

/** A run of text inside a block. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'code'; text: string }
  /** A link to a file next to the report (e.g. `charts/latency.svg`). */
  | { kind: 'link'; text: string; href: string };

/** Text of a block: a plain string, or a sequence of inline runs. */
export type RichText = string | readonly Inline[];

/** A table column: its header and how its cells align (numbers right). */
export interface TableColumn {
  title: string;
  align: 'left' | 'right';
}

/** One block of the report. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: RichText }
  | { kind: 'paragraph'; text: RichText }
  | { kind: 'list'; items: readonly RichText[] }
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly RichText[])[] }
  /** A chart file: an image link in markdown, the SVG itself in HTML. */
  | { kind: 'chart'; title: string; file: string; svg: string };

/** A plain text run. */
export const text = (value: string): Inline => ({ kind: 'text', text: value });

/** A bold run. */
export const strong = (value: string): Inline => ({ kind: 'strong', text: value });

/** A monospace run (ids, metric names, config keys). */
export const code = (value: string): Inline => ({ kind: 'code', text: value });

/** A left-aligned column. */
export const left = (title: string): TableColumn => ({ title, align: 'left' });

/** A right-aligned (numeric) column. */
export const right = (title: string): TableColumn => ({ title, align: 'right' });
