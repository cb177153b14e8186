/**
 * Bugs the fuzzing found and that are not fixed yet (docs/RELIABILITY.md, "Bugs found").
 * Each is written as the test it should pass, marked `it.fails`: CI stays green while the bug
 * is there and turns red the day it is fixed — then delete the `.fails` (and the matching
 * tolerance in checks.ts) so the test guards the fix.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, defaultSettings, driverStats, evaluate, readBook, type Cell } from '../../src/engine/index.js';
import { nonFiniteNumbers } from './checks.js';

const REPS: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ['Ann', 'E', 'CA'], ['Ben', 'E', 'NY'], ['Cy', 'MM', 'CA']];
const HEADER: Cell[] = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'];

function report(accounts: Cell[][]) {
  const read = readBook({ name: 'Reps', rows: REPS, firstRow: 1 }, { name: 'Accounts', rows: [HEADER, ...accounts], firstRow: 1 });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const settings = defaultSettings(read.book);
  return { settings, json: buildReport(read.book, evaluate(read.book, settings), read.warnings, { audit: true }) };
}

describe('known bugs (it.fails until fixed)', () => {
  // R1: ARR ≥ ~1e154 squares to Infinity (T² and x·(2L + x)), and ARR totals ≥ 1.8e308 overflow:
  // CV, score, Gini, composites, audit scores become NaN/Infinity, which JSON writes as null.
  it.fails('R1 huge ARR: the report stays finite (today: NaN scores, Infinity CV)', () => {
    const { json } = report([['a', 'A', 'Ann', 1e200, 5000, 'CA'], ['b', 'B', 'Ann', 1e200, 5000, 'CA'], ['c', 'C', 'Cy', 5, 5, 'CA']]);
    expect(nonFiniteNumbers(json)).toEqual([]);
  });

  // R1 (other end): subnormal ARR makes T² underflow to 0, so x/T² is Infinity and the audit's blended scores NaN.
  it.fails('R1 subnormal ARR: audit scores stay finite (today: NaN)', () => {
    const { json } = report([['a', 'A', 'Ann', 5e-324, 5000, 'CA'], ['b', 'B', 'Ann', 5e-324, 5000, 'CA'], ['c', 'C', 'Cy', 1, 5, 'CA']]);
    expect(nonFiniteNumbers(json)).toEqual([]);
  });

  // R2: the default threshold is the median headcount when 1000 is outside the slider range; the median
  // averages two values and overflows for headcounts ≥ ~9e307, so the default threshold is Infinity
  // (the CLI then exits 1 with "threshold: Invalid input: expected number, received Infinity").
  it.fails('R2 huge Num_Employees: the default threshold is finite (today: Infinity)', () => {
    const { settings } = report([['a', 'A', 'Ann', 100, 1e308, 'CA'], ['b', 'B', 'Ben', 50, 1e308, 'CA']]);
    expect(Number.isFinite(settings.threshold)).toBe(true);
  });

  // R4: with a NaN score (R1 arithmetic) and the only rep of the segment holding a bonus, the kernel's
  // window ends empty, `best` stays -1 and `reps[-1]` (undefined) is stored as 0 in the Int32Array:
  // the account silently goes to rep 0 of the book — here a Mid-Market rep — and no segment load counts it.
  it.fails('R4 NaN score + bonus: the account still goes to a rep of its own segment (today: rep 0, other segment)', () => {
    const read = readBook(
      { name: 'Reps', rows: [['Rep_Name', 'Segment', 'Location'], ['Ann', 'MM', 'CA'], ['Pat', 'E', 'CA']], firstRow: 1 },
      { name: 'Accounts', rows: [[...HEADER, 'Risk_Score'], ['A-0', 'Acme', 'Pat', 1e200, 0, 'CA', 0]], firstRow: 1 },
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const settings = { threshold: 0, weights: { arr: 0, accounts: 0, risk: 100 }, geoBonus: 0, preserveBonus: 0.01, riskCutoff: 0 };
    const { allocation } = evaluate(read.book, settings);
    expect(read.book.reps[allocation.assigned[0]!]!.name).toBe('Pat');
  });

  // R3: equal non-integer loads give a Gini a rounding hair below 0 (SPEC §5 range is [0, 1)).
  it.fails('R3 Gini of equal loads is never negative (today: −2.2e−17 for five loads of 0.1)', () => {
    expect(driverStats(new Float64Array(5).fill(0.1))!.gini).toBeGreaterThanOrEqual(0);
  });
});
