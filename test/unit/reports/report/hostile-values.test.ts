import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type BuiltReport } from '../../../../reports/report/index.ts';
import { loadRunAnalysis } from '../../../fixtures/reports/load-run-analysis.ts';

/** Cells of a markdown table row: split on pipes that are not backslash-escaped. */
function cellCount(row: string): number {
  return row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).length;
}

/** Consecutive lines starting with `|`, each run being one table. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      found.push(current);
      current = undefined;
    }
  }
  if (current) found.push(current);
  return found;
}

describe('a report on a run whose names hold a pipe, a backtick and a script tag', () => {
  let report: BuiltReport;
  let markdown: string;
  let html: string;
  beforeAll(async () => {
    report = await buildReport(loadRunAnalysis('hostile-run-analysis'));
    markdown = report.files.find((file) => file.path === 'report.md')!.content;
    html = report.files.find((file) => file.path === 'report.html')!.content;
  });

  it('keeps every markdown table row at its header column count', () => {
    const found = tables(markdown);
    expect(found.length).toBeGreaterThanOrEqual(7);
    for (const table of found) {
      const columns = cellCount(table[0]!);
      for (const row of table) expect({ row, cells: cellCount(row) }).toEqual({ row, cells: columns });
    }
  });

  it('puts every hostile value in markdown as text: no raw tag, no bare backtick', () => {
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    // Every backtick is either escaped or one of a pair around a code span the renderer made.
    const bare = markdown.replace(/\\`/g, '').replace(/`[^`|<>\n]*`/g, '');
    expect(bare).not.toContain('`');
  });

  it('keeps a line break in an error message from ending its table row', () => {
    expect(markdown).toContain('fetch failed\\|pipe \\`tick\\` &lt;script&gt;alert\\(1\\)&lt;/script&gt; second line \\| with pipe |');
  });

  it('escapes every hostile value in report.html, SVG charts included', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('product-get|pipe `tick` &lt;script&gt;alert(1)&lt;/script&gt;');
    for (const file of report.files) expect(file.content).not.toMatch(/<script/i);
  });

  it('keeps a hostile target URL out of any attribute of report.html', () => {
    expect(html).not.toContain('href="http://shop.example');
    expect(html).not.toMatch(/\s(src|href)="https?:/);
  });
});
