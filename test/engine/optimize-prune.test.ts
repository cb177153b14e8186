/**
 * Optimize with runs stopped when they cannot win (optimize-prune.ts): the same recommendation as the
 * exhaustive search, every value it does compute equal to the exact one, and every value it leaves
 * out provably below the best by more than the tie tolerance. The bound itself holds for every end
 * of a run.
 */
import { describe, expect, it } from 'vitest';
import {
  coarseGridIndices,
  driverScore,
  EngineSession,
  fillScoreBound,
  pickBestWeights,
  scoreWeightsAt,
  scoreWeightsPruned,
  weightGrid,
  type Book,
  type Settings,
} from '../../src/engine/index.js';
import { seededRandom } from '../../src/sample/generate-book.js';
import { emptyLoads, runSegment, segmentContext } from '../../src/engine/allocate.js';
import { generatedBook, GREEDY_ONLY, settingsFor } from '../helpers/books.js';

describe('the water-filled bound on a driver score', () => {
  it('is at least the score of any end of the run (loads only grow, the total is spent)', () => {
    const random = seededRandom(15);
    let checked = 0, tight = 0;
    for (let trial = 0; trial < 400; trial++) {
      const k = 1 + Math.floor(random() * 12);
      const now = Float64Array.from({ length: k }, () => (random() < 0.2 ? 0 : Math.floor(random() * 1000)));
      // The rest, as whole accounts dealt to random reps (a real end of the run).
      const accounts = Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * 400));
      const end = Float64Array.from(now);
      for (const x of accounts) end[Math.floor(random() * k)]! += x;
      const total = end.reduce((a, b) => a + b, 0);
      const actual = driverScore(end);
      if (actual === null) continue;
      const bound = fillScoreBound(now, total);
      expect(bound).toBeGreaterThanOrEqual(actual.score - 1e-9);
      checked++;
      if (bound - actual.score < 1e-9) tight++;
    }
    expect(checked).toBeGreaterThan(350);
    // Nothing left to place: the bound is the score itself.
    const loads = Float64Array.from([3, 5, 9]);
    expect(fillScoreBound(loads, 17)).toBe(driverScore(loads)!.score);
    expect(fillScoreBound(Float64Array.from([0, 0, 0, 0]), 8)).toBe(100);
    // One rep far ahead: the others are raised to the level that spends the rest, 2 each → [2, 2, 2, 10].
    expect(fillScoreBound(Float64Array.from([0, 1, 2, 10]), 16)).toBe(driverScore(Float64Array.from([2, 2, 2, 10]))!.score);
    expect(tight).toBeGreaterThan(0);
  });
});

describe('the kernel over consecutive parts of the greedy list (where a run can stop)', () => {
  it('decides step for step as one run over the whole list', () => {
    const book = generatedBook(1500, 20, 9);
    const grid = weightGrid(true);
    let compared = 0;
    for (const w of [grid[3]!, grid[1234]!, grid[4321]!]) {
      const settings = settingsFor(book, { ...GREEDY_ONLY, weights: w, geoBonus: 0.04 });
      for (const p of new EngineSession(book).prepared(settings.threshold, settings.riskCutoff)) {
        const ctx = segmentContext(p, settings);
        const m = ctx.accounts.length;
        const all = Int32Array.from({ length: m }, (_, i) => i);
        const whole = new Int32Array(m).fill(-1), parts = new Int32Array(m).fill(-1);
        const a = emptyLoads(ctx.reps.length), b = emptyLoads(ctx.reps.length);
        const out = (local: Int32Array) => ({ assigned: null, steps: null, stepOffset: 0, stepReps: null, local });
        runSegment(ctx, settings, a, out(whole));
        for (const [from, to] of [[0, m >> 1], [m >> 1, m - (m >> 3)], [m - (m >> 3), m - 1], [m - 1, m]] as const) runSegment(ctx, settings, b, out(parts), all.subarray(from, to));
        expect(Array.from(parts)).toEqual(Array.from(whole));
        // toEqual compares numbers with Object.is: the loads bit for bit.
        expect([Array.from(b.arr), Array.from(b.accounts), Array.from(b.riskArr)]).toEqual([Array.from(a.arr), Array.from(a.accounts), Array.from(a.riskArr)]);
        compared += m;
      }
    }
    expect(compared).toBe(4500);
  });
});

describe('Optimize that stops runs which cannot win', () => {
  const cases: [string, Book, Settings][] = [];
  {
    const a = generatedBook(1200, 18, 21);
    cases.push(['default', a, settingsFor(a, GREEDY_ONLY)]);
    cases.push(['bonuses, low threshold', a, settingsFor(a, { ...GREEDY_ONLY, geoBonus: 0.08, preserveBonus: 0.02, threshold: 200, weights: { arr: 47, accounts: 31, risk: 22 } })]);
    const b = generatedBook(900, 12, 22);
    const locked = { ...b, accounts: { ...b.accounts, locked: Uint8Array.from({ length: b.accounts.count }, (_, i) => (i % 13 === 0 ? 1 : 0)) } };
    cases.push(['locks', locked, settingsFor(locked, GREEDY_ONLY)]);
    cases.push(['caps (not bounded)', b, settingsFor(b, { ...GREEDY_ONLY, maxAccounts: { Enterprise: 60, 'Mid-Market': null } })]);
    const c = generatedBook(700, 9, 23);
    const noRisk = { ...c, riskEnabled: false };
    cases.push(['risk off', noRisk, settingsFor(noRisk, { ...GREEDY_ONLY, weights: { arr: 70, accounts: 30, risk: 0 } })]);
  }

  for (const [label, book, settings] of cases) {
    it(`recommends what the exhaustive search recommends (${label})`, () => {
      const grid = weightGrid(book.riskEnabled);
      const session = new EngineSession(book);
      const exact = scoreWeightsAt(book, settings, grid, [...grid.keys()], session);
      // As the scheduler runs it: the 5 % grid with no beat, then the rest with the best so far.
      const coarse = coarseGridIndices(book.riskEnabled);
      const inCoarse = new Set(coarse);
      const rest = [...grid.keys()].filter((i) => !inCoarse.has(i));
      const values = new Array<number | null>(grid.length).fill(null);
      const first = scoreWeightsPruned(book, settings, grid, coarse, session);
      coarse.forEach((i, q) => (values[i] = first[q]!));
      const beat = Math.max(...first.filter((v): v is number => v !== null));
      const second = scoreWeightsPruned(book, settings, grid, rest, session, { beat });
      rest.forEach((i, q) => (values[i] = second[q]!));
      const best = pickBestWeights(grid, exact, settings.weights);
      expect(pickBestWeights(grid, values, settings.weights)).toEqual(best);
      let left = 0;
      values.forEach((v, i) => {
        if (v !== null) expect(v).toBe(exact[i]);
        else if (exact[i] !== null) {
          left++;
          expect(best.value! - exact[i]!).toBeGreaterThan(1e-9);
        }
      });
      // The current weights' own value is always computed.
      const at = grid.findIndex((w) => w.arr === settings.weights.arr && w.accounts === settings.weights.accounts && w.risk === settings.weights.risk);
      if (at >= 0) expect(values[at]).toBe(exact[at]);
      if (label.startsWith('caps')) expect(left).toBe(0);
      else expect(left).toBeGreaterThan(0);
      console.log(`OPTIMIZE-PRUNE (${label}): ${left} of ${grid.length} runs stopped early`);
    });
  }
});
