import { formatNumber } from '../../render/format.ts';
import { left, right } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/** Samplers that failed while the run went on: their numbers above are missing or partial. */
export const samplerErrorsSection: ReportSection = {
  render({ samplerErrors }) {
    if (samplerErrors.length === 0) return [];
    return [
      { kind: 'heading', level: 2, text: 'Sampler errors' },
      { kind: 'paragraph', text: 'These samplers failed during the run; saturation and lag above miss their samples.' },
      {
        kind: 'table',
        columns: [left('source'), right('errors'), left('first error')],
        rows: samplerErrors.map((error) => [error.source, formatNumber(error.errors, 0), error.firstError]),
      },
    ];
  },
};
