import type { Block } from './report-block.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';

/** A format the report is written in: the file it goes to and how blocks become its text. */
export interface ReportRenderer {
  /** File name in the run folder (or --out). */
  file: string;
  render(blocks: readonly Block[]): string;
}

/** Every format of the report. */
export const RENDERERS = {
  markdown: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
} as const satisfies Record<string, ReportRenderer>;

/** A format's key in RENDERERS. */
export type ReportFormat = keyof typeof RENDERERS;
