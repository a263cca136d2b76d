/** SGR codes the text summary uses; k6 colours passes green, failures red and values cyan. */
export const ANSI = {
  green: 32,
  red: 31,
  cyan: 36,
  faint: 2,
} as const;

export type AnsiStyle = keyof typeof ANSI;

/** Wraps text in one ANSI style, or returns it unchanged when colours are off. */
export function paint(text: string, style: AnsiStyle, colors: boolean): string {
  return colors && text !== '' ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}
