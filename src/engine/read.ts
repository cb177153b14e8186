/**
 * Reads the Reps and Accounts sheets into a validated Book (SPEC §2, §14).
 * Every hard error is collected (not just the first); soft warnings carry stable codes.
 * Never throws on cell content: malformed input always ends in errors or a Book.
 */
import { cellText, compareCodeUnits, isBlank, normalizeHeader, parseNumberCell, parseSegment } from './cells.js';
import { countOf } from './format.js';
import { findHeader, type ColumnSpec } from './headers.js';
import { thresholdSlider } from './segment.js';
import type {
  AccountTable,
  Book,
  Cell,
  InputError,
  ReadResult,
  Rep,
  SheetInput,
  Warning,
} from './types.js';

const col = (name: string, required = true, extra: string[] = []): ColumnSpec => ({
  name,
  aliases: [name.toLowerCase(), ...extra],
  required,
});

export const REPS_COLUMNS: readonly ColumnSpec[] = [col('Rep_Name'), col('Segment'), col('Location')];
export const ACCOUNTS_COLUMNS: readonly ColumnSpec[] = [
  col('Account_ID'),
  col('Account_Name'),
  col('Original_Rep', true, ['current_rep']),
  col('ARR'),
  col('Num_Employees'),
  col('Location'),
  col('Risk_Score', false),
];

/** Excel rows listed in a warning; `count` always has the total. */
const MAX_LISTED = 50;

/** Collects rows for one aggregated warning. */
class RowList {
  rows: number[] = [];
  count = 0;
  add(row: number) {
    if (this.rows.length < MAX_LISTED) this.rows.push(row);
    this.count++;
  }
}

const rawValue = (cell: Cell): Cell => (cell === undefined ? null : cell);

/** Data rows after the header, skipping fully blank rows. */
function dataRowIndexes(rows: readonly (readonly Cell[])[], headerIndex: number): number[] {
  const out: number[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row && row.some((c) => !isBlank(c))) out.push(i);
  }
  return out;
}

function noDataRows(sheet: string, headerRow: number, what: string): InputError {
  return {
    sheet,
    row: headerRow,
    column: null,
    value: null,
    code: 'no-data-rows',
    message: `The ${sheet} sheet has no data rows below its header (row ${headerRow}): add at least one ${what}.`,
  };
}

interface RepsRead {
  reps: Rep[];
  errors: InputError[];
  blankLocation: string[];
}

function readReps(sheet: SheetInput): RepsRead {
  const errors: InputError[] = [];
  const header = findHeader(sheet.name, sheet.rows, sheet.firstRow, REPS_COLUMNS);
  if (!header.ok) return { reps: [], errors: header.errors, blankLocation: [] };
  const { headerIndex, columns } = header;
  const headerRow = sheet.firstRow + headerIndex;
  const indexes = dataRowIndexes(sheet.rows, headerIndex);
  if (indexes.length === 0) return { reps: [], errors: [noDataRows(sheet.name, headerRow, 'rep')], blankLocation: [] };

  const reps: Rep[] = [];
  const blankLocation: string[] = [];
  const firstRowOfName = new Map<string, number>();
  const cName = columns.Rep_Name!, cSegment = columns.Segment!, cLocation = columns.Location!;
  for (const i of indexes) {
    const cells = sheet.rows[i]!;
    const row = sheet.firstRow + i;
    const err = (column: string, value: Cell, code: InputError['code'], message: string) =>
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
    const location = cellText(cells[cLocation]);
    if (ok && segment) {
      reps.push({ name, key: name.toLowerCase(), segment, location, row });
      if (location === '') blankLocation.push(name);
    }
  }
  return { reps, errors, blankLocation };
}

interface AccountsRead {
  table: AccountTable | null;
  errors: InputError[];
  warnings: Warning[];
  riskEnabled: boolean;
  hasRiskColumn: boolean;
  /** Num_Employees of the rows where it parsed: the default threshold even when other cells have errors. */
  validEmployees: () => number[];
  layout: Book['accountsLayout'] | null;
  originalRepKeys: string[];
}

/**
 * The Segment and Assigned_Rep columns of an earlier run, updated in place on a re-run. Assigned_Rep
 * marks them: without it a Segment column is the user's own (a CRM field, say) and is never written
 * over; ours is then appended. With it, ours is the Segment just left of Assigned_Rep (also as
 * "Segment2", the name Excel gives a second Segment table column), else the last Segment column.
 */
