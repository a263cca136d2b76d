/** Cells of a markdown table row: split on pipes that no backslash escapes. */
export function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
}

/** Every table of a markdown text, as its header's cell count and each row's. */
export function tables(markdown: string): { header: number; rows: number[] }[] {
  const found: { header: number; rows: number[] }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !lines[i + 1]?.startsWith('|---')) continue;
    const table = { header: cells(lines[i]!).length, rows: [] as number[] };
    for (i += 2; lines[i]?.startsWith('|'); i++) table.rows.push(cells(lines[i]!).length);
    found.push(table);
  }
  return found;
}
