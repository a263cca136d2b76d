import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../../../reports/verdict/render/render-junit.ts';
import type { Check, CheckStatus, Verdict } from '../../../../../reports/verdict/verdict-document.ts';
import { passVerdict, sampleVerdict } from '../../../../fixtures/verdict/sample-verdict.ts';

interface Counts {
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
}
interface Testcase {
  classname: string;
  name: string;
  failure?: { '#text': string; message: string; type: string };
  error?: { '#text': string; message: string; type: string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface Testsuite extends Counts {
  name: string;
  testcase: Testcase[];
}
interface Junit {
  testsuites: Counts & { name: string; testsuite: Testsuite[] };
}

// Attributes kept as text and every testsuite and testcase as a list, so that the counts read back as written.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

/** Parses the XML back, failing the test unless it is well-formed. */
function parsed(xml: string): Junit {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Junit;
}

function countOf(checks: readonly Check[], status: CheckStatus): string {
  return String(checks.filter((check) => check.status === status).length);
}

function expectedCounts(checks: readonly Check[]): Counts {
  return { tests: String(checks.length), failures: countOf(checks, 'block'), errors: countOf(checks, 'inconclusive'), skipped: countOf(checks, 'not-evaluated') };
}

function countsOf(element: Counts): Counts {
  return { tests: element.tests, failures: element.failures, errors: element.errors, skipped: element.skipped };
}

function testcases(junit: Junit): Testcase[] {
  return junit.testsuites.testsuite.flatMap((suite) => suite.testcase);
}

function testcaseOf(junit: Junit, id: string): Testcase {
  return testcases(junit).find((testcase) => testcase.name === id)!;
}

const CONTROL = 'a\u0000b\u0007c\u000Bd\u000Ce\u001Bf\u001F';

describe('renderJunit', () => {
  it.each([
    ['the blocked five-scenario run', sampleVerdict()],
    ['the passing repeated run', passVerdict()],
  ])('writes well-formed XML whose counts are those of %s', (_, verdict: Verdict) => {
    const xml = renderJunit(verdict);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="loadbook verdict" ')).toBe(true);
    const junit = parsed(xml);
    expect(countsOf(junit.testsuites)).toEqual(expectedCounts(verdict.checks));
    for (const suite of junit.testsuites.testsuite) {
      expect(countsOf(suite)).toEqual(expectedCounts(verdict.checks.filter((check) => check.data.kind === suite.name)));
    }
  });

  it('writes one testsuite per kind of check and one testcase per check', () => {
    const verdict = sampleVerdict();
    const junit = parsed(renderJunit(verdict));
    expect(junit.testsuites.testsuite.map((suite) => suite.name)).toEqual(['generator', 'budget', 'regression', 'error-rate', 'rule', 'consecutive', 'change-point']);
    expect(testcases(junit).map((testcase) => testcase.name).sort()).toEqual(verdict.checks.map((check) => check.id).sort());
    for (const suite of junit.testsuites.testsuite) {
      for (const testcase of suite.testcase) expect(testcase.classname).toBe(`loadbook.${suite.name}`);
    }
  });

  it('makes every budget and every rule a testcase', () => {
    const names = testcases(parsed(renderJunit(sampleVerdict()))).map((testcase) => testcase.name);
    for (const scenario of ['product-get', 'product-search', 'cart-add', 'checkout', 'order-events']) expect(names).toContain(`budget/${scenario}`);
    for (const rule of ['error-rate', 'kafka-lag', 'cpu', 'gc-pauses']) expect(names).toContain(`rule/${rule}`);
  });

  it('fails a blocking check with its summary and action', () => {
    const testcase = testcaseOf(parsed(renderJunit(sampleVerdict())), 'budget/checkout');
    expect(testcase.failure).toEqual({ type: 'block', message: 'p95 182 ms > budget 150 ms', '#text': 'p95 182 ms > budget 150 ms\naction: find what slowed checkout before merging; the budget is the SLO' });
  });

  it('errors an inconclusive check, skips a not-evaluated one with its reason, and passes a warning saying so', () => {
    const junit = parsed(renderJunit(sampleVerdict()));
    expect(testcaseOf(junit, 'generator/order-events').error).toMatchObject({ type: 'inconclusive', message: expect.stringContaining('the generator fell behind') });
    expect(testcaseOf(junit, 'rule/kafka-lag').skipped).toEqual({ message: expect.stringContaining('no kafka-lag samples') });
    const warning = testcaseOf(junit, 'regression/product-search/p95');
    expect(warning.failure ?? warning.error ?? warning.skipped).toBeUndefined();
    expect(warning['system-out']).toMatch(/^warn: p95 61\.2 ms vs 57\.1 ms/);
    expect(testcaseOf(junit, 'budget/product-get')['system-out']).toBe('p95 8.6 ms ≤ budget 120 ms');
  });

  it('escapes markup and quotes and drops characters XML 1.0 cannot hold', () => {
    const hostile = `${CONTROL} <script>alert("x")</script> & 'quoted' ]]>`;
    const verdict = sampleVerdict();
    verdict.checks = verdict.checks.map((check) => ({ ...check, id: `${check.id} ${hostile}`, summary: hostile, action: hostile }));
    const xml = renderJunit(verdict);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain('<script');
    const junit = parsed(xml);
    const cleaned = hostile.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
    expect(cleaned.startsWith('abcdef ')).toBe(true);
    expect(testcases(junit)).toHaveLength(verdict.checks.length);
    expect(testcaseOf(junit, `budget/checkout ${cleaned}`).failure?.message).toBe(cleaned);
    expect(countsOf(junit.testsuites)).toEqual(expectedCounts(verdict.checks));
  });
});
