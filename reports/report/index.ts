export { buildReport, reportBlocks, type BuiltReport, type ReportFile, type ReportOptions } from './build-report.ts';
export type { Block, Inline, RichText, TableColumn } from './report-block.ts';
export { RENDERERS, type ReportFormat, type ReportRenderer } from './report-renderers.ts';
export type { ReportContext, ReportSection } from './report-section.ts';
export { SECTIONS, type SectionName } from './report-sections.ts';
export { renderHtml } from './render-html.ts';
export { renderMarkdown } from './render-markdown.ts';
export { writeReportFiles } from './write-report-files.ts';
