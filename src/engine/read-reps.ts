/** The Reps sheet (SPEC §2, §14, §15): names, segments, locations and optional account caps. */
import { cellText, isBlank, parseNumberCell, parseSegment } from './cells.js';
import { findHeader, type ColumnSpec } from './headers.js';
import { col, dataRowIndexes, noDataRows, rawValue, type ErrorSink } from './read-common.js';
import type { Cell, InputError, Rep, SheetInput } from './types.js';

export const REPS_COLUMNS: readonly ColumnSpec[] = [col('Rep_Name'), col('Segment'), col('Location'), col('Max_Accounts', false)];

export interface RepsRead {
  readonly reps: Rep[];
  readonly errors: InputError[];
  readonly blankLocation: string[];
  /**
   * Every non-blank Rep_Name key on the sheet, rows with errors included, so a Locked_Rep naming a rep
   * whose row has a typo is not a second error; null when the sheet could not be read at all.
   */
  readonly nameKeys: ReadonlySet<string> | null;
}

export function readReps(sheet: SheetInput): RepsRead {
  const errors: InputError[] = [];
  const header = findHeader(sheet.name, sheet.rows, sheet.firstRow, REPS_COLUMNS);
  if (!header.ok) return { reps: [], errors: header.errors, blankLocation: [], nameKeys: null };
  const { headerIndex, columns } = header;
  const headerRow = sheet.firstRow + headerIndex;
  const indexes = dataRowIndexes(sheet.rows, headerIndex);
  if (indexes.length === 0) return { reps: [], errors: [noDataRows(sheet.name, headerRow, 'rep')], blankLocation: [], nameKeys: new Set() };

  const reps: Rep[] = [];
  const blankLocation: string[] = [];
  const firstRowOfName = new Map<string, number>();
  const cName = columns.Rep_Name!, cSegment = columns.Segment!, cLocation = columns.Location!;
  const cCap = columns.Max_Accounts ?? -1;
  for (const i of indexes) {
    const cells = sheet.rows[i]!;
    const row = sheet.firstRow + i;
    const err: ErrorSink = (column, value, code, message) =>
      errors.push({ sheet: sheet.name, row, column, value: rawValue(value), code, message });
    const nameCell = cells[cName];
    const name = cellText(nameCell);
    let ok = true;
    if (name === '') {
      err('Rep_Name', nameCell, 'blank-required', `Row ${row} has no Rep_Name: type the rep's name or delete the row.`);
      ok = false;
    } else {
      const key = name.toLowerCase();
      const first = firstRowOfName.get(key);
      if (first !== undefined) {
        err('Rep_Name', nameCell, 'duplicate-rep-name', `Rep "${name}" is already listed in row ${first}: rep names must be unique (case-insensitive).`);
        ok = false;
      } else firstRowOfName.set(key, row);
    }
    const segmentCell = cells[cSegment];
    const segment = parseSegment(segmentCell);
    if (isBlank(segmentCell)) {
      err('Segment', segmentCell, 'blank-required', `Row ${row} has no Segment: enter Enterprise or Mid-Market.`);
      ok = false;
    } else if (segment === null) {
      err('Segment', segmentCell, 'unknown-segment', `Segment "${cellText(segmentCell)}" is not recognised: use Enterprise (E, Ent) or Mid-Market (MM, Mid Market, Midmarket).`);
      ok = false;
    }
    const maxAccounts = cCap >= 0 ? readCap(cells[cCap], row, err) : null;
    if (maxAccounts === undefined) ok = false;
    const location = cellText(cells[cLocation]);
    if (ok && segment) {
      reps.push({ name, key: name.toLowerCase(), segment, location, row, maxAccounts: maxAccounts ?? null });
      if (location === '') blankLocation.push(name);
    }
  }
  return { reps, errors, blankLocation, nameKeys: new Set(firstRowOfName.keys()) };
}

/** Max_Accounts: a whole number ≥ 0, blank = no cap (null); undefined after an error. */
function readCap(cell: Cell, row: number, err: ErrorSink): number | null | undefined {
  if (isBlank(cell)) return null;
  const parsed = parseNumberCell(cell);
  if (!parsed.ok || !Number.isInteger(parsed.value)) {
    err('Max_Accounts', cell, 'bad-type', `Max_Accounts "${cellText(cell)}" in row ${row} is not a whole number: enter the most accounts this rep may hold (0 or more), or leave it blank for no cap.`);
    return undefined;
  }
  if (parsed.value < 0) {
    err('Max_Accounts', cell, 'negative-number', `Max_Accounts ${cellText(cell)} in row ${row} is negative: enter 0 or more, or leave it blank for no cap.`);
    return undefined;
  }
  return parsed.value;
}
