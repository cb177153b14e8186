/**
 * Everything the write needs to know before it changes a cell: the Accounts sheet and its
 * used range, protection, tables, defined names, which sheets we own (by mark, by record, or claimed
 * by a run that failed while creating them), and whether the accounts are still on the rows they
 * were read from. Loaded in 3–4 requests (more for a very long Accounts sheet); every refusal we can
 * foresee (protected sheet, protected workbook, sheet gone, rows sorted since they were read) is
 * raised here, so a refused write leaves the workbook untouched.
 */
import type { Book } from '../../engine/index.js';
import type { ResultColumnsLayout } from '../layout/types.js';
import { asOwnedRole, parseOwnedRecord, planOwnedSheets, type OwnedSheetPlan } from '../layout/owned.js';
import type { OfficeEnv } from './env.js';
import { protectedSheetMessage, WorkbookError } from './errors.js';
import { LAST_WRITTEN_ROLE, OWNED_RECORD_KEY, OWNER_KEY } from './keys.js';
import { adoptClaims, OwnershipRecord } from './ownership.js';
import type { SheetOrigin } from './read.js';
import { verifyAccountsUnchanged } from './verify.js';

export { OWNER_KEY, OWNED_RECORD_KEY } from './keys.js';

/** An owned sheet to rebuild in place, with what must be removed from it first. */
export interface ExistingOwnedSheet {
  readonly sheet: Excel.Worksheet;
  readonly charts: readonly Excel.Chart[];
  readonly tables: readonly Excel.Table[];
}

/** An Excel table holding the Accounts data, when the result columns should become table columns. */
export interface AccountsTable {
  readonly table: Excel.Table;
  readonly name: string;
  /** Its range (header row included), 0-based on the sheet. */
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export interface Prepared {
  readonly accounts: Excel.Worksheet;
  readonly accountsName: string;
  /** 0-based sheet column of the Accounts SheetInput's first column. */
  readonly firstColumn: number;
  readonly accountsTable: AccountsTable | null;
  readonly plans: readonly OwnedSheetPlan[];
  readonly existing: ReadonlyMap<string, ExistingOwnedSheet>;
  /** Table names (lower-case) used outside the sheets we rebuild, and defined names (one namespace). */
  readonly takenTableNames: ReadonlySet<string>;
  /** Worksheet names (lower-case), for a sheet that must take another name when created. */
  readonly takenSheetNames: Set<string>;
  /** The ownership record as it will be written (claims a failed run left are resolved). */
  readonly record: OwnershipRecord;
  /** The hidden sheet with what Assigned_Rep last got (last-written.ts), when it exists. */
  readonly lastWritten: Excel.Worksheet | null;
}

interface SheetState {
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty | null;
  names: Excel.NamedItemCollection | null;
  /** Loaded only for sheets a claim names: blank (no cells or formats) when null. */
  used: Excel.Range | null;
}

/** The recorded or marked sheet of `role` among `states` (record first). */
function ownedSheet(states: readonly SheetState[], record: OwnershipRecord, role: string): Excel.Worksheet | null {
  const id = record.id(role);
  const byRecord = id ? states.find((s) => s.sheet.id === id) : undefined;
  const byMark = states.find((s) => s.mark && !s.mark.isNullObject && s.mark.value === role);
  return (byRecord ?? byMark)?.sheet ?? null;
}

export async function prepareWrite(
  context: Excel.RequestContext,
  env: OfficeEnv,
  results: ResultColumnsLayout,
  book: Book,
  origin: SheetOrigin | undefined,
): Promise<Prepared> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/id,items/name');
  const recordItem = env.supports('1.4') ? wb.settings.getItemOrNullObject(OWNED_RECORD_KEY) : null;
  recordItem?.load('value');
  const wbProtection = env.supports('1.7') ? wb.protection : null;
  wbProtection?.load('protected');
  // Defined names share one namespace with table names (ExcelApi 1.1).
  wb.names.load('items/name');
  await context.sync();

  const key = results.sheet.toLowerCase();
  const accounts = sheets.items.find((s) => s.name.toLowerCase() === key);
  if (!accounts) throw new WorkbookError(`The sheet "${results.sheet}" is gone: pick the Accounts sheet again and press Allocate.`);
  const record = OwnershipRecord.parse(recordItem && !recordItem.isNullObject ? recordItem.value : null);
  const claimed = new Set(Object.values(record.pending()).map((n) => n.toLowerCase()));
  const used = accounts.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex');
  const states: SheetState[] = sheets.items.map((sheet) => {
    sheet.protection.load('protected');
    sheet.tables.load('items/name');
    sheet.charts.load('items/name');
    const mark = env.supports('1.12') ? sheet.customProperties.getItemOrNullObject(OWNER_KEY) : null;
    mark?.load('value');
    const names = env.supports('1.4') ? sheet.names : null;
    names?.load('items/name');
    const claimedUsed = claimed.has(sheet.name.toLowerCase()) ? sheet.getUsedRangeOrNullObject(false) : null;
    claimedUsed?.load('address');
    return { sheet, mark, names, used: claimedUsed };
  });
  await context.sync();

