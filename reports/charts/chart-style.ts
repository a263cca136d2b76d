/** Sizes and colours shared by every chart, so the report's charts line up and read alike. */

/** Plot width in pixels; the report is read on a laptop screen or in a PR comment. */
export const CHART_WIDTH = 640;

/** Plot height of a chart with one panel. */
export const CHART_HEIGHT = 200;

/** Plot height of each panel of a chart that stacks panels (one per scenario or per measure). */
export const PANEL_HEIGHT = 130;

/** The x axis every chart shares: seconds since the run started. */
export const TIME_AXIS_TITLE = 'seconds since start';

/** Colour of a budget line. */
export const BUDGET_COLOR = '#c0392b';

/** Config every chart carries: plain fonts (measured without a canvas) and a white background. */
export const CHART_CONFIG = {
  background: 'white',
  font: 'sans-serif',
  view: { stroke: '#ddd' },
  // Limits keep a long name from a run (a URL, a tag value) from stretching the layout; vega truncates it.
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#eee', labelLimit: 120 },
  axisX: { titleLimit: 400 },
  axisY: { titleLimit: 160 },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 260, titleLimit: 260 },
  title: { fontSize: 13, anchor: 'start', limit: 640 },
} as const;
