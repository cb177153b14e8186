/**
 * Hand edits in the in-memory workbook (SPEC §16): Assigned_Rep compared, by Account_ID, with what the
 * last write put there; and Locked_Rep written for given accounts, the column appended when missing.
 * Same semantics as the Office adapter (src/workbook/office/last-written.ts, locked-rep.ts).
 */
import { cellText, normalizeHeader, type Book, type Cell } from '../../engine/index.js';
import type { HandEdit, HandEditCheck, LockReport, RepLock } from '../port.js';
import type { MemorySheet } from './sheet.js';

/** Account_ID → the rep the last write put in Assigned_Rep ('' for an unassigned account). */
export type LastWritten = ReadonlyMap<string, string>;

const repKey = (name: string) => name.trim().toLowerCase();
const LOCKED_REP = 'Locked_Rep';

/** The Assigned_Rep cells of `book`'s accounts that differ from what was last written. */
export function findHandEditsIn(sheet: MemorySheet | undefined, book: Book, written: LastWritten | null): HandEditCheck {
  const layout = book.accountsLayout;
  const idColumn = layout.columns.Account_ID;
  // The header as it is now (a book loaded before the first write does not know the column).
  const header = sheet?.rows[layout.headerRow - sheet.firstRow] ?? [];
  const repColumn = header.findIndex((cell) => normalizeHeader(cell) === 'assigned_rep');
  if (repColumn < 0 || idColumn === undefined || !sheet) return { known: false, edits: [], reason: 'no-column' };
  if (!written) return { known: false, edits: [], reason: 'never' };
  const edits: HandEdit[] = [];
  let compared = 0;
  for (let i = layout.headerRow + 1 - sheet.firstRow; i < sheet.rows.length; i++) {
    const row = sheet.rows[i] ?? [];
    const id = cellText(row[idColumn] ?? null);
    const was = id === '' ? undefined : written.get(id);
    if (was === undefined) continue;
    compared++;
    const now = cellText(row[repColumn] ?? null);
    if (repKey(now) !== repKey(was)) edits.push({ accountId: id, row: sheet.firstRow + i, written: was, now });
  }
  return { known: true, edits, compared };
}

/** Writes Locked_Rep for the accounts found on their rows; appends the column when the sheet has none. */
export function writeLockedRepsIn(sheet: MemorySheet | undefined, book: Book, locks: readonly RepLock[]): LockReport {
  const name = book.accountsSheet.name;
  if (!sheet) return { ok: false, written: 0, columnAdded: false, notFound: [], message: `The sheet "${name}" is gone: pick the Accounts sheet again and load it.` };
  if (sheet.protected) return { ok: false, written: 0, columnAdded: false, notFound: [], message: `The ${sheet.name} sheet is protected. Unprotect the ${sheet.name} sheet (Review → Unprotect Sheet) and try again.` };
  const layout = book.accountsLayout;
  const headerIndex = layout.headerRow - sheet.firstRow;
  const header = (sheet.rows[headerIndex] ??= []);
  let column = header.findIndex((cell) => normalizeHeader(cell) === normalizeHeader(LOCKED_REP));
  const columnAdded = column < 0;
  if (columnAdded) {
    column = Math.max(...sheet.rows.map((r) => lastFilled(r) + 1), 0);
    setCell(header, column, LOCKED_REP);
  }
  const idColumn = layout.columns.Account_ID!;
  const byId = new Map<string, number>();
  for (let k = 0; k < book.accounts.count; k++) byId.set(book.accounts.id[k]!, k);
  const notFound: string[] = [];
  let written = 0;
  for (const lock of locks) {
    const k = byId.get(lock.accountId.trim());
    const row = k === undefined ? undefined : sheet.rows[book.accounts.row[k]! - sheet.firstRow];
    // The account must still be on the row it was read from.
    if (k === undefined || !row || cellText(row[idColumn] ?? null) !== book.accounts.id[k]) {
      notFound.push(lock.accountId);
      continue;
    }
    setCell(row, column, lock.rep.trim());
    written++;
  }
  const missing = notFound.length > 0 ? ` Not on the ${name} sheet as loaded: ${notFound.join(', ')}.` : '';
  return {
    ok: true,
    written,
    columnAdded,
    notFound,
    message: `Locked ${written} account${written === 1 ? '' : 's'} to their rep in Locked_Rep on "${name}"${columnAdded ? ' (column added)' : ''}. Load the sheets again and press Allocate.${missing}`,
  };
}

function lastFilled(row: readonly Cell[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (row[c] !== null && row[c] !== undefined && row[c] !== '') return c;
  return -1;
}

function setCell(row: Cell[], column: number, value: Cell): void {
  while (row.length <= column) row.push(null);
  row[column] = value;
}
