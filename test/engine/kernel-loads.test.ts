/**
 * The loads-only kernel (kernel-loads.ts) against the reference kernel (kernel.ts): the same rep
 * at every step, the same final loads to the bit, on seeded books chosen to make close calls —
 * bonuses on, equal ARR everywhere (every step a tie), zero ARR, risk off, locks.
 */
import { describe, expect, it } from 'vitest';
import { allocateLoads, EngineSession, emptyLoads, runSegment, segmentContext, type SegmentLoads } from '../../src/engine/allocate.js';
import { runSegmentLoads } from '../../src/engine/kernel-loads.js';
import { seededRandom } from '../../src/sample/generate-book.js';
import { weightGrid, type Book, type Settings } from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, bookOf, generatedBook, REPS_HEADER, settingsFor, GREEDY_ONLY } from '../helpers/books.js';

// toEqual compares numbers with Object.is: bit for bit but NaN, and -0 ≠ 0.
const sameBits = (a: SegmentLoads, b: SegmentLoads) => {
  expect(Array.from(a.arr)).toEqual(Array.from(b.arr));
  expect(Array.from(a.accounts)).toEqual(Array.from(b.accounts));
  expect(Array.from(a.riskArr)).toEqual(Array.from(b.riskArr));
};

/** Runs both kernels on every segment of the book at these settings; returns the steps compared. */
function compare(book: Book, settings: Settings): number {
  const prep = new EngineSession(book).prepared(settings.threshold, settings.riskCutoff);
  let steps = 0;
  for (const p of prep) {
    const ctx = segmentContext(p, settings);
    const m = ctx.accounts.length;
    const reference = new Int32Array(m).fill(-1), fast = new Int32Array(m).fill(-1);
    const a = emptyLoads(ctx.reps.length), b = emptyLoads(ctx.reps.length);
    runSegment(ctx, settings, a, { assigned: null, steps: null, stepOffset: 0, stepReps: null, local: reference });
    runSegmentLoads(ctx, settings, b, null, fast);
    // Step by step: the first position where they part names the account.
    const first = reference.findIndex((r, j) => fast[j] !== r);
    expect(first, `segment ${ctx.segment}, weights ${JSON.stringify(settings.weights)}`).toBe(-1);
    sameBits(a, b);
    steps += ctx.reps.length > 0 ? m : 0;
  }
  return steps;
}

/** A book whose accounts all have the same ARR (or zero), so most steps are ties settled by ARR and name. */
function tiedBook(accounts: number, reps: number, seed: number, arr: (i: number) => number): Book {
  const random = seededRandom(seed);
  const locations = ['CA', 'NY', 'TX', ''];
  const repRows = [REPS_HEADER, ...Array.from({ length: reps }, (_, i) => [`Rep ${String.fromCharCode(65 + (i % 26))}${i}`, i % 2 ? 'Enterprise' : 'Mid-Market', locations[i % 4]!])];
  const accountRows = [
    ACCOUNTS_HEADER,
    ...Array.from({ length: accounts }, (_, i) => [
      `A${i}`, `Account ${i}`, random() < 0.7 ? repRows[1 + Math.floor(random() * reps)]![0]! : '', arr(i), i % 3 === 0 ? 5000 : 50, locations[Math.floor(random() * 4)]!, random() < 0.3 ? 0.9 : 0.1,
    ]),
  ];
  return bookOf(repRows, accountRows).book;
}

