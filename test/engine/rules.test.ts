/**
 * SPEC rules checked against numbers worked out by hand (§3 steps, §4 ties and reasons, §6, §7, §8,
 * §14 movement and Deal Size Ratio, the risk cutoff), and the sweeps against full evaluations.
 */
import { describe, expect, it } from 'vitest';
import {
  accountMoves,
  auditRecords,
  bookThresholdSlider,
  buildReport,
  driverChanges,
  evaluate,
  exportCsv,
  movementTotals,
  optimizeWeights,
  parseNumberCell,
  readBook,
  sensitivity,
  sensitivityThresholds,
  thresholdSlider,
  weightGrid,
  type Cell,
  type Settings,
  type Weights,
} from '../../src/engine/index.js';
import { pickWinner, type SegmentContext, type SegmentLoads } from '../../src/engine/allocate.js';
import { ACCOUNTS_HEADER, GREEDY_ONLY, REPS_HEADER, bookOf, generatedBook, greedySettingsFor, sheet } from '../helpers/books.js';

/**
 * Ann and Ben (Enterprise), Cy (Mid-Market). Cy's original book spans both segments (A1 is an
 * Enterprise account); A3 has no original rep, A4 an orphan one. ARR-only weights, no bonuses:
 * A1 → Ann (tie, by name), A2 → Ben (lower score), A3, A4, A5 → Cy.
 */
const REPS: Cell[][] = [REPS_HEADER, ['Ann', 'Enterprise', 'CA'], ['Ben', 'Enterprise', 'NY'], ['Cy', 'Mid-Market', 'TX']];
const ACCOUNTS: Cell[][] = [
  ACCOUNTS_HEADER,
  ['A1', 'One', 'Cy', 1000, 5000, 'CA', 0.7],
  ['A2', 'Two', 'Ann', 600, 4000, 'NY', 0.69],
  ['A3', 'Three', '', 300, 50, 'TX', 0],
  ['A4', 'Four', 'Gone', 200, 60, 'TX', 0],
  ['A5', 'Five', 'Cy', 100, 70, 'TX', 0.9],
];
const ARR_ONLY: Settings = { threshold: 1000, weights: { arr: 100, accounts: 0, risk: 0 }, geoBonus: 0, preserveBonus: 0, riskCutoff: 0.7, ...GREEDY_ONLY };

