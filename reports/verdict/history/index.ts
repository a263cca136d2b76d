export { consecutiveRise, consecutiveStreak, type ConsecutiveRiseOptions, type ConsecutiveStreak } from './consecutive-rise.ts';
export { detectChangePoint, type ChangePoint, type ChangePointOptions } from './detect-change-point.ts';
export type { HistoryEntry, HistoryScenario, HistoryVerdict } from './history-entry.ts';
export { HISTORY_FILE_NAME, historyFileName } from './history-file-name.ts';
export { readHistory, type History, type ReadHistoryOptions, type SkippedHistoryFile } from './read-history.ts';
export { trendChartSpec } from './trend-chart-spec.ts';
export { validateBuildId, validateHistoryEntry } from './validate-history-entry.ts';
export { writeHistoryEntry } from './write-history-entry.ts';
