export { renderJunit } from './render-junit.ts';
export { renderVerdictMarkdown, type TrendChart, type VerdictMarkdownOptions } from './render-verdict-markdown.ts';
export { validateVerdict } from './validate-verdict.ts';
