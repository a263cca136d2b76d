export { judgeVerdict, type JudgeInput } from './judge-verdict.ts';
export { historyEntryOf } from './history-entry-of.ts';
export type { JudgedRun } from './judged-run.ts';
export { MAX_DROPPED_RATIO, MIN_ACHIEVED_RATIO } from './judge-generator.ts';
