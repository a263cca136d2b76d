import type { Check, CheckData, Verdict } from '../verdict-document.ts';

// XML 1.0 allows tab, LF and CR below 0x20, nothing at all in U+FFFE/U+FFFF, and no lone surrogate.
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML element content or a quoted attribute value: characters XML cannot hold are dropped, markup is escaped. */
export function escapeXml(value: unknown): string {
  return String(value)
    .replace(NOT_XML_CHARACTERS, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}

/** The testsuites in the order the markdown shows them. */
const SUITE_ORDER: readonly CheckData['kind'][] = ['generator', 'budget', 'regression', 'error-rate', 'rule', 'consecutive', 'change-point'];

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function countsOf(checks: readonly Check[]): SuiteCounts {
  return {
    tests: checks.length,
    failures: checks.filter((check) => check.status === 'block').length,
    errors: checks.filter((check) => check.status === 'inconclusive').length,
    skipped: checks.filter((check) => check.status === 'not-evaluated').length,
  };
}

function countAttributes(counts: SuiteCounts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

function withAction(check: Check): string {
  return check.action === undefined ? check.summary : `${check.summary}\naction: ${check.action}`;
}

/** The element inside a testcase that says how the check went. */
function testcaseBody(check: Check): string {
  switch (check.status) {
    case 'block':
      return `<failure message="${escapeXml(check.summary)}" type="block">${escapeXml(withAction(check))}</failure>`;
    case 'inconclusive':
      return `<error message="${escapeXml(check.summary)}" type="inconclusive">${escapeXml(withAction(check))}</error>`;
    case 'not-evaluated':
      return `<skipped message="${escapeXml(check.summary)}"/>`;
    case 'warn':
      return `<system-out>${escapeXml(`warn: ${withAction(check)}`)}</system-out>`;
    case 'pass':
      return `<system-out>${escapeXml(check.summary)}</system-out>`;
    default:
      return check.status satisfies never;
  }
}

function testcase(check: Check): string {
  const name = escapeXml(check.id);
  return `    <testcase classname="loadbook.${escapeXml(check.data.kind)}" name="${name}">\n      ${testcaseBody(check)}\n    </testcase>`;
}

function testsuite(kind: CheckData['kind'], checks: readonly Check[]): string {
  const opening = `  <testsuite name="${kind}" ${countAttributes(countsOf(checks))}>`;
  return [opening, ...checks.map(testcase), '  </testsuite>'].join('\n');
}

/**
 * Renders a verdict as JUnit XML for CI test reporters: one testsuite per kind of check and one testcase
 * per check, so every budget and every rule shows as a test. A block is a failure, an inconclusive check
 * an error, a not-evaluated one skipped (with its reason); a warning passes and says so in its output.
 */
export function renderJunit(verdict: Verdict): string {
  const suites = SUITE_ORDER.map((kind) => ({ kind, checks: verdict.checks.filter((check) => check.data.kind === kind) })).filter(
    (suite) => suite.checks.length > 0,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loadbook verdict" ${countAttributes(countsOf(verdict.checks))}>`,
    ...suites.map((suite) => testsuite(suite.kind, suite.checks)),
    '</testsuites>',
    '',
  ].join('\n');
}