export function findResultColumns(headerCells: readonly Cell[]): { segment: number; assignedRep: number } {
  const keys = Array.from(headerCells, normalizeHeader);
  const assignedRep = keys.indexOf('assigned_rep');
  if (assignedRep < 0) return { segment: -1, assignedRep: -1 };
  if (assignedRep > 0 && /^segment_?\d*$/.test(keys[assignedRep - 1]!)) return { segment: assignedRep - 1, assignedRep };
  return { segment: keys.lastIndexOf('segment'), assignedRep };
}

function readAccounts(sheet: SheetInput): AccountsRead {
  const empty = (errors: InputError[]): AccountsRead => ({
    table: null, errors, warnings: [], riskEnabled: false, hasRiskColumn: false, validEmployees: () => [], layout: null, originalRepKeys: [],
  });
  const header = findHeader(sheet.name, sheet.rows, sheet.firstRow, ACCOUNTS_COLUMNS);
  if (!header.ok) return empty(header.errors);
  const { headerIndex, columns, aliasUsed } = header;
  const headerRow = sheet.firstRow + headerIndex;
  const indexes = dataRowIndexes(sheet.rows, headerIndex);
  if (indexes.length === 0) return empty([noDataRows(sheet.name, headerRow, 'account')]);

  const errors: InputError[] = [];
  const n = indexes.length;
  const id: string[] = new Array(n);
  const name: string[] = new Array(n);
  const location: string[] = new Array(n);
  const originalRep: string[] = new Array(n);
  const arr = new Float64Array(n);
  const employees = new Float64Array(n);
  const risk = new Float64Array(n);
  const rowNumbers = new Int32Array(n);
  const sourceIndex = new Int32Array(n);
  const firstRowOfId = new Map<string, number>();
  const hasRiskColumn = columns.Risk_Score !== undefined;
  let riskEnabled = false;
  const badHeadcount = new Set<number>();
  const clamped = new RowList(), riskBlank = new RowList(), blankLocation = new RowList();

  const cId = columns.Account_ID!, cName = columns.Account_Name!, cRep = columns.Original_Rep!;
  const cArr = columns.ARR!, cEmp = columns.Num_Employees!, cLoc = columns.Location!;
  const cRisk = columns.Risk_Score ?? -1;
  const sheetName = sheet.name;

  // One pass over the data rows; every problem is recorded, the row still fills the table.
  for (let k = 0; k < n; k++) {
    const i = indexes[k]!;
    const cells = sheet.rows[i]!;
    const row = sheet.firstRow + i;
    rowNumbers[k] = row;
    sourceIndex[k] = i;
    const err = (column: string, value: Cell, code: InputError['code'], message: string) =>
      errors.push({ sheet: sheetName, row, column, value: rawValue(value), code, message });

    const idCell = cells[cId];
    const accountId = cellText(idCell);
    id[k] = accountId;
    if (accountId === '') err('Account_ID', idCell, 'blank-required', `Row ${row} has no Account_ID: every account needs a unique ID.`);
    else {
      const first = firstRowOfId.get(accountId);
      if (first !== undefined) err('Account_ID', idCell, 'duplicate-account-id', `Account_ID "${accountId}" is already used in row ${first}: IDs must be unique.`);
      else firstRowOfId.set(accountId, row);
    }

    const nameCell = cells[cName];
    name[k] = cellText(nameCell);
    if (name[k] === '') err('Account_Name', nameCell, 'blank-required', `Row ${row} has no Account_Name: type the account's name.`);

    originalRep[k] = cellText(cells[cRep]);
    location[k] = cellText(cells[cLoc]);
    if (location[k] === '') blankLocation.add(row);

    arr[k] = readAmount(cells[cArr], 'ARR', row, err) ?? 0;
    const headcount = readAmount(cells[cEmp], 'Num_Employees', row, err);
    employees[k] = headcount ?? 0;
    if (headcount === null) badHeadcount.add(k);

    if (cRisk >= 0) {
      const riskCell = cells[cRisk];
      if (isBlank(riskCell)) riskBlank.add(row);
      else {
        const parsed = parseNumberCell(riskCell);
        if (!parsed.ok) err('Risk_Score', riskCell, 'bad-type', `Risk_Score "${cellText(riskCell)}" in row ${row} is not a number: use a value between 0 and 1, or leave it blank.`);
        else {
          riskEnabled = true;
          let v = parsed.value;
          if (v < 0 || v > 1) {
            clamped.add(row);
            v = v < 0 ? 0 : 1;
          }
          risk[k] = v;
        }
      }
    }
  }

  // Only an error report needs the headcounts that parsed (for its default threshold).
  const validEmployees = () => Array.from(employees).filter((_, k) => !badHeadcount.has(k));
  const warnings: Warning[] = [];
  const listed = (code: Warning['code'], list: RowList, message: string) => {
    if (list.count > 0) warnings.push({ code, sheet: sheetName, rows: list.rows, count: list.count, message });
  };
  listed('risk-score-clamped', clamped, `${countOf(clamped.count, 'Risk_Score value')} outside 0–1 ${clamped.count === 1 ? 'was' : 'were'} clamped into range (rows ${preview(clamped.rows)}).`);
  listed('risk-score-blank', riskBlank, `${countOf(riskBlank.count, 'account')} ${riskBlank.count === 1 ? 'has' : 'have'} a blank Risk_Score, treated as 0 (rows ${preview(riskBlank.rows)}).`);
  listed('blank-location', blankLocation, `${countOf(blankLocation.count, 'account')} ${blankLocation.count === 1 ? 'has' : 'have'} no Location, so no geo match is possible for them (rows ${preview(blankLocation.rows)}).`);

  const headerCells = sheet.rows[headerIndex] ?? [];
  const resultColumns = findResultColumns(headerCells);
  const layout: Book['accountsLayout'] = {
    headerIndex,
    headerRow,
    headers: headerCells.map((c) => cellText(c)),
    columns,
    usesCurrentRepAlias: aliasUsed.Original_Rep === 'current_rep',
    segmentColumn: resultColumns.segment,
    assignedRepColumn: resultColumns.assignedRep,
  };
  const table = {
    count: n, id, name, arr, employees, risk, location, originalRep,
    originalRepIndex: new Int32Array(n).fill(-1), locationId: new Int32Array(n).fill(-1),
    row: rowNumbers, sourceIndex,
  };
  return { table, errors, warnings, riskEnabled, hasRiskColumn, validEmployees, layout, originalRepKeys: originalRep.map((r) => r.toLowerCase()) };
}

