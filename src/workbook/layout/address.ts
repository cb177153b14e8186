/** A1 addresses for layout blocks (chart sources, table ranges), quoted as Excel quotes sheet names. */

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(column: number): string {
  let n = column + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A sheet name as it appears in an address: always quoted, inner quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `B2:D9` (or `B2` for one cell) for a block given by its 0-based top-left corner and size. */
export function cellRange(row: number, column: number, rows: number, columns: number): string {
  const start = `${columnLetters(column)}${row + 1}`;
  return rows === 1 && columns === 1 ? start : `${start}:${columnLetters(column + columns - 1)}${row + rows}`;
}

/** `'Sheet'!B2:D9` for a block given by its 0-based top-left corner and size. */
export function blockAddress(sheet: string, row: number, column: number, rows: number, columns: number): string {
  return `${quoteSheetName(sheet)}!${cellRange(row, column, rows, columns)}`;
}
