import { escapeMarkdown, escapeMarkdownCell } from '../../render/escape.ts';
import { formatNumber, formatPercent } from '../../render/format.ts';
import { NOISE_RATIO } from '../statistics/classify-ratio.ts';
import type { Check, CheckData, CheckStatus, Outcome, Verdict, VerdictBaseline, VerdictRun } from '../verdict-document.ts';

/** A trend chart to link under the checks, e.g. one written by the history's trend-chart spec. */
export interface TrendChart {
  scenario: string;
  /** The image's path or URL, relative to where the markdown is shown. */
  file: string;
}

/** What verdict.md shows besides the verdict itself. */
export interface VerdictMarkdownOptions {
  /**
   * p95 trend images to link, one per scenario.
   * @default []
   */
  trendCharts?: TrendChart[];
}

const OUTCOME_MARKERS: { readonly [K in Outcome]: string } = { pass: '✅', warn: '⚠️', inconclusive: '❔', block: '⛔' };

const STATUS_LABELS: { readonly [K in CheckStatus]: string } = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  inconclusive: '❔ inconclusive',
  block: '⛔ block',
  'not-evaluated': '➖ not evaluated',
};

/** Worst first within a kind; not-evaluated sits above the passes so that a missing check is not lost among them. */
const STATUS_ORDER: readonly CheckStatus[] = ['block', 'inconclusive', 'warn', 'not-evaluated', 'pass'];

/** The order of the check tables, from "can this run be trusted" to what the history says. */
const KIND_SECTIONS: readonly { kind: CheckData['kind']; title: string }[] = [
  { kind: 'generator', title: 'Load generator' },
  { kind: 'budget', title: 'Budgets' },
  { kind: 'regression', title: 'Regressions against the baseline' },
  { kind: 'error-rate', title: 'Error rates against the baseline' },
  { kind: 'rule', title: 'Runbook rules' },
  { kind: 'consecutive', title: 'Consecutive rises' },
  { kind: 'change-point', title: 'Change points in the history' },
];

function shortCommit(commit: string | null): string {
  return commit === null ? 'no commit' : `commit ${escapeMarkdown(commit.slice(0, 7))}`;
}

function timeScale(scale: number): string {
  return `time scale ${formatNumber(scale, 3)}×`;
}

function runLine(run: VerdictRun): string {
  return `${escapeMarkdown(run.id)} (${shortCommit(run.commit)}, ${timeScale(run.timeScale)})`;
}

function runsLines(runs: readonly VerdictRun[]): string[] {
  if (runs.length === 1) return [`- **Run:** ${runLine(runs[0]!)}`];
  return [`- **Runs:** median of ${runs.length} repeats`, ...runs.map((run) => `  - ${runLine(run)}`)];
}

function baselineLines(baseline: VerdictBaseline | null, noBaselineReason: string | null): string[] {
  if (baseline === null) return [`- **Baseline:** none; ${escapeMarkdown(noBaselineReason ?? 'no reason was given')}`];
  const lines = [`- **Baseline:** ${escapeMarkdown(baseline.file)} (run ${escapeMarkdown(baseline.runId)}, ${shortCommit(baseline.commit)}, ${timeScale(baseline.timeScale)})`];
  for (const caveat of baseline.caveats) lines.push(`  - caveat: ${escapeMarkdown(caveat)}`);
  return lines;
}

function historyLines(verdict: Verdict): string[] {
  const history = verdict.history;
  if (history === null) return [];
  const skipped = history.skipped.length === 0 ? '' : `; ${history.skipped.length} unreadable file(s) skipped`;
  return [`- **History:** ${history.builds} earlier ${escapeMarkdown(verdict.phase)} build(s) from ${escapeMarkdown(history.dir)}${skipped}`];
}

function statusCounts(checks: readonly Check[]): string {
  const counts = STATUS_ORDER.map((status) => [status, checks.filter((check) => check.status === status).length] as const);
  return counts
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUS_LABELS[status].replace(/^\S+ /, '')}`)
    .join(', ');
}

function checkRow(check: Check): string {
  const cells = [STATUS_LABELS[check.status], escapeMarkdownCell(check.id), escapeMarkdownCell(check.summary), check.action === undefined ? '' : escapeMarkdownCell(check.action)];
  return `| ${cells.join(' | ')} |`;
}

function checkTable(title: string, checks: readonly Check[]): string[] {
  const sorted = [...checks].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  return [`### ${title} (${statusCounts(checks)})`, '', '| status | check | finding | action |', '|---|---|---|---|', ...sorted.map(checkRow), ''];
}

// A file path can hold spaces or parentheses, which would end the link's destination early.
function linkDestination(file: string): string {
  return encodeURI(file).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function trendLines(charts: readonly TrendChart[]): string[] {
  if (charts.length === 0) return [];
  return ['### p95 trends', '', ...charts.map((chart) => `![p95 trend of ${escapeMarkdown(chart.scenario)}](${linkDestination(chart.file)})`), ''];
}

function signedPercent(ratio: number): string {
  return `${ratio >= 1 ? '+' : '−'}${formatPercent(Math.abs(ratio - 1), 0)}`;
}

function footnote(checks: readonly Check[]): string[] {
  const regression = checks.map((check) => check.data).find((data) => data.kind === 'regression');
  const threshold = regression === undefined ? 'the threshold' : `the ${signedPercent(regression.thresholdRatio)} threshold`;
  return [
    '<details><summary>How to read this</summary>',
    '',
    `A regression passes when the change is at most ${signedPercent(NOISE_RATIO)} or its 95% interval includes no change; it warns up to ${threshold}, ` +
      `and blocks above it once the interval's lower bound is above ${signedPercent(NOISE_RATIO)}. ` +
      'A not-evaluated check had no data to judge and never counts as a pass.',
    'Exit codes: 0 pass or warn, 1 block, 3 inconclusive (too few samples, or the load generator could not keep up: fix the run and judge it again).',
    '',
    '</details>',
  ];
}

/**
 * Renders a verdict as GitHub markdown for a PR comment and `$GITHUB_STEP_SUMMARY`: the outcome and
 * what was judged against what, one table per kind of check (worst first), optional trend images and a
 * short key. Every value from a run is escaped; no histogram goes in, so it stays far below GitHub's
 * 65,536-character comment limit for any realistic number of checks.
 */
export function renderVerdictMarkdown(verdict: Verdict, options: VerdictMarkdownOptions = {}): string {
  const lines = [
    `## ${OUTCOME_MARKERS[verdict.outcome]} loadbook verdict: ${verdict.outcome}`,
    '',
    `**${escapeMarkdown(verdict.headline)}**`,
    '',
    `- **Exit code:** ${verdict.exitCode}`,
    `- **Phase:** ${escapeMarkdown(verdict.phase)}`,
    ...runsLines(verdict.runs),
    ...baselineLines(verdict.baseline, verdict.noBaselineReason),
    ...historyLines(verdict),
    `- **Checks:** ${verdict.checks.length === 0 ? 'none' : `${verdict.checks.length}: ${statusCounts(verdict.checks)}`}`,
    '',
  ];
  for (const { kind, title } of KIND_SECTIONS) {
    const checks = verdict.checks.filter((check) => check.data.kind === kind);
    if (checks.length > 0) lines.push(...checkTable(title, checks));
  }
  lines.push(...trendLines(options.trendCharts ?? []), ...footnote(verdict.checks));
  return `${lines.join('\n')}\n`;
}