function readAmount(
  cell: Cell,
  column: 'ARR' | 'Num_Employees',
  row: number,
  err: (column: string, value: Cell, code: InputError['code'], message: string) => void,
): number | null {
  if (isBlank(cell)) {
    err(column, cell, 'blank-required', `Row ${row} has no ${column}: enter a number (0 or more).`);
    return null;
  }
  const parsed = parseNumberCell(cell);
  if (!parsed.ok) {
    err(column, cell, 'bad-type', `${column} "${cellText(cell)}" in row ${row} is not a number: use digits, optionally with a currency symbol and thousands separators.`);
    return null;
  }
  if (parsed.value < 0) {
    err(column, cell, 'negative-number', `${column} ${cellText(cell)} in row ${row} is negative: it must be 0 or more.`);
    return null;
  }
  const range = amountRangeProblem(column, parsed.value);
  if (range !== null) {
    err(column, cell, 'out-of-range', `${column} ${cellText(cell)} in row ${row} ${range}`);
    return null;
  }
  return parsed.value;
}

/**
 * Largest amount the engine computes with: squared targets of larger ARR overflow double precision,
 * and no real book comes near it (1e100 dollars or employees), so a bigger value is a data error.
 */
export const MAX_AMOUNT = 1e100;
/** Smallest non-zero ARR: below it squared targets underflow to 0 and scores become undefined. */
export const MIN_POSITIVE_ARR = 1e-100;

function amountRangeProblem(column: 'ARR' | 'Num_Employees', value: number): string | null {
  if (value > MAX_AMOUNT) return `is too large to be an amount (the limit is 1e100): check that the cell holds the ${column}, not an ID or a formula result.`;
  if (column === 'ARR' && value > 0 && value < MIN_POSITIVE_ARR) return 'is too small to compute with: use 0, or an amount of at least 1e-100.';
  return null;
}

function preview(rows: readonly number[]): string {
  return rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', ');
}

