import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, type Block } from '../../../../reports/report/index.ts';
import { code, left, right, strong, text } from '../../../../reports/report/report-block.ts';

const blocks: Block[] = [
  { kind: 'heading', level: 1, text: 'Smoke run # 1' },
  { kind: 'paragraph', text: [text('p95 '), strong('129 ms'), text(' on '), code('http_req_duration'), text(' and '), code('a|b')] },
  { kind: 'list', items: ['one', [text('two '), { kind: 'link', text: 'latency', href: 'charts/latency (1).svg' }]] },
  { kind: 'table', columns: [left('name'), right('ms')], rows: [['GET /a', '12.0'], [[code('x`y')], '3.4']] },
  { kind: 'chart', title: 'Latency', file: 'charts/latency.svg', svg: '<svg width="10" height="10"><path d="M0,0L1,1"/></svg>' },
];

describe('renderMarkdown', () => {
  it('writes headings, emphasis, code, lists, aligned tables and chart images as GitHub markdown', () => {
    expect(renderMarkdown(blocks)).toBe(
      [
        '# Smoke run \\# 1',
        '',
        'p95 **129 ms** on `http_req_duration` and <code>a\\|b</code>',
        '',
        '- one',
        '- two [latency](charts/latency%20%281%29.svg)',
        '',
        '| name | ms |',
        '| --- | ---: |',
        '| GET /a | 12.0 |',
        '| <code>x\\`y</code> | 3.4 |',
        '',
        '![Latency](charts/latency.svg)',
        '',
      ].join('\n'),
    );
  });
});

describe('renderHtml', () => {
  const html = renderHtml(blocks);

  it('writes one self-contained page: inline style, the SVG inline, nothing to fetch', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('<figure data-chart="charts/latency.svg">\n<figcaption>Latency</figcaption>\n<svg width="10"');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('titles the page with the first heading and aligns numeric cells right', () => {
    expect(html).toContain('<title>Smoke run # 1</title>');
    expect(html).toContain('<td class="num">12.0</td>');
    expect(html).toContain('<td><code>x`y</code></td>');
  });
});
