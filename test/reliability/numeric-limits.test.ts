/**
 * Amounts at the edges of double precision (docs/RELIABILITY.md, R1–R4, fixed): the reader refuses
 * what the engine cannot compute with, the default threshold never overflows, and equal loads
 * have a Gini of exactly 0.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, defaultSettings, driverStats, evaluate, readBook, type Cell } from '../../src/engine/index.js';
import { nonFiniteNumbers } from './checks.js';

const REPS: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ['Ann', 'E', 'CA'], ['Ben', 'E', 'NY'], ['Cy', 'MM', 'CA']];
const HEADER: Cell[] = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'];

const read = (accounts: Cell[][]) =>
  readBook({ name: 'Reps', rows: REPS, firstRow: 1 }, { name: 'Accounts', rows: [HEADER, ...accounts], firstRow: 1 });

describe('amounts the engine cannot compute with are located errors (R1, R4)', () => {
  it('refuses ARR above 1e100 with sheet, row, column and value', () => {
    const r = read([['a', 'A', 'Ann', 1e200, 5000, 'CA'], ['b', 'B', 'Ann', '1e101', 5000, 'CA'], ['c', 'C', 'Cy', 1e100, 5, 'CA']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(({ sheet, row, column, value, code }) => ({ sheet, row, column, value, code }))).toEqual([
      { sheet: 'Accounts', row: 2, column: 'ARR', value: 1e200, code: 'out-of-range' },
      { sheet: 'Accounts', row: 3, column: 'ARR', value: '1e101', code: 'out-of-range' },
    ]);
    expect(r.errors[0]!.message).toMatch(/too large/);
  });

  it('refuses a positive ARR below 1e-100 but accepts 0 and 1e-100', () => {
    const r = read([['a', 'A', 'Ann', 5e-324, 5000, 'CA'], ['b', 'B', 'Ann', 0, 5000, 'CA'], ['c', 'C', 'Cy', 1e-100, 5, 'CA']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'ARR', 'out-of-range']]);
  });

  it('refuses headcounts above 1e100', () => {
    const r = read([['a', 'A', 'Ann', 100, 1e101, 'CA']]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'Num_Employees', 'out-of-range']]);
  });

  it('at the limits the whole report stays finite and every account goes to its own segment', () => {
    const r = read([['a', 'A', 'Ann', 1e100, 5000, 'CA'], ['b', 'B', 'Ann', 1e100, 5000, 'CA'], ['c', 'C', 'Cy', 1e-100, 5, 'CA'], ['d', 'D', 'Cy', 1e-100, 5, 'NY']]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const settings = defaultSettings(r.book);
    const ev = evaluate(r.book, settings);
    expect(nonFiniteNumbers(buildReport(r.book, ev, r.warnings, { audit: true }))).toEqual([]);
    ev.allocation.assigned.forEach((rep, a) => expect(r.book.reps[rep]!.segment).toBe(ev.allocation.segment[a] === 0 ? 'Enterprise' : 'Mid-Market'));
  });
});

describe('the default threshold never overflows (R2)', () => {
  it('takes the median of two headcounts of 1e100 without overflowing', () => {
    const r = read([['a', 'A', 'Ann', 100, 1e100, 'CA'], ['b', 'B', 'Ben', 50, 1e100, 'CA']]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(defaultSettings(r.book).threshold).toBe(1e100);
  });
});

describe('Gini of equal loads (R3)', () => {
  it('is exactly 0, never a rounding hair below', () => {
    for (const x of [0.1, 1 / 3, 123_456.789, 1e-9]) expect(driverStats(new Float64Array(7).fill(x))!.gini).toBe(0);
  });
});
