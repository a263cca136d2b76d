/** loadbook's engine: run k6 scripts on Node, programmatically or through `loadbook run`. */
export { runTest, DEFAULT_WORKERS } from './run/run-test.ts';
export type { RunRequest, RunResult } from './run/run-request.ts';
export { DEFAULT_REDACT, type RedactOptions } from './runtime/redactor.ts';
export type { OptionOverrides } from './options/test-options.ts';
export type { SummaryData } from './summary/summary-types.ts';
export { EXIT, LoadbookError, OptionsError } from './errors.ts';