describe('the loads-only kernel decides as the reference kernel', () => {
  const grid = weightGrid(true);

  it('on generated books, across the weight grid, bonuses and thresholds', () => {
    const random = seededRandom(2026);
    let steps = 0, runs = 0;
    for (const [accounts, reps, seed] of [[600, 12, 1], [1500, 30, 2], [300, 61, 3], [2000, 8, 4]] as const) {
      const book = generatedBook(accounts, reps, seed);
      for (let r = 0; r < 12; r++) {
        const settings = settingsFor(book, {
          ...GREEDY_ONLY,
          weights: grid[Math.floor(random() * grid.length)]!,
          geoBonus: Math.floor(random() * 11) / 100,
          preserveBonus: Math.floor(random() * 11) / 100,
          threshold: r % 3 === 0 ? settingsFor(book).threshold : Math.floor(random() * 3000),
        });
        steps += compare(book, settings);
        runs++;
      }
    }
    // Count what was checked, so a change that empties the cases cannot pass quietly.
    expect(runs).toBe(48);
    expect(steps).toBeGreaterThan(50_000);
  });

  it('when every account has the same ARR (ties at every step), zero ARR, and risk off', () => {
    let steps = 0;
    for (const [arr, label] of [[() => 1000, 'equal'], [(i: number) => (i % 4 === 0 ? 0 : 700), 'zeros'], [() => 0, 'all zero']] as const) {
      const book = tiedBook(400, 9, label.length, arr);
      for (const w of [grid[0]!, grid[100]!, grid[2600]!, grid[5150]!, { arr: 34, accounts: 33, risk: 33 }]) {
        for (const bonus of [0, 0.05, 0.1]) steps += compare(book, settingsFor(book, { ...GREEDY_ONLY, weights: w, geoBonus: bonus, preserveBonus: 0.1 - bonus, threshold: 1000 }));
      }
    }
    const noRisk = generatedBook(800, 10, 7);
    const riskOff = { ...noRisk, riskEnabled: false };
    for (const w of weightGrid(false)) steps += compare(riskOff, settingsFor(riskOff, { ...GREEDY_ONLY, weights: w }));
    expect(steps).toBeGreaterThan(80_000);
  });

  it('allocateLoads with locks and without caps takes the loads-only kernel and matches the reference', () => {
    const g = generatedBook(900, 14, 5);
    const locked = { ...g, accounts: { ...g.accounts, locked: Uint8Array.from({ length: g.accounts.count }, (_, a) => (a % 11 === 0 ? 1 : 0)) } };
    for (const w of [grid[0]!, grid[777]!, grid[4000]!]) {
      const settings = settingsFor(locked, { ...GREEDY_ONLY, weights: w });
      const fast = allocateLoads(locked, settings);
      expect(fast.contexts.some((c) => c.lockCount > 0)).toBe(true);
      // The reference: the full allocation (runSegment) with the same locks.
      const reference = allocateLoads(locked, { ...settings, maxAccounts: { Enterprise: 1e9, 'Mid-Market': 1e9 } });
      expect(reference.contexts.every((c) => c.capped)).toBe(true);
      for (const s of [0, 1] as const) sameBits(fast.loads[s], reference.loads[s]);
    }
  });

  it('runs over consecutive ranges decide exactly as one run (Optimize stops between them)', () => {
    const book = generatedBook(1500, 20, 9);
    let compared = 0;
    for (const w of [grid[3]!, grid[1234]!, grid[4321]!]) {
      const settings = settingsFor(book, { ...GREEDY_ONLY, weights: w });
      for (const p of new EngineSession(book).prepared(settings.threshold, settings.riskCutoff)) {
        const ctx = segmentContext(p, settings);
        const m = ctx.accounts.length;
        const whole = new Int32Array(m).fill(-1), parts = new Int32Array(m).fill(-1);
        const a = emptyLoads(ctx.reps.length), b = emptyLoads(ctx.reps.length);
        runSegmentLoads(ctx, settings, a, null, whole);
        let steps = 0;
        for (let from = 0; from < m; from += 97) steps += runSegmentLoads(ctx, settings, b, null, parts, from, from + 97);
        expect(steps).toBe(ctx.reps.length > 0 ? m : 0);
        expect(Array.from(parts)).toEqual(Array.from(whole));
        sameBits(a, b);
        compared += m;
      }
    }
    expect(compared).toBe(4500);
  });
});
