import Handlebars from 'handlebars';
import type { BaselineDocument } from './baseline-document.ts';
import { BaselineError } from './baseline-error.ts';
import { baselineView } from './baseline-view.ts';
import { BASELINE_TEMPLATE, loadTemplates, type TemplateSources } from './load-templates.ts';

/**
 * Renders a baseline's markdown snapshot from its JSON twin, so both show the same numbers by construction.
 * A dedicated Handlebars instance (nothing registered on the global one) renders a view in which every
 * value is pre-escaped MarkdownText: a pipe, a backtick or `<script>` from a run cannot break the markdown,
 * whether a template writes `{{x}}` or `{{{x}}}`.
 *
 * @param twinFileName the JSON twin's file name, linked from the markdown (same folder).
 * @throws BaselineError when a template fails to render (e.g. names a partial that does not exist).
 */
export function renderBaselineMarkdown(doc: BaselineDocument, twinFileName: string, templates: TemplateSources = loadTemplates()): string {
  const main = templates.get(BASELINE_TEMPLATE);
  if (!main) throw new BaselineError(`invalid templates; expected a ${BASELINE_TEMPLATE}.md.hbs template, got none; restore reports/templates/`);
  const handlebars = Handlebars.create();
  for (const [name, { source }] of templates) if (name !== BASELINE_TEMPLATE) handlebars.registerPartial(name, source);
  try {
    const render = handlebars.compile(main.source, { noEscape: false, preventIndent: true });
    return render(baselineView(doc, twinFileName)).replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new BaselineError(`invalid template ${main.file}; rendering failed: ${reason}; fix the template or its partials`);
  }
}
