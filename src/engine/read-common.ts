/** What the two sheet readers share: column specs, data-row discovery, row lists for warnings. */
import { isBlank } from './cells.js';
import type { ColumnSpec } from './headers.js';
import type { Cell, InputError } from './types.js';

export const col = (name: string, required = true, extra: string[] = []): ColumnSpec => ({
  name,
  aliases: [name.toLowerCase(), ...extra],
  required,
});

/** Excel rows listed in a warning; `count` always has the total. */
const MAX_LISTED = 50;

/** Collects rows for one aggregated warning. */
export class RowList {
  rows: number[] = [];
  count = 0;
  add(row: number) {
    if (this.rows.length < MAX_LISTED) this.rows.push(row);
    this.count++;
  }
}

export const rawValue = (cell: Cell): Cell => (cell === undefined ? null : cell);

/** Records one hard error of the current row. */
export type ErrorSink = (column: string, value: Cell, code: InputError['code'], message: string) => void;

/** Data rows after the header, skipping fully blank rows. */
export function dataRowIndexes(rows: readonly (readonly Cell[])[], headerIndex: number): number[] {
  const out: number[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row && row.some((c) => !isBlank(c))) out.push(i);
  }
  return out;
}

export function noDataRows(sheet: string, headerRow: number, what: string): InputError {
  return {
    sheet,
    row: headerRow,
    column: null,
    value: null,
    code: 'no-data-rows',
    message: `The ${sheet} sheet has no data rows below its header (row ${headerRow}): add at least one ${what}.`,
  };
}

export function preview(rows: readonly number[]): string {
  return rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', ');
}
