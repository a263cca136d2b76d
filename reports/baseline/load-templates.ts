import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { BaselineError } from './baseline-error.ts';

/** The built-in templates: reports/templates/. */
export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** The template a baseline is rendered from; every other `.hbs` file is a partial. */
export const BASELINE_TEMPLATE = 'baseline';

/** Templates by name (the file name without `.md.hbs` or `.hbs`), e.g. `baseline`, `signals-table`. */
export type TemplateSources = ReadonlyMap<string, { file: string; source: string }>;

const TEMPLATE_FILE = /^(.+?)(\.md)?\.hbs$/;

function readTemplatesDir(dir: string): Map<string, { file: string; source: string }> {
  const templates = new Map<string, { file: string; source: string }>();
  for (const name of readdirSync(dir).sort()) {
    const match = TEMPLATE_FILE.exec(name);
    if (!match) continue;
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    const source = readFileSync(file, 'utf8');
    try {
      Handlebars.parse(source);
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      throw new BaselineError(`invalid template ${file}; expected Handlebars, got an error: ${reason}; fix the template or remove it`);
    }
    templates.set(match[1]!, { file, source });
  }
  return templates;
}

/**
 * The built-in baseline templates with any file of `overrideDir` in place of the one of the same name
 * (`signals-table.md.hbs` replaces the signals table; a new name adds a partial). Every template is parsed
 * here, so a broken one fails before anything is analysed or written.
 *
 * @throws BaselineError when overrideDir is not a folder, holds no `.hbs` file, or a template does not parse.
 */
export function loadTemplates(overrideDir?: string, builtInDir = BUILT_IN_TEMPLATES_DIR): TemplateSources {
  const templates = readTemplatesDir(builtInDir);
  if (overrideDir === undefined) return templates;
  if (!existsSync(overrideDir) || !statSync(overrideDir).isDirectory()) {
    throw new BaselineError(
      `invalid --templates; expected a folder of .hbs templates, got "${overrideDir}"; name a folder that exists (built-ins: ${BUILT_IN_TEMPLATES_DIR})`,
    );
  }
  const overrides = readTemplatesDir(overrideDir);
  if (overrides.size === 0) {
    throw new BaselineError(
      `invalid --templates; expected a folder with at least one .hbs file, got "${overrideDir}" without one; copy a template from ${BUILT_IN_TEMPLATES_DIR} and edit it`,
    );
  }
  for (const [name, template] of overrides) templates.set(name, template);
  return templates;
}
