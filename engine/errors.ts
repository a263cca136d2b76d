/** k6's exit codes, which the engine honours. */
export const EXIT = {
  ok: 0,
  thresholdsFailed: 99,
  setupTimeout: 100,
  teardownTimeout: 101,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  scriptAborted: 108,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can fix; its message is one line naming the value, what was expected and what was given. */
export class LoadbookError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.invalidConfig,
  ) {
    super(message);
    this.name = 'LoadbookError';
  }
}

/** Invalid options or flags: exit code 104. */
export class OptionsError extends LoadbookError {
  constructor(message: string) {
    super(message, EXIT.invalidConfig);
    this.name = 'OptionsError';
  }
}

/** Renders any value for an error message the way the user typed it. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

// JSON.parse quotes the text around a syntax error, control characters and line breaks included.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** JSON.parse's reason for refusing a text, on one line: control characters it quotes from the text are escaped. */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
