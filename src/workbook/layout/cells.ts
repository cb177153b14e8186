/** Building blocks shared by the sheet layouts: number formats, N/A, band colours, table helpers. */
import { band, BAND_PALETTE, shownScore } from '../../engine/index.js';
import type { CellStyle, OutCell, TableLayout, TextCell } from './types.js';

/** Number formats used on the owned sheets. */
export const FORMAT = {
  general: 'General',
  currency: '$#,##0',
  thousands: '#,##0',
  integer: '0',
  oneDecimal: '0.0',
  twoDecimals: '0.00',
  threeDecimals: '0.000',
  /** Values already in percent points (CV %, margin %, moved %): 4.9 shows as "4.9 %". */
  percentPoints: '0.0" %"',
  score: '0.000000',
} as const;

/** What the sheets show where the spec says N/A: the text, never 0. */
export const NA = 'N/A';

/** A number, or "N/A" when undefined. */
export function numberOrNA(value: number | null | undefined): OutCell {
  return value === null || value === undefined || !Number.isFinite(value) ? NA : value;
}

/**
 * Shown integer, band name and band style (the engine's band palette) of a score; N/A when the
 * score is undefined. The band name is written in the cell as well, so colour is never the only cue.
 */
export function scoreCells(score: number | null): { shown: OutCell; band: OutCell; style: CellStyle | null } {
  if (score === null || !Number.isFinite(score)) return { shown: NA, band: NA, style: null };
  const b = band(score);
  return { shown: shownScore(score), band: b, style: BAND_PALETTE[b] };
}

/** A table as its layout describes it, before its rows: styles optional (most tables have none). */
export type TableSpec = Omit<TableLayout, 'rowCount' | 'rows' | 'styles'> & { readonly styles?: TableLayout['styles'] };

/** Placeholder row for an empty table (Excel tables need one data row). */
function placeholderRow(width: number, text: string): OutCell[] {
  const row: OutCell[] = Array.from({ length: width }, () => '');
  row[0] = text;
  return row;
}

/** A table over rows already in memory. */
export function arrayTable(spec: TableSpec, rows: readonly OutCell[][], emptyText = '(none)'): TableLayout {
  const data = rows.length > 0 ? rows : [placeholderRow(spec.headers.length, emptyText)];
  return {
    ...spec,
    styles: spec.styles ?? [],
    rowCount: data.length,
    rows: async (from, to) => data.slice(from, to).map((r) => r.slice()),
  };
}

/** A table whose rows are produced on demand (audit log, account moves: up to 1M rows). */
export function lazyTable(
  spec: TableSpec,
  rowCount: number,
  produce: (from: number, to: number) => OutCell[][] | Promise<OutCell[][]>,
  emptyText = '(none)',
): TableLayout {
  if (rowCount === 0) return arrayTable(spec, [], emptyText);
  return {
    ...spec,
    styles: spec.styles ?? [],
    rowCount,
    rows: async (from, to) => produce(Math.max(0, from), Math.min(rowCount, to)),
  };
}

/** Row of the first cell below a table (its last data row + 1), for stacking blocks. */
export function rowAfter(table: TableLayout, gap = 2): number {
  return table.row + 1 + table.rowCount + gap;
}

/** A sheet's title (first row, bold) and the note under it (second row, italic). */
export function titleAndNote(title: string, note: string): TextCell[] {
  return [
    { row: 0, column: 0, text: title, style: 'title' },
    { row: 1, column: 0, text: note, style: 'note' },
  ];
}

/** Yes / No for flags. */
export function yesNo(flag: boolean): string {
  return flag ? 'Yes' : 'No';
}
