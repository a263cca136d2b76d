import { TIME_AXIS_TITLE } from './chart-style.ts';

/**
 * The x encoding of every chart: seconds since the run started, over the whole run, so panels and charts
 * line up and stage bands fall where the stages were.
 */
export function timeX(field: string, seconds: number) {
  return {
    field,
    type: 'quantitative' as const,
    title: TIME_AXIS_TITLE,
    scale: { domain: [0, Math.max(1, seconds)], nice: false, zero: true },
  };
}
