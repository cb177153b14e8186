/**
 * Before the result columns are written: are the accounts still on the rows they were read
 * from? The pane reads the sheets once and may write much later; if the user sorted, inserted
 * or deleted rows (or columns) in between, Segment and Assigned_Rep would land beside the wrong
 * accounts without a word. The header row and the Account_ID column are read back (values only,
 * in blocks under the response budget) and compared with what the book was built from.
 */
import { cellText, type Book, type Cell } from '../../engine/index.js';
import { jsonBytes, rangeAt, type OfficeEnv } from './env.js';
import { syncBlock, WorkbookError } from './errors.js';

const MAX_CELLS_PER_READ = 5_000_000;

const changedMessage = (sheet: string, what: string): string =>
  `The ${sheet} sheet changed since it was loaded (${what}), so the results would land beside the wrong accounts. Load the sheets again and press Allocate.`;

/** Throws a WorkbookError (nothing written yet) when the Accounts rows no longer match the book. */
export async function verifyAccountsUnchanged(
  context: Excel.RequestContext,
  env: OfficeEnv,
  sheet: Excel.Worksheet,
  sheetName: string,
  book: Book,
  firstColumn: number,
): Promise<void> {
  const layout = book.accountsLayout;
  const acc = book.accounts;
  const idColumn = layout.columns.Account_ID;
  if (idColumn === undefined || acc.count === 0 || layout.headers.length === 0) return;

  const header = rangeAt(env, sheet, layout.headerRow - 1, firstColumn, 1, layout.headers.length);

  // Account index by row offset below the header (-1 for rows that held no account).
  const firstRow = layout.headerRow + 1;
  let lastRow = layout.headerRow;
  let widest = 0;
  for (let k = 0; k < acc.count; k++) {
    if (acc.row[k]! > lastRow) lastRow = acc.row[k]!;
    widest = Math.max(widest, acc.id[k]!.length);
  }
  const rowCount = lastRow - layout.headerRow;
  const accountAt = new Int32Array(rowCount).fill(-1);
  for (let k = 0; k < acc.count; k++) accountAt[acc.row[k]! - firstRow] = k;

  // A row's response: the ID as JSON (numbers come back shorter than their text) plus "[],".
  const perRow = jsonBytes('x'.repeat(widest)) * 2 + 4;
  let blockRows = Math.max(1, Math.min(MAX_CELLS_PER_READ, Math.floor(env.responseBudget / perRow)));
  let headerChecked = false;
  for (let from = 0; from < rowCount; ) {
    const take = Math.min(blockRows, rowCount - from);
    const ids = rangeAt(env, sheet, firstRow - 1 + from, firstColumn + idColumn, take, 1);
    ids.load('values');
    // The header rides with the first block; a rejected request drops its loads, so queue it again.
    if (!headerChecked) header.load('values');
    if (!(await syncBlock(context, take))) {
      blockRows = Math.max(1, Math.floor(take / 2));
      continue;
    }
    if (!headerChecked) {
      const found = header.values[0] ?? [];
      const moved = layout.headers.findIndex((h, c) => cellText((found[c] ?? null) as Cell) !== h);
      if (moved >= 0) throw new WorkbookError(changedMessage(sheetName, `its header row no longer reads "${layout.headers[moved]}" where it did`));
      headerChecked = true;
    }
    const values = ids.values;
    for (let i = 0; i < take; i++) {
      const k = accountAt[from + i]!;
      if (k < 0) continue;
      const now = cellText((values[i]?.[0] ?? null) as Cell);
      if (now !== acc.id[k]) {
        const was = acc.id[k]!;
        throw new WorkbookError(changedMessage(sheetName, `row ${firstRow + from + i} now holds Account_ID "${now}" where "${was}" was read: rows were sorted, inserted or deleted`));
      }
    }
    ids.untrack();
    from += take;
  }
}
