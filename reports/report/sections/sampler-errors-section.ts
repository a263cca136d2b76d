import type { SamplerErrorSummary } from '../../analysis/run-analysis.ts';
import { formatNumber } from '../../render/format.ts';
import { left, right, type Block } from '../report-block.ts';
import type { ReportSection } from '../report-section.ts';

/**
 * Samplers that failed while the run went on: their numbers above are missing or partial. A source that
 * answered and then stopped (a target killed mid-run) gets a line saying when.
 */
export const samplerErrorsSection: ReportSection = {
  render({ samplerErrors }) {
    if (samplerErrors.length === 0) return [];
    const stopped = samplerErrors.filter((error) => error.stoppedAnsweringAt !== undefined).map(stoppedLine);
    const blocks: Block[] = [
      { kind: 'heading', level: 2, text: 'Sampler errors' },
      { kind: 'paragraph', text: 'These samplers failed during the run; saturation and lag above miss their samples.' },
    ];
    if (stopped.length > 0) blocks.push({ kind: 'list', items: stopped });
    blocks.push({
      kind: 'table',
      columns: [left('source'), right('errors'), left('failing'), left('first error')],
      rows: samplerErrors.map((error) => [sourceOf(error), formatNumber(error.errors, 0), span(error), error.firstError]),
    });
    return blocks;
  },
};

function sourceOf(error: SamplerErrorSummary): string {
  return error.group === undefined ? error.source : `${error.source}, group ${error.group}`;
}

/** `12:01:05–12:01:55 UTC`; empty for summaries of analyses written before the times existed. */
function span({ firstAt, lastAt }: SamplerErrorSummary): string {
  if (firstAt === undefined || lastAt === undefined) return '';
  return firstAt === lastAt ? `${clock(firstAt)} UTC` : `${clock(firstAt)}–${clock(lastAt)} UTC`;
}

function stoppedLine(error: SamplerErrorSummary): string {
  const last = error.lastAnswerAt === undefined ? '' : ` (last answer ${clock(error.lastAnswerAt)})`;
  return (
    `${sourceOf(error)} stopped answering at ${clock(error.stoppedAnsweringAt!)} UTC${last}: ` +
    `failed ${formatNumber(error.errors, 0)} times from ${clock(error.firstAt)} to ${clock(error.lastAt)} UTC, first with: ${error.firstError}`
  );
}

/** The time of day of an ISO 8601 instant, to the second. */
function clock(iso: string): string {
  return iso.slice(11, 19);
}
