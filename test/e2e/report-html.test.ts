import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, writeReportFiles, type BuiltReport } from '../../reports/report/index.ts';
import { loadRunAnalysis } from '../fixtures/reports/load-run-analysis.ts';

/** Debian's chromium (scripts/ensure-chromium.mjs installs it); no browser is ever downloaded. */
const CHROMIUM = '/usr/bin/chromium';

interface ChartBox {
  file: string;
  width: number;
  height: number;
  marks: number;
  drawn: number;
}

describe('report.html in headless chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Each fixture's report, built and written once. */
  const written = new Map<string, { dir: string; report: BuiltReport }>();

  async function open(name: 'run-analysis' | 'hostile-run-analysis') {
    if (!written.has(name)) {
      const report = await buildReport(loadRunAnalysis(name));
      const dir = mkdtempSync(join(tmpdir(), 'loadbook-report-html-'));
      writeReportFiles(dir, report.files);
      written.set(name, { dir, report });
    }
    const { dir, report } = written.get(name)!;
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    // A blocked load (the page's Content-Security-Policy) shows up as a console error, not as a request.
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, requests, errors, dialogs, rendered: report.charts.filter((chart) => chart.kind === 'rendered') };
  }

  it('draws every chart inline with a non-zero size and its marks, and fetches nothing', async () => {
    const { page, url, requests, errors, rendered } = await open('run-analysis');
    const boxes: ChartBox[] = await page.$$eval('figure[data-chart] > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const drawn = [...svg.querySelectorAll('.role-mark path, .role-mark line')].filter((mark) => {
          const rect = mark.getBoundingClientRect();
          return rect.width > 0 || rect.height > 0;
        });
        return {
          file: svg.parentElement!.getAttribute('data-chart')!,
          width: box.width,
          height: box.height,
          marks: svg.querySelectorAll('.role-mark').length,
          drawn: drawn.length,
        };
      }),
    );
    expect(boxes.map((box) => box.file)).toEqual(rendered.map((chart) => chart.file));
    expect(boxes).toHaveLength(6);
    for (const box of boxes) {
      expect(box.width, box.file).toBeGreaterThan(100);
      expect(box.height, box.file).toBeGreaterThan(100);
      expect(box.marks, box.file).toBeGreaterThan(0);
      expect(box.drawn, box.file).toBeGreaterThan(0);
    }
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const external = await page.$$eval('*', (elements) =>
      elements.flatMap((element) =>
        [...element.attributes].filter((attribute) => /(^|:)(src|href|action|data)$/.test(attribute.name) && /^(https?:)?\/\//.test(attribute.value)).map((attribute) => `${element.tagName} ${attribute.name}=${attribute.value}`),
      ),
    );
    expect(external).toEqual([]);
    await page.close();
  });

  it('shows the same tables as report.md', async () => {
    const { page } = await open('run-analysis');
    const headings = await page.$$eval('h2', (nodes) => nodes.map((node) => node.textContent));
    expect(headings).toEqual([
      'Golden signals',
      'Per stage',
      'Spike recovery',
      'Saturation',
      'Kafka consumer lag',
      'Caching',
      'Heap trend',
      'Slowest traced requests',
      'Sampler errors',
      'Charts',
    ]);
    const firstRow = await page.$$eval('table:first-of-type tbody tr:first-child td', (cells) => cells.map((cell) => cell.textContent));
    expect(firstRow.slice(0, 7)).toEqual(['product-get', 'http_req_duration', '26.0', '129', '252', '618', '❌ over 120']);
    await page.close();
  });

  it('shows hostile names as text: no script runs, no element is injected', async () => {
    const { page, url, requests, errors, dialogs } = await open('hostile-run-analysis');
    expect(await page.$$('script')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const cell = await page.$eval('table tbody tr:first-child td:first-child', (node) => node.textContent);
    expect(cell).toBe('product-get|pipe `tick` <script>alert(1)</script>');
    await page.close();
  });
});
