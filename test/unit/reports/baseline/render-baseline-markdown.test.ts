import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../../../reports/baseline/build-baseline.ts';
import { loadTemplates } from '../../../../reports/baseline/load-templates.ts';
import { renderBaselineMarkdown } from '../../../../reports/baseline/render-baseline-markdown.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis, type FixtureOverrides } from '../../../fixtures/baselines/steady-analysis.ts';
import { tables } from '../../../support/markdown-tables.ts';

const TWIN = 'steady-2026-11-29.json';
const HOSTILE = 'evil | `tick` <script>alert(1)</script>\n| injected | row |';

function render(overrides: FixtureOverrides = {}, templatesDir?: string): string {
  return renderBaselineMarkdown(buildBaseline(steadyAnalysis(overrides), FIXTURE_PROVENANCE), TWIN, loadTemplates(templatesDir));
}

describe('renderBaselineMarkdown', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('renders a steady run as the baseline snapshot', async () => {
    await expect(render()).toMatchFileSnapshot('./__snapshots__/steady-baseline.md');
  });

  it('shows each scenario and stage with p95 from the twin and links the twin', () => {
    const doc = buildBaseline(steadyAnalysis(), FIXTURE_PROVENANCE);
    const markdown = renderBaselineMarkdown(doc, TWIN);
    expect(markdown).toContain(`[${TWIN}](${TWIN})`);
    for (const scenario of doc.scenarios) expect(markdown).toContain(`### ${scenario.name}`);
    expect(markdown.match(/^\| (whole run|warm-up|steady) \|/gm)).toHaveLength(3 * doc.scenarios.length + 3);
  });

  it('keeps every table row at its header column count whatever a scenario name or target holds', () => {
    const markdown = render({ scenarioName: HOSTILE, target: `http://shop|x\`y\`<script>z</script>`, samplerError: HOSTILE });
    const found = tables(markdown);
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const table of found) for (const row of table.rows) expect(row).toBe(table.header);
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).not.toMatch(/(?<!\\)`/);
    expect(markdown).not.toContain('| injected | row |');
  });

  it('escapes run values even where an override template uses triple braces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadbook-templates-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'signals-table.md.hbs'), '| scenario | p95 |\n|---|---|\n| {{{name}}} | {{{rows.0.p95}}} |\n');
    const markdown = render({ scenarioName: HOSTILE }, dir);
    for (const table of tables(markdown)) for (const row of table.rows) expect(row).toBe(table.header);
    expect(markdown).toContain('| evil \\| \\`tick\\` &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| injected \\| row \\| |');
  });

  it('uses an override of one partial and keeps the built-in rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadbook-templates-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'provenance.md.hbs'), 'Taken at {{provenance.commit}} by the QA team.\n');
    const markdown = render({}, dir);
    expect(markdown).toContain('Taken at 8e1dd6b0c4f2 by the QA team.');
    expect(markdown).not.toContain('config sha256');
    expect(markdown).toContain('## Golden signals');
  });

  it('says when a scenario recovered from a burst, or that it did not', () => {
    const analysis = steadyAnalysis();
    analysis.scenarios[0]!.recovery = { burstEndSecond: 150, baselineP95: 37.9, recoverySeconds: 4 };
    analysis.scenarios[1]!.recovery = { burstEndSecond: 150, baselineP95: 134, recoverySeconds: undefined };
    const markdown = renderBaselineMarkdown(buildBaseline(analysis, FIXTURE_PROVENANCE), TWIN);
    expect(markdown).toContain('Recovery after the burst ending at 150 s: back within 10% of the steady p95 (37.9 ms) after 4 s.');
    expect(markdown).toContain('not back within 10% of the steady p95 (134 ms) by the end of the run.');
  });

  it('marks a baseline taken with uncommitted changes', () => {
    const doc = buildBaseline(steadyAnalysis(), { ...FIXTURE_PROVENANCE, gitDirty: true });
    expect(renderBaselineMarkdown(doc, TWIN)).toContain('Commit 8e1dd6b0c4f2 (uncommitted changes)');
  });

  it('refuses a template that names a partial that does not exist, in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadbook-templates-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'baseline.md.hbs'), '# {{phase}}\n{{> no-such-partial}}\n');
    expect(() => render({}, dir)).toThrow(/^invalid template .*baseline\.md\.hbs; rendering failed: .*no-such-partial[^\n]*$/);
  });
});
