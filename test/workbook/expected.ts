/**
 * Expected contents of the owned sheets' tables, from the engine's own results (`evaluation`,
 * `auditRecords`) or computed by hand: never from the layout code under test. Plus readers
 * that give a table's body rows from each rendering (layout, in-memory workbook, Office fake)
 * in one shape, so the same expectations check all three.
 */
import { expect } from 'vitest';
import {
  auditRecords,
  auditStepCount,
  band,
  shownScore,
  type Cell,
  type DriverStats,
  type Settings,
  type SheetInput,
  type RunOutput,
} from '../../src/engine/index.js';
import type { TableLayout, WorkbookLayout } from '../../src/workbook/layout/index.js';
import type { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import type { FakeExcel } from '../fakes/excel-fake.js';

/** What the sheets hold where the spec says N/A (written here, not imported from the layout). */
export const NA_TEXT = 'N/A';

/** A table body cell as every reader gives it: empty cells are ''. */
export type Value = string | number | boolean;
export type Row = Value[];
export interface TableRead {
  readonly headers: readonly string[];
  readonly rows: Row[];
}

const norm = (c: unknown): Value => (c === null || c === undefined ? '' : (c as Value));

/** Headers as SPEC §9 / docs/EXCEL.md list them. */
export const HEADERS = {
  TS_FairnessDrivers: ['Segment', 'Driver', 'CV %', 'Score', 'Shown Score', 'Band', 'Gini', 'Min/Max Ratio', 'Best Achievable CV %'],
  TS_AuditLog: ['Step', 'Kind', 'Account_ID', 'Account_Name', 'Segment', 'ARR', 'From', 'Winner', 'Score', 'Runner-up', 'Runner-up Score', 'Margin %', 'Geo Match', 'Preserved', 'Reason'],
  TS_ComparisonKpi: ['Segment', 'Driver', 'CV % Before', 'CV % After', 'Score Before', 'Score After', 'Score Change'],
  TS_MovementTotals: ['Measure', 'Value'],
  TS_RepBeforeAfter: ['Rep', 'Segment', 'ARR Before', 'ARR After', 'Accounts Before', 'Accounts After'],
  TS_AccountMoves: ['Account_ID', 'Account_Name', 'ARR', 'Segment', 'From', 'To'],
  TS_Sensitivity: ['Threshold', 'Balanced Fairness', 'Custom Fairness', 'Deal Size Ratio (E:MM)', 'Current'],
} as const;

/** Band fills and text colours from docs/EXCEL.md's table, upper-case as the fake reports them. */
export const BAND_COLOURS: Readonly<Record<string, { fill: string; fontColor: string }>> = {
  'Dark Green': { fill: '#1E6B3A', fontColor: '#FFFFFF' },
  'Light Green': { fill: '#C6EFCE', fontColor: '#0B3D1C' },
  Yellow: { fill: '#FFEB9C', fontColor: '#3D3000' },
  Orange: { fill: '#F8B27A', fontColor: '#3D1A00' },
  Red: { fill: '#B3261E', fontColor: '#FFFFFF' },
};

// ---------------------------------------------------------------------------------------------
// Readers

export async function layoutTable(layout: WorkbookLayout, name: string): Promise<TableRead> {
  const t: TableLayout | undefined = layout.sheets.flatMap((s) => s.tables).find((x) => x.name === name);
  if (!t) throw new Error(`layout has no table ${name}`);
  return { headers: [...t.headers], rows: (await t.rows(0, t.rowCount)).map((r) => r.map(norm)) };
}

/** Every table of a layout, read once, by name. */
export async function layoutTables(layout: WorkbookLayout): Promise<Map<string, TableRead>> {
  const names = layout.sheets.flatMap((s) => s.tables.map((t) => t.name));
  return new Map(await Promise.all(names.map(async (name) => [name, await layoutTable(layout, name)] as const)));
}

/** `'Audit Log'!A1:M301` → 0-based top-left and size. */
function parseBlock(address: string): { row: number; column: number; rows: number; columns: number } {
  const m = /!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
  if (!m) throw new Error(`not a range address: ${address}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = col(m[1]!), r0 = Number(m[2]) - 1;
  const c1 = m[3] ? col(m[3]) : c0, r1 = m[4] ? Number(m[4]) - 1 : r0;
  return { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
}

/** A table of the in-memory workbook, read from the sheet's cells at the recorded address. */
export function memoryTable(wb: MemoryWorkbook, name: string): TableRead {
  for (const sheet of wb.sheets) {
    const t = sheet.decor?.tables.find((x) => x.name === name);
    if (!t) continue;
    const b = parseBlock(t.address);
    const grid = Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.columns }, (_, j) => norm(sheet.rows[b.row + i - sheet.firstRow + 1]?.[b.column + j])));
    return { headers: grid[0]!.map(String), rows: grid.slice(1) };
  }
  throw new Error(`memory workbook has no table ${name}`);
}

/** A table of the Office fake, as Excel holds it. */
export function fakeTable(fake: FakeExcel, name: string): TableRead {
  const t = fake.workbookState.table(name);
  if (!t) throw new Error(`fake workbook has no table ${name}`);
  return { headers: t.headers, rows: t.rows.map((r) => r.map(norm)) };
}

/**
 * Rows equal, cell by cell. Numbers compare exactly unless `digits` is given (hand-computed
 * expectations), then to that many decimals.
 */
export function expectRows(actual: readonly Row[], expected: readonly Row[], label: string, digits?: number): void {
  expect(actual.length, `${label}: row count`).toBe(expected.length);
  expected.forEach((row, r) => {
    expect(actual[r]!.length, `${label} row ${r}: width`).toBe(row.length);
    row.forEach((want, c) => {
      const got = actual[r]![c];
      if (digits !== undefined && typeof want === 'number') {
        expect(typeof got, `${label} row ${r} col ${c}`).toBe('number');
        expect(got as number, `${label} row ${r} col ${c}`).toBeCloseTo(want, digits);
      } else {
        expect(got, `${label} row ${r} col ${c}`).toEqual(want);
      }
    });
  });
}

/** Headers as listed, then rows. */
export function expectTable(read: TableRead, name: keyof typeof HEADERS, expected: readonly Row[], digits?: number): void {
  expect(read.headers, `${name} headers`).toEqual(HEADERS[name]);
  expectRows(read.rows, expected, name, digits);
}

// ---------------------------------------------------------------------------------------------
// From the engine's results

const orNA = (v: number | null | undefined): Value => (v === null || v === undefined ? NA_TEXT : v);
const DRIVER_ROWS = [['arr', 'ARR'], ['accounts', 'Accounts'], ['risk', 'Risk']] as const;

/** TS_FairnessDrivers: one row per segment × driver, straight from `evaluation.segments[s].drivers[d]`. */
export function driverRowsFromEngine(output: RunOutput): Row[] {
  return output.evaluation.segments.flatMap((seg) =>
    DRIVER_ROWS.map(([d, label]): Row => {
      const s: DriverStats | null = seg.drivers?.[d] ?? null;
      return [
        seg.name, label,
        orNA(s?.cv), orNA(s?.score),
        s ? shownScore(s.score) : NA_TEXT, s ? band(s.score) : NA_TEXT,
        orNA(s?.gini), orNA(s?.minMaxRatio), orNA(s ? seg.floorCv[d] : null),
      ];
    }),
  );
}

/** Segment × driver pairs whose driver is defined (these carry a band colour). */
export function definedDriverCount(output: RunOutput): number {
  return output.evaluation.segments.reduce((n, seg) => n + DRIVER_ROWS.filter(([d]) => seg.drivers?.[d]).length, 0);
}

/** TS_AuditLog: one row per step from `auditRecords(book, evaluation.allocation)`. */
export function auditRowsFromEngine(output: RunOutput): Row[] {
  const yes = (b: boolean) => (b ? 'Yes' : 'No');
  const kind = { lock: 'Lock', greedy: 'Greedy', move: 'Move', swap: 'Swap' } as const;
  return auditRecords(output.book, output.evaluation.allocation).map((r): Row => [
    r.step, kind[r.kind], r.partner ? `${r.accountId} ⇄ ${r.partner.accountId}` : r.accountId, r.partner ? `${r.accountName} ⇄ ${r.partner.accountName}` : r.accountName,
    r.segment, r.arr, r.from ?? NA_TEXT, r.winner, orNA(r.winnerScore),
    r.runnerUp ?? NA_TEXT, orNA(r.runnerUpScore), orNA(r.marginPct), yes(r.geoMatch), yes(r.preserved), r.reason,
  ]);
}

/**
 * Checks of the audit rows that need no engine code: steps 1..N; the lock and greedy rows name the
 * accounts of the greedy log, and replaying every row's "account → winner" (refinement moves and
 * swaps after them) ends on the allocation's assignment; margin % = (runner-up − winner) / runner-up × 100 (SPEC §14).
 */
export function expectAuditConsistent(rows: readonly Row[], output: RunOutput): void {
  const { book } = output;
  const { steps, assigned } = output.evaluation.allocation;
  expect(rows.length).toBe(auditStepCount(output.evaluation.allocation));
  const owner = new Map<string, string>();
  const records = auditRecords(book, output.evaluation.allocation);
  // Columns: 0 step, 1 kind, 2 ID (a swap: "A ⇄ C"), 7 winner, 8 score, 10 runner-up score, 11 margin %.
  rows.forEach((row, i) => {
    expect(row[0]).toBe(i + 1);
    expect(row[1]).toBe(i < steps.length ? (output.evaluation.allocation.stepKinds[i] === 0 ? 'Lock' : 'Greedy') : records[i]!.kind === 'swap' ? 'Swap' : 'Move');
    if (i < steps.length) expect(row[2]).toBe(book.accounts.id[steps[i]!]);
    const partner = records[i]!.partner;
    owner.set(partner ? records[i]!.accountId : (row[2] as string), row[7] as string);
    if (partner) owner.set(partner.accountId, partner.to);
  });
  for (const [id, rep] of owner) expect(rep, id).toBe(book.reps[assigned[book.accounts.id.indexOf(id)]!]!.name);
  rows.forEach((row) => {
    if (row[8] === NA_TEXT) return;
    if (row[10] === NA_TEXT) {
      expect(row[11]).toBe(NA_TEXT);
    } else {
      const [winner, runner] = [row[8] as number, row[10] as number];
      expect(runner).toBeGreaterThanOrEqual(winner);
      if (runner > 0) expect(row[11] as number).toBeCloseTo(((runner - winner) / runner) * 100, 9);
    }
  });
}

/** TS_ComparisonKpi from each segment's `before` and `drivers` (change = after − before). */
export function kpiRowsFromEngine(output: RunOutput): Row[] {
  return output.evaluation.segments.flatMap((seg) =>
    DRIVER_ROWS.map(([d, label]): Row => {
      const b = seg.before?.[d] ?? null, a = seg.drivers?.[d] ?? null;
      return [seg.name, label, orNA(b?.cv), orNA(a?.cv), orNA(b?.score), orNA(a?.score), a && b ? a.score - b.score : NA_TEXT];
    }),
  );
}

/** TS_Sensitivity's sampled rows (the current threshold may add a row of its own between them). */
export function sensitivityRowsFromEngine(output: RunOutput): Row[] {
  return output.sensitivity.map((p) => [p.threshold, orNA(p.balanced), orNA(p.custom), orNA(p.dealSizeRatio)]);
}

// ---------------------------------------------------------------------------------------------
// A book small enough to compute by hand

/**
 * Reps Ann (Enterprise, CA), Bob (Enterprise, NY) and, unless `withoutMidMarketRep`, Cat
 * (Mid-Market, CA). Six accounts at threshold 1,000, no Risk_Score (risk off), weights 50 / 50,
 * geo and preserve bonus 0.05:
 *
 * | ID | ARR | Employees | Loc | Original | Segment |
 * |----|-----|-----------|-----|----------|---------|
 * | A1 | 500 | 5000 | CA | Ann   | Enterprise |
 * | A2 | 300 | 3000 | NY | Ann   | Enterprise |
 * | A3 | 200 | 2000 | NY | Bob   | Enterprise |
 * | A4 | 100 |   50 | CA | Ann   | Mid-Market (Ann's book spans both segments) |
 * | A5 |  80 |   40 | CA | Ghost | Mid-Market (orphan: Ghost is on no Reps row) |
 * | A6 |  60 |   30 | NY | blank | Mid-Market (unassigned before) |
 */
export function handBook(withoutMidMarketRep = false): { reps: SheetInput; accounts: SheetInput; settings: Partial<Settings> } {
  const reps: Cell[][] = [
    ['Rep_Name', 'Segment', 'Location'],
    ['Ann', 'Enterprise', 'CA'],
    ['Bob', 'Enterprise', 'NY'],
    ...(withoutMidMarketRep ? [] : [['Cat', 'Mid-Market', 'CA']]),
  ];
  const accounts: Cell[][] = [
    ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
    ['A1', 'Alpha', 'Ann', 500, 5000, 'CA'],
    ['A2', 'Bravo', 'Ann', 300, 3000, 'NY'],
    ['A3', 'Charlie', 'Bob', 200, 2000, 'NY'],
    ['A4', 'Delta', 'Ann', 100, 50, 'CA'],
    ['A5', 'Echo', 'Ghost', 80, 40, 'CA'],
    ['A6', 'Foxtrot', '', 60, 30, 'NY'],
  ];
  return {
    reps: { name: 'Reps', rows: reps, firstRow: 1 },
    accounts: { name: 'Accounts', rows: accounts, firstRow: 1 },
    settings: { threshold: 1000, weights: { arr: 50, accounts: 50, risk: 0 }, geoBonus: 0.05, preserveBonus: 0.05 },
  };
}

/**
 * The hand computation (SPEC §4, §5, §8, §14).
 *
 * Enterprise (Ann, Bob; T_ARR = 1000 / 2 = 500, T_Acc = 3 / 2 = 1.5; score = blended / (1 + bonus),
 * blended = ½·x·(2L + x)/T² per driver):
 *   1. A1 500: both empty, blended ½·1 + ½·(1/2.25) = 13/18; Ann geo + preserve → 13/18 / 1.10 wins over Bob 13/18.
 *   2. A2 300: Ann ½·300·1300/250000 + ½·3/2.25 = 0.78 + 2/3, preserve → / 1.05;
 *              Bob ½·300·300/250000 + ½·1/2.25 = 0.18 + 2/9, geo → / 1.05: Bob wins.
 *   3. A3 200: Ann ½·200·1200/250000 + ½·3/2.25 = 0.48 + 2/3, no bonus;
 *              Bob ½·200·800/250000 + 2/3 = 0.32 + 2/3, geo + preserve → / 1.10: Bob wins.
 *   After: Ann 500 / 1 account, Bob 500 / 2.
 * Mid-Market (Cat alone; T_ARR = 240, T_Acc = 3): A4, A5, A6 all go to Cat (240 / 3).
 *   4. A4 100: ½·100·100/57600 + ½·1/9, geo → / 1.05.   5. A5 80: ½·80·280/57600 + ½·3/9, geo → / 1.05.
 *   6. A6 60: ½·60·420/57600 + ½·5/9 (NY ≠ CA: no bonus).
 * Before = each rep's whole original book, any segment: Ann A1 + A2 + A4 = 900 / 3, Bob A3 = 200 / 1, Cat 0 / 0.
 */
export function handExpected(withoutMidMarketRep = false) {
  // Enterprise CV% and scores: ARR before [900, 200] (μ 550, σ 350), after [500, 500];
  // Accounts before [3, 1] (μ 2, σ 1), after [1, 2] (μ 1.5, σ 0.5).
  const arrCvBefore = (100 * 350) / 550;
  const accCvAfter = (100 * 0.5) / 1.5;
  const NA = NA_TEXT;
  const enterpriseKpi: Row[] = [
    ['Enterprise', 'ARR', arrCvBefore, 0, 100 - arrCvBefore, 100, arrCvBefore],
    ['Enterprise', 'Accounts', 50, accCvAfter, 50, 100 - accCvAfter, 100 - accCvAfter - 50],
    ['Enterprise', 'Risk', NA, NA, NA, NA, NA],
  ];
  const totalArr = 500 + 300 + 200 + 100 + 80 + 60;
  // Balanced = mean of the defined driver scores (risk is off); Mid-Market's before is undefined
  // (Cat's original book is empty), so Overall before is Enterprise's.
  const balancedBefore = (100 - arrCvBefore + 50) / 2;
  const entBalancedAfter = (100 + (100 - accCvAfter)) / 2;
  const entAudit: Row[] = [
    // step, ID, winner, score, runner-up, runner-up score, geo, preserved
    [1, 'A1', 'Ann', 13 / 18 / 1.1, 'Bob', 13 / 18, 'Yes', 'Yes'],
    [2, 'A2', 'Bob', (0.18 + 2 / 9) / 1.05, 'Ann', (0.78 + 2 / 3) / 1.05, 'Yes', 'No'],
    [3, 'A3', 'Bob', (0.32 + 2 / 3) / 1.1, 'Ann', 0.48 + 2 / 3, 'Yes', 'Yes'],
  ];
  if (withoutMidMarketRep) {
    // Mid-Market has no reps: A4 Ann → unassigned and A5 Ghost → unassigned move; A6 blank → unassigned does not.
    const moved = 300 + 100 + 80;
    return {
      kpi: [...enterpriseKpi, ['Mid-Market', 'ARR', NA, NA, NA, NA, NA], ['Mid-Market', 'Accounts', NA, NA, NA, NA, NA], ['Mid-Market', 'Risk', NA, NA, NA, NA, NA]] as Row[],
      totals: [
        ['Overall Balanced before (current books)', balancedBefore], ['Overall Balanced after', entBalancedAfter],
        ['Accounts moved', 3], ['Accounts moved (%)', 50], ['ARR moved', moved], ['ARR moved (%)', (100 * moved) / totalArr],
        ['Accounts kept with their rep', 2], ['Accounts in total', 6],
      ] as Row[],
      reps: [['Ann', 'Enterprise', 900, 500, 3, 1], ['Bob', 'Enterprise', 200, 500, 1, 2]] as Row[],
      moves: [
        ['A2', 'Bravo', 300, 'Enterprise', 'Ann', 'Bob'],
        ['A4', 'Delta', 100, 'Mid-Market', 'Ann', '(unassigned)'],
        ['A5', 'Echo', 80, 'Mid-Market', 'Ghost', '(unassigned)'],
      ] as Row[],
      audit: entAudit,
      assigned: ['Ann', 'Bob', 'Bob', '', '', ''],
    };
  }
  // A2 Ann → Bob, A4 Ann → Cat, A5 Ghost (orphan) → Cat, A6 blank → Cat move; A1 and A3 stay.
  const moved = 300 + 100 + 80 + 60;
  return {
    kpi: [
      ...enterpriseKpi,
      // Cat's original book is empty (μ 0: undefined); after [240] and [3]: CV 0.
      ['Mid-Market', 'ARR', NA, 0, NA, 100, NA],
      ['Mid-Market', 'Accounts', NA, 0, NA, 100, NA],
      ['Mid-Market', 'Risk', NA, NA, NA, NA, NA],
    ] as Row[],
    totals: [
      // Enterprise has 2 reps, Mid-Market 1 (Cat: after ARR and Accounts both 100; before undefined).
      ['Overall Balanced before (current books)', balancedBefore], ['Overall Balanced after', (2 * entBalancedAfter + 100) / 3],
      ['Accounts moved', 4], ['Accounts moved (%)', (100 * 4) / 6], ['ARR moved', moved], ['ARR moved (%)', (100 * moved) / totalArr],
      ['Accounts kept with their rep', 2], ['Accounts in total', 6],
    ] as Row[],
    reps: [['Ann', 'Enterprise', 900, 500, 3, 1], ['Bob', 'Enterprise', 200, 500, 1, 2], ['Cat', 'Mid-Market', 0, 240, 0, 3]] as Row[],
    moves: [
      ['A2', 'Bravo', 300, 'Enterprise', 'Ann', 'Bob'],
      ['A4', 'Delta', 100, 'Mid-Market', 'Ann', 'Cat'],
      ['A5', 'Echo', 80, 'Mid-Market', 'Ghost', 'Cat'],
      ['A6', 'Foxtrot', 60, 'Mid-Market', '(unassigned)', 'Cat'],
    ] as Row[],
    audit: [
      ...entAudit,
      [4, 'A4', 'Cat', (0.5 * 100 * 100 / 57600 + 0.5 / 9) / 1.05, NA, NA, 'Yes', 'No'],
      [5, 'A5', 'Cat', (0.5 * 80 * 280 / 57600 + 0.5 * 3 / 9) / 1.05, NA, NA, 'Yes', 'No'],
      [6, 'A6', 'Cat', 0.5 * 60 * 420 / 57600 + 0.5 * 5 / 9, NA, NA, 'No', 'No'],
    ] as Row[],
    assigned: ['Ann', 'Bob', 'Bob', 'Cat', 'Cat', 'Cat'],
  };
}

/** The audit columns the hand computation covers: step, ID, winner, score, runner-up, its score, geo, preserved. */
export const HAND_AUDIT_COLUMNS = [0, 2, 7, 8, 9, 10, 12, 13] as const;

/** Margin % by hand from the hand scores (SPEC §14), N/A without a runner-up. */
export function handMargins(audit: readonly Row[]): Value[] {
  return audit.map((r) => (typeof r[5] === 'number' ? ((r[5] - (r[3] as number)) / r[5]) * 100 : NA_TEXT));
}

/**
 * Every hand-computed table of the Comparison and Audit Log sheets, read through `read`
 * (layout, memory or fake), plus the engine-derived audit and driver rows.
 */
export function expectHandBookTables(read: (name: string) => TableRead, output: RunOutput, withoutMidMarketRep: boolean): void {
  const want = handExpected(withoutMidMarketRep);
  expectTable(read('TS_ComparisonKpi'), 'TS_ComparisonKpi', want.kpi, 9);
  expectTable(read('TS_MovementTotals'), 'TS_MovementTotals', want.totals, 9);
  expectTable(read('TS_RepBeforeAfter'), 'TS_RepBeforeAfter', want.reps, 9);
  expectTable(read('TS_AccountMoves'), 'TS_AccountMoves', want.moves, 9);
  const audit = read('TS_AuditLog');
  expect(audit.headers).toEqual(HEADERS.TS_AuditLog);
  expectRows(audit.rows.map((r) => HAND_AUDIT_COLUMNS.map((c) => r[c]!)), want.audit, 'TS_AuditLog (hand)', 9);
  const margins = handMargins(want.audit);
  audit.rows.forEach((r, i) => {
    const m = margins[i]!;
    if (typeof m === 'number') expect(r[11] as number, `margin % step ${i + 1}`).toBeCloseTo(m, 9);
    else expect(r[11], `margin % step ${i + 1}`).toBe(m);
  });
  expectRows(audit.rows, auditRowsFromEngine(output), 'TS_AuditLog');
  expectTable(read('TS_FairnessDrivers'), 'TS_FairnessDrivers', driverRowsFromEngine(output));
}
