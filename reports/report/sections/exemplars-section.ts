import { formatMs, formatNumber } from '../../render/format.ts';
import { code, left, right, text, type Block, type RichText } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** The slowest traced requests, with the trace id to look each one up in the tracing backend. */
export const exemplarsSection: ReportSection = {
  render(analysis, { exemplarLimit }) {
    const heading: Block = { kind: 'heading', level: 2, text: 'Slowest traced requests' };
    if (analysis.exemplars.length === 0) {
      const why: RichText =
        analysis.run.source === 'k6'
          ? 'No exemplars: stock k6 output carries no exemplars.'
          : [text('No exemplars: tracing was off for this run; set '), code('"tracing": true'), text(' in the config to keep the slowest traced requests.')];
      return [heading, { kind: 'paragraph', text: why }];
    }
    const shown = analysis.exemplars.slice(0, exemplarLimit);
    const intro =
      shown.length < analysis.exemplars.length
        ? `The slowest ${shown.length} of ${formatNumber(analysis.exemplars.length, 0)} exemplars, slowest first.`
        : 'Slowest first.';
    return [
      heading,
      { kind: 'paragraph', text: intro },
      {
        kind: 'table',
        columns: [left('trace id'), left('scenario'), left('name'), right('ms'), left('status'), left('cache.hit')],
        rows: shown.map((exemplar) => [
          [code(exemplar.traceId)],
          exemplar.scenario,
          exemplar.name,
          formatMs(exemplar.durationMs),
          exemplar.status,
          exemplar.attributes['cache.hit'] ?? '—',
        ]),
      },
    ];
  },
};