  if (accounts.protection.protected) throw new WorkbookError(protectedSheetMessage(accounts.name));
  // The layout's columns are relative to the rows as read: the used range's first column then.
  const firstColumn = origin?.columnIndex ?? (used.isNullObject ? 0 : used.columnIndex);
  if (origin && !used.isNullObject && (used.columnIndex !== origin.columnIndex || used.rowIndex !== origin.rowIndex)) {
    throw new WorkbookError(`The ${accounts.name} sheet changed since it was loaded (its data moved). Load the sheets again and press Allocate.`);
  }

  // Sheets a failed run claimed while creating them become ours again, while they are blank.
  const excluded = new Set([results.sheet.toLowerCase(), book.repsSheetName.toLowerCase()]);
  const candidates = states
    .filter((s) => s.used && !excluded.has(s.sheet.name.toLowerCase()) && (!s.mark || s.mark.isNullObject))
    .map((s) => ({ id: s.sheet.id, name: s.sheet.name, blank: s.used!.isNullObject && s.sheet.tables.items.length === 0 && s.sheet.charts.items.length === 0 }));
  adoptClaims(record, candidates, new Set(states.map((s) => s.sheet.id)));

  const infos = states.map(({ sheet, mark }) => ({
    id: sheet.id,
    name: sheet.name,
    role: mark && !mark.isNullObject ? asOwnedRole(mark.value) : null,
  }));
  const plans = planOwnedSheets(infos, parseOwnedRecord(record.text()), [results.sheet, book.repsSheetName]);

  const existing = new Map<string, ExistingOwnedSheet>();
  for (const plan of plans) {
    const state = states.find((s) => s.sheet.id === plan.existingId);
    if (!state) continue;
    if (state.sheet.protection.protected) throw new WorkbookError(protectedSheetMessage(state.sheet.name));
    existing.set(state.sheet.id, { sheet: state.sheet, charts: state.sheet.charts.items, tables: state.sheet.tables.items });
  }
  if (wbProtection?.protected && plans.some((p) => p.existingId === null)) {
    throw new WorkbookError(
      'The workbook structure is protected, so Territory Slicer cannot add its sheets. Unprotect it (Review → Protect Workbook) and press Allocate again.',
    );
  }
  const takenTableNames = new Set([
    ...states.filter((s) => !existing.has(s.sheet.id)).flatMap((s) => s.sheet.tables.items.map((t) => t.name.toLowerCase())),
    ...wb.names.items.map((n) => n.name.toLowerCase()),
    ...states.flatMap((s) => (s.names?.items ?? []).map((n) => n.name.toLowerCase())),
  ]);
  await verifyAccountsUnchanged(context, env, accounts, accounts.name, book, firstColumn);
  const accountsTable = await findAccountsTable(context, accounts, results, firstColumn);
  const lastWritten = ownedSheet(states, record, LAST_WRITTEN_ROLE);
  if (lastWritten) record.record(LAST_WRITTEN_ROLE, lastWritten.id);
  return {
    accounts,
    accountsName: accounts.name,
    firstColumn,
    accountsTable,
    plans,
    existing,
    takenTableNames,
    takenSheetNames: new Set(states.map((s) => s.sheet.name.toLowerCase())),
    record,
    lastWritten,
  };
}

/**
 * The table whose header row is the Accounts header row and whose right edge is where new
 * columns go: new result columns are then added as table columns (the table grows with them).
 */
async function findAccountsTable(
  context: Excel.RequestContext,
  accounts: Excel.Worksheet,
  results: ResultColumnsLayout,
  firstColumn: number,
): Promise<AccountsTable | null> {
  const tables = accounts.tables.items;
  if (tables.length === 0) return null;
  const ranges = tables.map((table) => {
    const range = table.getRange();
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    table.load('showHeaders');
    return range;
  });
  await context.sync();
  const headerIndex = results.headerRow - 1;
  const appendAt = firstColumn + results.appendAt;
  const i = ranges.findIndex((r, t) => tables[t]!.showHeaders && r.rowIndex === headerIndex && r.columnIndex + r.columnCount === appendAt);
  if (i < 0) return null;
  const range = ranges[i]!;
  return { table: tables[i]!, name: tables[i]!.name, rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
}
