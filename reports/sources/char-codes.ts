/** The UTF-16 codes of a fixed string, for comparisons that V8 inlines (startsWith with a position does not inline). */
export function charCodes(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** True when `text` holds `codes` at `pos`. */
export function matchesAt(text: string, pos: number, codes: Uint16Array): boolean {
  if (pos + codes.length > text.length) return false;
  for (let i = 0; i < codes.length; i++) if (text.charCodeAt(pos + i) !== codes[i]) return false;
  return true;
}