describe('before / after and account movement (SPEC §8, §14), by hand', () => {
  const { book } = bookOf(REPS, ACCOUNTS);
  const ev = evaluate(book, ARR_ONLY);
  const assigned = Array.from(ev.allocation.assigned, (r) => (r < 0 ? null : book.reps[r]!.name));

  it('allocates as worked out', () => {
    expect(assigned).toEqual(['Ann', 'Ben', 'Cy', 'Cy', 'Cy']);
  });

  it("before is each rep's whole original book, in every segment", () => {
    // Ann held A2 (600), Ben nothing, Cy A1 (Enterprise, 1000) and A5 (100).
    expect(Array.from(ev.segments[0].beforeLoads!.arr)).toEqual([600, 0]);
    expect(Array.from(ev.segments[0].beforeLoads!.accounts)).toEqual([1, 0]);
    expect(Array.from(ev.segments[1].beforeLoads!.arr)).toEqual([1100]);
    expect(Array.from(ev.segments[1].beforeLoads!.accounts)).toEqual([2]);
    // Enterprise ARR: before [600, 0] → CV 100, score 0; after [1000, 600] → μ 800, σ 200, CV 25, score 75.
    const arr = driverChanges(ev.segments[0].before, ev.segments[0].drivers).find((c) => c.driver === 'arr')!;
    expect(arr).toEqual({ driver: 'arr', cvBefore: 100, cvAfter: 25, scoreBefore: 0, scoreAfter: 75, scoreChange: 75 });
    const accounts = driverChanges(ev.segments[0].before, ev.segments[0].drivers).find((c) => c.driver === 'accounts')!;
    expect(accounts).toMatchObject({ cvBefore: 100, cvAfter: 0, scoreBefore: 0, scoreAfter: 100, scoreChange: 100 });
  });

  it('moved: rep → other rep, blank → rep and orphan → rep count; kept does not', () => {
    expect(accountMoves(book, ev).map((m) => [m.accountId, m.from, m.to])).toEqual([
      ['A1', 'Cy', 'Ann'],
      ['A2', 'Ann', 'Ben'],
      ['A3', '', 'Cy'],
      ['A4', 'Gone', 'Cy'],
    ]);
    expect(ev.moved).toEqual({ accounts: 4, arr: 2100 });
    const totals = movementTotals(book, ev);
    expect(totals.accountsMovedPct).toBe(80);
    expect(totals.arrMovedPct).toBeCloseTo((100 * 2100) / 2200, 12);
    expect(totals.accountsKept).toBe(1);
  });

  it('without a Mid-Market rep: blank → unassigned is not moved, orphan or rep → unassigned is', () => {
    const { book: noCy } = bookOf(REPS.slice(0, 3), ACCOUNTS);
    const e = evaluate(noCy, ARR_ONLY);
    // A3 (blank) stays unmoved; A4 (orphan "Gone") and A5 (Cy, now an orphan) count; A1 and A2 as before.
    expect(accountMoves(noCy, e).map((m) => m.accountId)).toEqual(['A1', 'A2', 'A4', 'A5']);
    expect(e.moved).toEqual({ accounts: 4, arr: 1900 });
    // The Deal Size Ratio counts every account of the segment, assigned or not: (1600 / 2) / (600 / 3).
    expect(e.dealSizeRatio).toBe(4);
  });

  it('Deal Size Ratio = mean Enterprise ARR / mean Mid-Market ARR', () => {
    expect(ev.dealSizeRatio).toBe(4);
  });

  it('a Risk_Score equal to the cutoff is high-risk', () => {
    // A1 (0.7 = cutoff) is high-risk, A2 (0.69) is not; Ann holds A1.
    expect(Array.from(ev.segments[0].loads.riskArr)).toEqual([1000, 0]);
    expect(ev.segments[0].riskArr).toBe(1000);
    expect(ev.segments[1].riskArr).toBe(100);
  });

  it('reason sentences, margins and ranks of each kind', () => {
    const [s1, s2, s3] = auditRecords(book, ev.allocation);
    // T_ARR = 800: both blended 1000·1000/800² = 1.5625, equal current ARR, settled by name.
    expect(s1!.reasonCode).toBe('tie-name');
    expect(s1!.reason).toBe('Ann wins: tied score 1.563 with Ben and equal current ARR ($0), settled by name.');
    expect(s1!.marginPct).toBe(0);
    // Ann 600·(2000 + 600)/800² = 2.4375, Ben 600·600/800² = 0.5625.
    expect(s2!.reason).toBe('Ben wins: lowest score 0.563, vs Ann 2.438.');
    expect(s2!.candidates.map((c) => [c.rep, c.currentArr, c.blended, c.score, c.rank])).toEqual([
      ['Ann', 1000, 2.4375, 2.4375, 2],
      ['Ben', 0, 0.5625, 0.5625, 1],
    ]);
    expect(s2!.runnerUp).toBe('Ann');
    expect(s2!.marginPct).toBeCloseTo(((2.4375 - 0.5625) / 2.4375) * 100, 12);
    // Mid-Market has one rep: T = 600, 300·300/600² = 0.25.
    expect(s3!.reason).toBe('Cy wins: the only Mid-Market rep (score 0.250).');
    expect(s3!.runnerUp).toBeNull();
    expect(s3!.marginPct).toBeNull();
  });
});

describe('the tie window (SPEC §14): score − min ≤ 1e-9 · min', () => {
  // Rep 0 carries more ARR, so a tie goes to rep 1; outside the window the lower score wins.
  const ctx = { nameRank: Int32Array.of(0, 1) } as unknown as SegmentContext;
  const loads: SegmentLoads = { arr: Float64Array.of(200, 100), accounts: Float64Array.of(1, 1), riskArr: Float64Array.of(0, 0) };
  const winner = (a: number, b: number) => pickWinner(ctx, loads, Float64Array.of(a, b), Math.min(a, b));

  it('a relative gap of 5e-10 is a tie (lower current ARR wins); 2e-9 is not', () => {
    expect(winner(1, 1 + 5e-10)).toBe(1);
    expect(winner(1, 1 + 2e-9)).toBe(0);
  });

  it('when the lowest score is 0, only exact zeros tie', () => {
    expect(winner(0, 1e-300)).toBe(0);
    expect(winner(0, 0)).toBe(1);
  });
});

describe('threshold slider steps at their boundaries (SPEC §3)', () => {
  it('on the linear scale: 10 below a spread of 1,000, 100 from 1,000, 1,000 from 10,000', () => {
    expect(thresholdSlider([200, 1199])).toMatchObject({ scale: 'linear', step: 10, min: 200, max: 1200 });
    expect(thresholdSlider([200, 1200])).toMatchObject({ scale: 'linear', step: 100, min: 200, max: 1200 });
    expect(thresholdSlider([1001, 10_000])).toMatchObject({ scale: 'linear', step: 100, min: 1000, max: 10_000 });
    expect(thresholdSlider([1500, 11_500])).toMatchObject({ scale: 'linear', step: 1000, min: 1000, max: 12_000 });
    // 1000 outside [0, 20]: the median 10 is a position.
    expect(thresholdSlider([5, 10, 15])).toMatchObject({ scale: 'linear', step: 10, min: 0, max: 20, count: 3, defaultValue: 10 });
  });
});

