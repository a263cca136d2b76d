/** Whether `error` is node:util parseArgs refusing the command line (unknown flag, missing value). */
export function isParseArgsError(error: unknown): error is TypeError & { code: string } {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}
