/**
 * Writes Locked_Rep for given accounts (SPEC §16: "Lock these N accounts to their new rep"). The
 * column is found by its header as the reader finds it; a sheet without one gets it after the last
 * used column, or as a table column when the data is an Excel table ending there. Only the named
 * accounts' Locked_Rep cells change; every value is written as literal text.
 */
import { normalizeHeader, type Book } from '../../engine/index.js';
import type { LockReport, RepLock } from '../port.js';
import { blockOp } from './blocks.js';
import { rangeAt, type OfficeEnv } from './env.js';
import { protectedSheetMessage, WorkbookError } from './errors.js';
import type { AccountsTable } from './prepare.js';
import type { RequestQueue } from './queue.js';
import type { SheetOrigin } from './read.js';
import { addColumnsOp } from './results.js';
import { verifyAccountsUnchanged } from './verify.js';

const LOCKED_REP = 'Locked_Rep';

/** Runs of consecutive rows (0-based sheet rows) with their values, so each run is one range write. */
function runsOf(cells: readonly { row: number; value: string }[]): { row: number; values: string[] }[] {
  const runs: { row: number; values: string[] }[] = [];
  for (const cell of [...cells].sort((a, b) => a.row - b.row)) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.values.length === cell.row) last.values.push(cell.value);
    else runs.push({ row: cell.row, values: [cell.value] });
  }
  return runs;
}

/** Writes the locks in the current batch; throws a WorkbookError (worded) when it cannot. */
export async function writeLockedRepsIn(
  context: Excel.RequestContext,
  env: OfficeEnv,
  queue: RequestQueue,
  book: Book,
  locks: readonly RepLock[],
  origin: SheetOrigin | undefined,
): Promise<Omit<LockReport, 'ok' | 'message'>> {
  const layout = book.accountsLayout;
  const sheet = context.workbook.worksheets.getItemOrNullObject(book.accountsSheet.name);
  sheet.load('name');
  sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,columnCount');
  const tables = sheet.tables.load('items/name');
  await context.sync();
  if (sheet.isNullObject) throw new WorkbookError(`The sheet "${book.accountsSheet.name}" is gone: pick the Accounts sheet again and load it.`);
  if (sheet.protection.protected) throw new WorkbookError(protectedSheetMessage(sheet.name));
  const firstColumn = origin?.columnIndex ?? (used.isNullObject ? 0 : used.columnIndex);
  if (origin && !used.isNullObject && (used.columnIndex !== origin.columnIndex || used.rowIndex !== origin.rowIndex)) {
    throw new WorkbookError(`The ${sheet.name} sheet changed since it was loaded (its data moved). Load the sheets again and try again.`);
  }
  // The accounts must still be on the rows they were read from: each cell goes beside its Account_ID.
  await verifyAccountsUnchanged(context, env, sheet, sheet.name, book, firstColumn);

  // Locked_Rep as the reader knows it, else a header cell found after loading, else a new column.
  let column = layout.columns[LOCKED_REP];
  let columnAdded = false;
  const headerIndex = layout.headerRow - 1;
  if (column === undefined) {
    const lastUsed = used.isNullObject ? firstColumn : used.columnIndex + used.columnCount;
    const header = rangeAt(env, sheet, headerIndex, firstColumn, 1, Math.max(1, lastUsed - firstColumn)).load('values');
    const ranges = tables.items.map((t) => t.getRange().load('rowIndex,columnIndex,rowCount,columnCount'));
    await context.sync();
    const found = (header.values[0] ?? []).findIndex((cell) => normalizeHeader(cell) === normalizeHeader(LOCKED_REP));
    if (found >= 0) {
      column = found;
    } else {
      column = lastUsed - firstColumn;
      const t = ranges.findIndex((r) => r.rowIndex === headerIndex && r.columnIndex + r.columnCount === lastUsed);
      const table: AccountsTable | null = t < 0 ? null : { table: tables.items[t]!, name: tables.items[t]!.name, ...pick(ranges[t]!) };
      await queue.add(addColumnsOp(env, sheet, table, headerIndex, [{ column: lastUsed, header: LOCKED_REP }]));
      columnAdded = true;
    }
  }

  const byId = new Map<string, number>();
  for (let k = 0; k < book.accounts.count; k++) byId.set(book.accounts.id[k]!, k);
  const cells: { row: number; value: string }[] = [];
  const notFound: string[] = [];
  for (const lock of locks) {
    const k = byId.get(lock.accountId.trim());
    if (k === undefined) notFound.push(lock.accountId);
    else cells.push({ row: book.accounts.row[k]! - 1, value: lock.rep.trim() });
  }
  const target = firstColumn + column;
  for (const run of runsOf(cells)) {
    await queue.add(blockOp(env, sheet, { row: run.row, column: target, values: run.values.map((v) => [v]) }));
  }
  await queue.flush();
  return { written: cells.length, columnAdded, notFound };
}

function pick(range: Excel.Range): Pick<AccountsTable, 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'> {
  return { rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
}