describe('numeric text with other currencies and spaces (SPEC §14)', () => {
  it('strips any currency symbol, thousands separators and whitespace', () => {
    for (const [text, value] of [['¥9,800', 9800], ['₹ 1,00,000', 100000], ['£1,200.50', 1200.5], ['1\u00A0200', 1200], ['€ 3e2', 300]] as const) {
      expect(parseNumberCell(text), text).toEqual({ ok: true, value });
    }
  });
});

describe('hard errors at their rows (SPEC §2, §14)', () => {
  const errorsOf = (accounts: Cell[][]) => {
    const r = readBook(sheet('Reps', REPS), sheet('Accounts', accounts));
    return r.ok ? [] : r.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message }));
  };

  it('a negative ARR', () => {
    expect(errorsOf([ACCOUNTS_HEADER, ['A1', 'One', 'Ann', -5, 10, 'CA', 0]])).toEqual([
      expect.objectContaining({ row: 2, column: 'ARR', code: 'negative-number' }),
    ]);
  });

  it('an Accounts sheet with no data rows: one error at the header row, column null', () => {
    expect(errorsOf([['Title'], ACCOUNTS_HEADER, [null, '', '  ']])).toEqual([expect.objectContaining({ row: 2, column: null, code: 'no-data-rows' })]);
  });

  it('a duplicate Account_ID on every later occurrence, naming the first row', () => {
    const rows: Cell[][] = [ACCOUNTS_HEADER, [' X ', 'a', 'Ann', 1, 1, '', 0], ['X', 'b', 'Ann', 1, 1, '', 0], ['X', 'c', 'Ann', 1, 1, '', 0]];
    const errors = errorsOf(rows);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[3, 'Account_ID', 'duplicate-account-id'], [4, 'Account_ID', 'duplicate-account-id']]);
    expect(errors.every((e) => e.message.includes('row 2'))).toBe(true);
  });
});

describe('sensitivity and Optimize against full evaluations (SPEC §6, §7)', () => {
  it('every sensitivity sample is the Overall of a full evaluation at that threshold', () => {
    const book = generatedBook(300, 9, 21);
    const settings = greedySettingsFor(book, { weights: { arr: 50, accounts: 20, risk: 30 }, geoBonus: 0.07, preserveBonus: 0.03 });
    const slider = bookThresholdSlider(book);
    const samples = sensitivity(book, settings, slider);
    expect(samples.map((s) => s.threshold)).toEqual(sensitivityThresholds(slider, settings.threshold));
    expect(samples.length).toBeGreaterThan(10);
    for (const s of samples) {
      const ev = evaluate(book, { ...settings, threshold: s.threshold });
      expect([s.balanced, s.custom, s.dealSizeRatio]).toEqual([ev.overall.balanced, ev.overall.custom, ev.dealSizeRatio]);
    }
  });

  it('Optimize returns the grid point a plain search over full evaluations picks, by the §7 tie rules', () => {
    const { book } = bookOf(REPS, ACCOUNTS);
    const current: Weights = { arr: 34, accounts: 33, risk: 33 };
    const settings = { ...ARR_ONLY, weights: current, geoBonus: 0.05, preserveBonus: 0.05 };
    // The plain search: every grid point through evaluate(), highest Balanced, then the tie rules.
    let best: { w: Weights; v: number } | null = null;
    const l1 = (w: Weights) => Math.abs(w.arr - current.arr) + Math.abs(w.accounts - current.accounts) + Math.abs(w.risk - current.risk);
    for (const w of weightGrid(true)) {
      const v = evaluate(book, { ...settings, weights: w }).overall.balanced!;
      if (best === null || v > best.v + 1e-9) best = { w, v };
      else if (Math.abs(v - best.v) <= 1e-9) {
        const d = l1(w) - l1(best.w);
        if (d < 0 || (d === 0 && (w.arr > best.w.arr || (w.arr === best.w.arr && w.accounts > best.w.accounts)))) best = { w, v: Math.max(v, best.v) };
      }
    }
    const result = optimizeWeights(book, settings)!;
    expect(result.weights).toEqual(best!.w);
    expect(result.balanced).toBeCloseTo(evaluate(book, { ...settings, weights: result.weights }).overall.balanced!, 12);
    expect(result.currentBalanced).toBe(evaluate(book, settings).overall.balanced);
  });
});

describe('determinism (SPEC §12)', () => {
  it('reading the same sheets twice gives byte-identical reports and CSV', () => {
    const run = () => {
      const read = readBook(sheet('Reps', REPS), sheet('Accounts', ACCOUNTS));
      if (!read.ok) throw new Error('fixture');
      const ev = evaluate(read.book, ARR_ONLY);
      return JSON.stringify(buildReport(read.book, ev, read.warnings, { audit: true })) + exportCsv(read.book, ev.allocation);
    };
    expect(run()).toBe(run());
  });
});
