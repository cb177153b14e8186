/** Header discovery (SPEC §2, §14): the first of the first 10 rows holding every required header. */
import { normalizeHeader } from './cells.js';
import type { Cell, InputError } from './types.js';

/** A column the reader looks for: its canonical name and the normalised spellings it accepts, best first. */
export interface ColumnSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export type HeaderResult =
  | { ok: true; headerIndex: number; columns: Record<string, number>; aliasUsed: Record<string, string> }
  | { ok: false; errors: InputError[] };

const HEADER_SEARCH_ROWS = 10;

/** Finds the header row and the column of each spec; on failure, one error per missing required column. */
export function findHeader(
  sheetName: string,
  rows: readonly (readonly Cell[])[],
  firstRow: number,
  specs: readonly ColumnSpec[],
): HeaderResult {
  let best = { index: 0, found: -1, columns: {} as Record<string, number>, aliasUsed: {} as Record<string, string> };
  const limit = Math.min(HEADER_SEARCH_ROWS, rows.length);
  for (let r = 0; r < limit; r++) {
    const { columns, aliasUsed } = matchRow(rows[r] ?? [], specs);
    const found = specs.filter((s) => s.required && columns[s.name] !== undefined).length;
    const required = specs.filter((s) => s.required).length;
    if (found === required) return { ok: true, headerIndex: r, columns, aliasUsed };
    if (found > best.found) best = { index: r, found, columns, aliasUsed };
  }
  const headerRow = firstRow + best.index;
  const errors: InputError[] = specs
    .filter((s) => s.required && best.columns[s.name] === undefined)
    .map((s) => ({
      sheet: sheetName,
      row: headerRow,
      column: s.name,
      value: null,
      code: 'missing-column' as const,
      message: `Add a column named ${s.name} to the ${sheetName} sheet (no header row in the first ${HEADER_SEARCH_ROWS} rows has it).`,
    }));
  return { ok: false, errors };
}

// A repeated header uses its first column; among aliases the first listed wins (Original_Rep over Current_Rep).
function matchRow(row: readonly Cell[], specs: readonly ColumnSpec[]) {
  const firstIndex = new Map<string, number>();
  for (let c = 0; c < row.length; c++) {
    const key = normalizeHeader(row[c]);
    if (key !== '' && !firstIndex.has(key)) firstIndex.set(key, c);
  }
  const columns: Record<string, number> = {};
  const aliasUsed: Record<string, string> = {};
  for (const spec of specs) {
    for (const alias of spec.aliases) {
      const c = firstIndex.get(alias);
      if (c !== undefined) {
        columns[spec.name] = c;
        aliasUsed[spec.name] = alias;
        break;
      }
    }
  }
  return { columns, aliasUsed };
}
