/** The Accounts sheet (SPEC §2, §14, §15): accounts column-wise in typed arrays, with optional locks. */
import { cellText, isBlank, normalizeHeader, parseNumberCell } from './cells.js';
import { countOf } from './format.js';
import { findHeader, type ColumnSpec } from './headers.js';
import { col, dataRowIndexes, noDataRows, preview, rawValue, RowList, type ErrorSink } from './read-common.js';
import type { AccountTable, Book, Cell, InputError, SheetInput, Warning } from './types.js';

export const ACCOUNTS_COLUMNS: readonly ColumnSpec[] = [
  col('Account_ID'),
  col('Account_Name'),
  col('Original_Rep', true, ['current_rep']),
  col('ARR'),
  col('Num_Employees'),
  col('Location'),
  col('Risk_Score', false),
  col('Locked', false),
  col('Locked_Rep', false),
];

export interface AccountsRead {
  table: AccountTable | null;
  errors: InputError[];
  warnings: Warning[];
  riskEnabled: boolean;
  hasRiskColumn: boolean;
  /** Num_Employees of the rows where it parsed: the default threshold even when other cells have errors. */
  validEmployees: () => number[];
  layout: Book['accountsLayout'] | null;
  originalRepKeys: string[];
  /** Lower-cased Locked_Rep per account ('' when blank), matched to reps once both sheets are read. */
  lockedRepKeys: string[];
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

/** Reads the Accounts sheet; `repKeys` (every Rep_Name on the Reps sheet) checks Locked_Rep, null when unknown. */
export function readAccounts(sheet: SheetInput, repKeys: ReadonlySet<string> | null): AccountsRead {
  const empty = (errors: InputError[]): AccountsRead => ({
    table: null, errors, warnings: [], riskEnabled: false, hasRiskColumn: false, validEmployees: () => [], layout: null, originalRepKeys: [], lockedRepKeys: [],
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
  const locked = new Uint8Array(n);
  const lockedRepKeys: string[] = new Array(n).fill('');
  const firstRowOfId = new Map<string, number>();
  const hasRiskColumn = columns.Risk_Score !== undefined;
  let riskEnabled = false;
  const badHeadcount = new Set<number>();
  const clamped = new RowList(), riskBlank = new RowList(), blankLocation = new RowList();

  const cId = columns.Account_ID!, cName = columns.Account_Name!, cRep = columns.Original_Rep!;
  const cArr = columns.ARR!, cEmp = columns.Num_Employees!, cLoc = columns.Location!;
  const cRisk = columns.Risk_Score ?? -1;
  const cLocked = columns.Locked ?? -1, cLockedRep = columns.Locked_Rep ?? -1;
  const sheetName = sheet.name;

  // One pass over the data rows; every problem is recorded, the row still fills the table.
  for (let k = 0; k < n; k++) {
    const i = indexes[k]!;
    const cells = sheet.rows[i]!;
    const row = sheet.firstRow + i;
    rowNumbers[k] = row;
    sourceIndex[k] = i;
    const err: ErrorSink = (column, value, code, message) =>
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
    if (cLocked >= 0) locked[k] = readLocked(cells[cLocked], row, err);
    if (cLockedRep >= 0) {
      const repCell = cells[cLockedRep];
      const name = cellText(repCell);
      if (name !== '') {
        lockedRepKeys[k] = name.toLowerCase();
        if (repKeys !== null && !repKeys.has(lockedRepKeys[k]!)) {
          err('Locked_Rep', repCell, 'unknown-rep', `Locked_Rep "${name}" in row ${row} is not on the Reps sheet: use a name from the Reps sheet, or clear the cell.`);
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
    row: rowNumbers, sourceIndex, locked, lockedRepIndex: new Int32Array(n).fill(-1),
  };
  return { table, errors, warnings, riskEnabled, hasRiskColumn, validEmployees, layout, originalRepKeys: originalRep.map((r) => r.toLowerCase()), lockedRepKeys };
}

function readAmount(cell: Cell, column: 'ARR' | 'Num_Employees', row: number, err: ErrorSink): number | null {
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


/** Locked: TRUE/FALSE, yes/no, y/n, 1/0, x or blank, any case (SPEC §15); 1 = locked. */
function readLocked(cell: Cell, row: number, err: ErrorSink): number {
  if (isBlank(cell) || cell === false || cell === 0) return 0;
  if (cell === true || cell === 1) return 1;
  const key = cellText(cell).toLowerCase();
  if (key === 'true' || key === 'yes' || key === 'y' || key === '1' || key === 'x') return 1;
  if (key === 'false' || key === 'no' || key === 'n' || key === '0') return 0;
  err('Locked', cell, 'bad-type', `Locked "${cellText(cell)}" in row ${row} is not recognised: use TRUE or FALSE (also yes/no, y/n, 1/0, x), or leave it blank.`);
  return 0;
}
