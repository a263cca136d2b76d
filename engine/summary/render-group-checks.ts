import type { SummaryCheck, SummaryGroup } from './summary-types.ts';
import { paint } from './format-ansi.ts';

/**
 * Renders a group's checks and nested groups as k6's summary does: `✓ name` for checks that always passed,
 * `✗ name` plus a `↳  98% — ✓ 49 / ✗ 1` line for the others, and `█ name` over each nested group, whose
 * content is indented one step further. Every block ends with a blank line.
 */
export function renderGroupChecks(group: SummaryGroup, prefix: string, colors: boolean): string[] {
  const lines: string[] = [];
  if (group.checks.length > 0) {
    lines.push(...group.checks.flatMap((check) => renderCheck(check, prefix, colors)), '');
  }
  for (const child of group.groups) {
    lines.push(`${prefix}█ ${child.name}`, '', ...renderGroupChecks(child, `${prefix}  `, colors));
  }
  return lines;
}

function renderCheck(check: SummaryCheck, prefix: string, colors: boolean): string[] {
  if (check.fails === 0) return [`${prefix}${paint(`✓ ${check.name}`, 'green', colors)}`];
  const total = check.passes + check.fails;
  const percent = Math.floor((check.passes / total) * 100);
  return [
    `${prefix}${paint(`✗ ${check.name}`, 'red', colors)}`,
    `${prefix} ${paint(`↳  ${percent}% — ✓ ${check.passes} / ✗ ${check.fails}`, 'red', colors)}`,
  ];
}
