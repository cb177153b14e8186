/**
 * Reads the Reps and Accounts sheets into a validated Book (SPEC §2, §14, §15): each sheet has its
 * reader (read-reps.ts, read-accounts.ts); this joins them (original reps, locks, locations).
 * Every hard error is collected (not just the first); soft warnings carry stable codes.
 * Never throws on cell content: malformed input always ends in errors or a Book.
 */
import { compareCodeUnits } from './cells.js';
import { countOf } from './format.js';
import { readAccounts } from './read-accounts.js';
import { RowList } from './read-common.js';
import { readReps } from './read-reps.js';
import { thresholdSlider } from './segment.js';
import type { AccountTable, Book, ReadResult, Rep, SheetInput, Warning } from './types.js';

export { REPS_COLUMNS } from './read-reps.js';
export { ACCOUNTS_COLUMNS, findResultColumns, MAX_AMOUNT, MIN_POSITIVE_ARR } from './read-accounts.js';

/** Reads and validates both sheets. All hard errors are listed; the Book comes only without them. */
export function readBook(repsSheet: SheetInput, accountsSheet: SheetInput): ReadResult {
  const reps = readReps(repsSheet);
  const accounts = readAccounts(accountsSheet, reps.nameKeys);
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
    accounts.lockedRepKeys.forEach((key, k) => {
      if (key !== '') table.lockedRepIndex[k] = repIndex.get(key) ?? -1;
    });
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