/** Reads and validates both sheets. All hard errors are listed; the Book comes only without them. */
export function readBook(repsSheet: SheetInput, accountsSheet: SheetInput): ReadResult {
  const reps = readReps(repsSheet);
  const accounts = readAccounts(accountsSheet);
  const errors = [...reps.errors, ...accounts.errors];
  const warnings: Warning[] = [];

  if (reps.blankLocation.length > 0) {
    warnings.push({
      code: 'blank-location', sheet: repsSheet.name, subjects: reps.blankLocation, count: reps.blankLocation.length,
      message: `${countOf(reps.blankLocation.length, 'rep')} ${reps.blankLocation.length === 1 ? 'has' : 'have'} no Location, so ${reps.blankLocation.length === 1 ? 'it never gets' : 'they never get'} a geo match: ${reps.blankLocation.join(', ')}.`,
    });
  }
  warnings.push(...accounts.warnings);

  const repIndex = new Map<string, number>();
  reps.reps.forEach((r, i) => repIndex.set(r.key, i));
  const table = accounts.table;
  if (table) {
    linkOriginalReps(table, accounts.originalRepKeys, repIndex, reps.reps, accountsSheet.name, warnings);
  }
  if (table && !accounts.riskEnabled) {
    warnings.push({
      code: 'risk-disabled',
      message: accounts.hasRiskColumn
        ? 'Risk balancing is off: the Risk_Score column has no numbers. The Risk weight is locked at 0 %.'
        : 'Risk balancing is off: the Accounts sheet has no Risk_Score column. The Risk weight is locked at 0 %.',
    });
  }
  if (errors.length > 0 || !table || !accounts.layout) {
    const headcounts = accounts.validEmployees();
    const defaultThreshold = headcounts.length > 0 ? thresholdSlider(headcounts).defaultValue : null;
    return { ok: false, errors, warnings, riskEnabled: accounts.riskEnabled, defaultThreshold };
  }

  const { locations, repLocationId } = indexLocations(table, reps.reps);
  const book: Book = {
    reps: reps.reps,
    accounts: table,
    riskEnabled: accounts.riskEnabled,
    hasRiskColumn: accounts.hasRiskColumn,
    order: arrDescendingOrder(table),
    locations,
    repLocationId,
    accountsLayout: accounts.layout,
    accountsSheet,
    repsSheetName: repsSheet.name,
  };
  return { ok: true, book, warnings };
}

// Orphan original reps and new hires are known only once both sheets are read.
function linkOriginalReps(
  table: AccountTable,
  originalRepKeys: readonly string[],
  repIndex: ReadonlyMap<string, number>,
  reps: readonly Rep[],
  sheetName: string,
  warnings: Warning[],
) {
  const held = new Uint8Array(reps.length);
  const orphans = new Map<string, string>();
  const orphanRows = new RowList();
  for (let k = 0; k < table.count; k++) {
    const key = originalRepKeys[k]!;
    if (key === '') continue;
    const r = repIndex.get(key);
    if (r === undefined) {
      if (!orphans.has(key)) orphans.set(key, table.originalRep[k]!);
      orphanRows.add(table.row[k]!);
    } else {
      table.originalRepIndex[k] = r;
      held[r] = 1;
    }
  }
  if (orphans.size > 0) {
    const names = [...orphans.values()];
    warnings.push({
      code: 'orphan-original-rep', sheet: sheetName, subjects: names, rows: orphanRows.rows, count: orphanRows.count,
      message: `${countOf(orphanRows.count, 'account')} ${orphanRows.count === 1 ? 'belongs' : 'belong'} to original reps who are not on the Reps sheet (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}): the preserve bonus cannot apply to them.`,
    });
  }
  const newHires = reps.filter((_, i) => held[i] === 0).map((r) => r.name);
  if (newHires.length > 0) {
    warnings.push({
      code: 'new-hire', subjects: newHires, count: newHires.length,
      message: `${countOf(newHires.length, 'rep')} held no accounts before (new hires): ${newHires.join(', ')}.`,
    });
  }
}

function indexLocations(table: AccountTable, reps: readonly Rep[]) {
  const ids = new Map<string, number>();
  const locations: string[] = [];
  const idOf = (location: string): number => {
    if (location === '') return -1;
    const key = location.toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      id = locations.length;
      ids.set(key, id);
      locations.push(key);
    }
    return id;
  };
  for (let k = 0; k < table.count; k++) table.locationId[k] = idOf(table.location[k]!);
  const repLocationId = Int32Array.from(reps, (r) => idOf(r.location));
  return { locations, repLocationId };
}

/** Accounts by ARR descending, then Account_ID ascending in plain code-unit order (SPEC §4). */
export function arrDescendingOrder(table: AccountTable): Int32Array {
  const order = new Int32Array(table.count);
  for (let k = 0; k < table.count; k++) order[k] = k;
  const { arr, id } = table;
  return order.sort((a, b) => arr[b]! - arr[a]! || compareCodeUnits(id[a]!, id[b]!));
}
