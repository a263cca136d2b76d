import { describe, expect, it } from 'vitest';
import { renderVerdictMarkdown } from '../../../../../reports/verdict/render/render-verdict-markdown.ts';
import type { Check } from '../../../../../reports/verdict/verdict-document.ts';
import { passVerdict, sampleVerdict } from '../../../../fixtures/verdict/sample-verdict.ts';
import { cells, tables } from '../../../../support/markdown-tables.ts';

const HOSTILE = 'evil | `tick` <script>alert(1)</script>\n| injected | row |';
const GITHUB_COMMENT_LIMIT = 65_536;

/** The sample verdict with a run-supplied scenario name, id, summary and action all made hostile. */
function hostileVerdict() {
  const verdict = sampleVerdict({ headline: HOSTILE, phase: 'steady' });
  verdict.baseline!.caveats.push(HOSTILE);
  verdict.runs[0]!.id = HOSTILE;
  verdict.checks = verdict.checks.map((check): Check => ({
    ...check,
    id: `${check.id}/${HOSTILE}`,
    summary: `${check.summary} ${HOSTILE}`,
    action: HOSTILE,
    data: 'scenario' in check.data ? { ...check.data, scenario: HOSTILE } : check.data,
  }));
  return verdict;
}

describe('renderVerdictMarkdown', () => {
  it('renders a blocked five-scenario steady run as the PR comment snapshot', async () => {
    const markdown = renderVerdictMarkdown(sampleVerdict(), { trendCharts: [{ scenario: 'checkout', file: 'charts/p95-trend-checkout.svg' }] });
    await expect(markdown).toMatchFileSnapshot('./__snapshots__/block-verdict.md');
  });

  it('renders a passing repeated run as the step summary snapshot', async () => {
    await expect(renderVerdictMarkdown(passVerdict())).toMatchFileSnapshot('./__snapshots__/pass-verdict.md');
  });

  it.each([
    ['pass', '## ✅ '],
    ['warn', '## ⚠️ '],
    ['inconclusive', '## ❔ '],
    ['block', '## ⛔ '],
  ] as const)('opens a %s verdict with its marker in the heading', (outcome, heading) => {
    const exitCode = ({ pass: 0, warn: 0, inconclusive: 3, block: 1 } as const)[outcome];
    const markdown = renderVerdictMarkdown(sampleVerdict({ outcome, exitCode }));
    expect(markdown.split('\n')[0]).toBe(`${heading}loadbook verdict: ${outcome}`);
    expect(markdown).toContain(`- **Exit code:** ${exitCode}`);
  });

  it('says the figures are medians when the run was repeated, and names each repeat', () => {
    const verdict = passVerdict();
    const markdown = renderVerdictMarkdown(verdict);
    expect(markdown).toContain('median of 3 repeats');
    for (const run of verdict.runs) expect(markdown).toContain(`${run.id} (commit 9c41e07, time scale 0.1×)`);
    expect(renderVerdictMarkdown(sampleVerdict())).not.toContain('median of');
  });

  it('names the baseline with its run, short commit and caveats', () => {
    const markdown = renderVerdictMarkdown(sampleVerdict());
    expect(markdown).toContain('- **Baseline:** docs/perf/baselines/steady-2026-11-29.json (run 20261129T051424Z-steady, commit 3f2a9c1, time scale 1×)');
    expect(markdown).toContain('  - caveat: the baseline ran on 8 cores, this run on 4');
  });

  it('says why there was no baseline when there was none', () => {
    const markdown = renderVerdictMarkdown(passVerdict({ baseline: null, noBaselineReason: 'no smoke baseline in docs/perf/baselines' }));
    expect(markdown).toContain('- **Baseline:** none; no smoke baseline in docs/perf/baselines');
  });

  it('groups the checks by kind in the order generator, budget, regression, error rate, rule, consecutive, change point', () => {
    const headings = renderVerdictMarkdown(sampleVerdict()).match(/^### [^(\n]+/gm)!.map((heading) => heading.slice(4).trim());
    expect(headings).toEqual([
      'Load generator',
      'Budgets',
      'Regressions against the baseline',
      'Error rates against the baseline',
      'Runbook rules',
      'Consecutive rises',
      'Change points in the history',
    ]);
  });

  it('gives every check one row, worst first within its kind', () => {
    const verdict = sampleVerdict();
    const markdown = renderVerdictMarkdown(verdict);
    expect(tables(markdown).reduce((rows, table) => rows + table.rows.length, 0)).toBe(verdict.checks.length);
    const ruleRows = markdown.split('\n').filter((line) => line.includes('| rule/'));
    expect(ruleRows.map((row) => cells(row)[0]!.trim())).toEqual(['⛔ block', '➖ not evaluated', '✅ pass', '✅ pass']);
  });

  it('shows a not-evaluated check with its reason', () => {
    const row = renderVerdictMarkdown(sampleVerdict())
      .split('\n')
      .find((line) => line.includes('| rule/kafka-lag |'));
    expect(row).toContain('➖ not evaluated');
    expect(row).toContain('no kafka-lag samples');
  });

  it('shows a regression as a percent change with its 95% interval', () => {
    const markdown = renderVerdictMarkdown(sampleVerdict());
    expect(markdown).toMatch(/\| ⛔ block \| regression\/checkout\/p95 \| p95 182 ms vs 153\.7 ms: \\\+18\.4% \\\(95% CI \\\+9\.7% … \\\+27\.9%\\\) \|/);
  });

  it('links one p95 trend image per scenario given, with a destination that spaces and parentheses cannot end', () => {
    const markdown = renderVerdictMarkdown(sampleVerdict(), {
      trendCharts: [
        { scenario: 'checkout', file: 'charts/checkout.svg' },
        { scenario: 'cart-add', file: 'charts/cart add (p95).svg' },
      ],
    });
    expect(markdown).toContain('![p95 trend of checkout](charts/checkout.svg)');
    expect(markdown).toContain('![p95 trend of cart-add](charts/cart%20add%20%28p95%29.svg)');
    expect(renderVerdictMarkdown(sampleVerdict())).not.toContain('![');
  });

  it('keeps every table row to its header’s columns and lets no markup through whatever the run’s values hold', () => {
    const markdown = renderVerdictMarkdown(hostileVerdict(), { trendCharts: [{ scenario: HOSTILE, file: 'charts/x.svg' }] });
    const found = tables(markdown);
    expect(found).toHaveLength(7);
    for (const table of found) {
      expect(table.header).toBe(4);
      for (const row of table.rows) expect(row).toBe(4);
    }
    expect(found.reduce((rows, table) => rows + table.rows.length, 0)).toBe(hostileVerdict().checks.length);
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).not.toContain('`tick`');
    expect(markdown).not.toMatch(/^\| injected/m);
  });

  it('stays within a GitHub comment for hundreds of checks', () => {
    const verdict = sampleVerdict();
    const many = Array.from({ length: 10 }, (_, copy) => verdict.checks.map((check) => ({ ...check, id: `${check.id}-${copy}` }))).flat();
    const markdown = renderVerdictMarkdown({ ...verdict, checks: many });
    expect(many.length).toBeGreaterThan(300);
    expect(markdown.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });
});
