import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES_DIR, loadTemplates } from '../../../../reports/baseline/load-templates.ts';

describe('loadTemplates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loadbook-templates-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the built-in templates after their files', () => {
    expect([...loadTemplates().keys()]).toEqual(
      expect.arrayContaining(['baseline', 'provenance', 'signals-table', 'saturation', 'kafka-lag', 'caching', 'heap-trend']),
    );
  });

  it('replaces a built-in of the same name, adds new partials and ignores other files', () => {
    writeFileSync(join(dir, 'signals-table.md.hbs'), 'mine');
    writeFileSync(join(dir, 'footer.hbs'), 'footer');
    writeFileSync(join(dir, 'notes.txt'), 'not a template');
    mkdirSync(join(dir, 'old.hbs'));
    const templates = loadTemplates(dir);
    expect(templates.get('signals-table')).toEqual({ file: join(dir, 'signals-table.md.hbs'), source: 'mine' });
    expect(templates.get('footer')?.source).toBe('footer');
    expect(templates.get('baseline')?.file).toBe(join(BUILT_IN_TEMPLATES_DIR, 'baseline.md.hbs'));
    expect(templates.has('notes')).toBe(false);
    expect(templates.has('old')).toBe(false);
  });

  it('refuses a folder that does not exist, naming it and the built-ins', () => {
    expect(() => loadTemplates(join(dir, 'missing'))).toThrow(
      /^invalid --templates; expected a folder of \.hbs templates, got ".*missing"; name a folder that exists \(built-ins: .*reports\/templates\/\)$/,
    );
  });

  it('refuses a folder without a template', () => {
    writeFileSync(join(dir, 'README.md'), '');
    expect(() => loadTemplates(dir)).toThrow(/^invalid --templates; expected a folder with at least one \.hbs file, got ".*" without one; /);
  });

  it('refuses a template that does not parse, before anything renders', () => {
    writeFileSync(join(dir, 'caching.md.hbs'), '{{#if caching}}unclosed');
    expect(() => loadTemplates(dir)).toThrow(/^invalid template .*caching\.md\.hbs; expected Handlebars, got an error: .*; fix the template or remove it$/);
  });
});
