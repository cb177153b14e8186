/**
 * Everything the write needs to know before it changes a cell: the Accounts sheet and its
 * used range, protection, tables, which sheets we own, and whether the accounts are still on
 * the rows they were read from. Loaded in 3–4 requests (more for a very long Accounts sheet);
 * every refusal we can foresee (protected sheet, protected workbook, sheet gone, rows sorted
 * since they were read) is raised here, so a refused write leaves the workbook untouched.
 */
import type { Book } from '../../engine/index.js';
import type { ResultColumnsLayout } from '../layout/types.js';
import { asOwnedRole, parseOwnedRecord, planOwnedSheets, type OwnedSheetPlan } from '../layout/owned.js';
import type { OfficeEnv } from './env.js';
import { protectedSheetMessage, WorkbookError } from './errors.js';
import type { SheetOrigin } from './read.js';
import { verifyAccountsUnchanged } from './verify.js';

/** Worksheet custom property marking a sheet as ours; its value is the role (ExcelApi 1.12). */
export const OWNER_KEY = 'TerritorySlicer.owner';
/** Workbook setting with the ids of our sheets: the fallback when 1.12 is missing (ExcelApi 1.4). */
export const OWNED_RECORD_KEY = 'TerritorySlicer.ownedSheets';

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
}

export interface Prepared {
  readonly accounts: Excel.Worksheet;
  readonly accountsName: string;
  /** 0-based sheet column of the Accounts SheetInput's first column. */
  readonly firstColumn: number;
  readonly accountsTable: AccountsTable | null;
  readonly plans: readonly OwnedSheetPlan[];
  readonly existing: ReadonlyMap<string, ExistingOwnedSheet>;
  /** Table names (lower-case) used outside the sheets we rebuild. */
  readonly takenTableNames: ReadonlySet<string>;
}

interface SheetState {
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty | null;
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
  const record = env.supports('1.4') ? wb.settings.getItemOrNullObject(OWNED_RECORD_KEY) : null;
  record?.load('value');
  const wbProtection = env.supports('1.7') ? wb.protection : null;
  wbProtection?.load('protected');
  await context.sync();

  const key = results.sheet.toLowerCase();
  const accounts = sheets.items.find((s) => s.name.toLowerCase() === key);
  if (!accounts) throw new WorkbookError(`The sheet "${results.sheet}" is gone: pick the Accounts sheet again and press Allocate.`);
  const used = accounts.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex');
  const states: SheetState[] = sheets.items.map((sheet) => {
    sheet.protection.load('protected');
    sheet.tables.load('items/name');
    sheet.charts.load('items/name');
    const mark = env.supports('1.12') ? sheet.customProperties.getItemOrNullObject(OWNER_KEY) : null;
    mark?.load('value');
    return { sheet, mark };
  });
  await context.sync();

  if (accounts.protection.protected) throw new WorkbookError(protectedSheetMessage(accounts.name));
  // The layout's columns are relative to the rows as read: the used range's first column then.
  const firstColumn = origin?.columnIndex ?? (used.isNullObject ? 0 : used.columnIndex);
  if (origin && !used.isNullObject && (used.columnIndex !== origin.columnIndex || used.rowIndex !== origin.rowIndex)) {
    throw new WorkbookError(`The ${accounts.name} sheet changed since it was loaded (its data moved). Load the sheets again and press Allocate.`);
  }

  const infos = states.map(({ sheet, mark }) => ({
    id: sheet.id,
    name: sheet.name,
    role: mark && !mark.isNullObject ? asOwnedRole(mark.value) : null,
  }));
  const recorded = record && !record.isNullObject ? parseOwnedRecord(record.value) : {};
  const plans = planOwnedSheets(infos, recorded, [results.sheet, book.repsSheetName]);

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
  const takenTableNames = new Set(
    states.filter((s) => !existing.has(s.sheet.id)).flatMap((s) => s.sheet.tables.items.map((t) => t.name.toLowerCase())),
  );
  await verifyAccountsUnchanged(context, env, accounts, accounts.name, book, firstColumn);
  const accountsTable = await findAccountsTable(context, accounts, results, firstColumn);
  return { accounts, accountsName: accounts.name, firstColumn, accountsTable, plans, existing, takenTableNames };
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
    range.load('rowIndex,columnIndex,columnCount');
    table.load('showHeaders');
    return range;
  });
  await context.sync();
  const headerIndex = results.headerRow - 1;
  const appendAt = firstColumn + results.appendAt;
  const i = ranges.findIndex((r, t) => tables[t]!.showHeaders && r.rowIndex === headerIndex && r.columnIndex + r.columnCount === appendAt);
  return i < 0 ? null : { table: tables[i]!, name: tables[i]!.name };
}
