/**
 * The refinement search is a performance detail: a faster search must produce exactly the refinement
 * the previous one produced. This runs the frozen previous implementation (test/helpers/refine-reference.ts)
 * and the product's refineSegment from the same greedy state and asserts identical RefineRecords — kind,
 * accounts, from / to, deltaF and shares bit for bit, budget counts, order — and identical final
 * assignments and loads, on a corpus of:
 * - small random books with bonuses, locks, caps and rebalancing (test/helpers/random-v2-book.ts);
 * - random books with cent ARRs over six orders of magnitude, equal ARRs, random weights and bonuses,
 *   locks, caps, fresh and rebalance with any budget (floating point stress for the search's filters);
 * - generated books (src/sample/generate-book.ts) from 300 to 10,000 accounts, fresh and rebalance, and
 *   8,000 accounts on 6 reps, whose long lists switch on the swap-brake certificate (refine.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  allocate,
  defaultSettings,
  EngineSession,
  moveBudget,
  parseCsv,
  refineSegment,
  type Book,
  type RefineResult,
  type Settings,
} from '../../src/engine/index.js';
import { refineSegment as referenceRefineSegment } from '../helpers/refine-reference.js';
import { randomBook, variants } from '../helpers/random-v2-book.js';
import { centBook, generated, read, settingsOf } from '../helpers/v2-corpus.js';

type Refine = typeof refineSegment;

interface Tally {
  books: number;
  segments: number;
  moves: number;
  swaps: number;
  /** Rebalance segments that ended with the budget spent. */
  budgetSpent: number;
}

const totals: Record<string, Tally> = {};
const tally = (name: string): Tally => (totals[name] = { books: 0, segments: 0, moves: 0, swaps: 0, budgetSpent: 0 });
// REFINE_IDENTICAL_TALLY=1 prints the corpus: books, segments and refinement steps compared.
afterAll(() => {
  if (process.env.REFINE_IDENTICAL_TALLY) console.log(JSON.stringify(totals, null, 1));
});

/** Exact text of a result: numbers by their shortest round-trip form (so bit for bit), -0 kept. */
const exact = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : v));

/** Runs one refinement implementation on every segment of the greedy state of `settings`. */
function refineAll(book: Book, settings: Settings, session: EngineSession, refine: Refine) {
  const greedy = allocate(book, { ...settings, refine: false }, session);
  const out: { result: RefineResult; local: Int32Array; loads: Float64Array[] }[] = [];
  for (const s of [0, 1] as const) {
    const ctx = greedy.contexts[s];
    const k = ctx.reps.length, m = ctx.accounts.length;
    if (k === 0) continue;
    const localOf = new Map<number, number>();
    ctx.reps.forEach((g, i) => localOf.set(g, i));
    const local = new Int32Array(m);
    const locked = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const g = greedy.assigned[ctx.accounts[j]!]!;
      local[j] = g < 0 ? -1 : localOf.get(g)!;
      locked[j] = ctx.lockLocal[j]! >= 0 ? 1 : 0;
    }
    const l = greedy.loads[s];
    const loads = { arr: l.arr.slice(), accounts: l.accounts.slice(), riskArr: l.riskArr.slice() };
    const rebalance = settings.mode === 'rebalance';
    const result = refine(ctx, settings, loads, local, locked, rebalance ? local.slice() : null, rebalance ? moveBudget(settings.budget, m) : null);
    out.push({ result, local, loads: [loads.arr, loads.accounts, loads.riskArr] });
  }
  return out;
}

/** Asserts the product refinement equals the reference on one book and settings; counts what it saw. */
function expectIdentical(book: Book, settings: Settings, label: string, seen: Tally) {
  const session = new EngineSession(book);
  const ours = refineAll(book, settings, session, refineSegment);
  const theirs = refineAll(book, settings, session, referenceRefineSegment);
  expect(ours.length, label).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!, b = theirs[i]!;
    expect(exact(a.result), `${label}, segment ${i}: records`).toBe(exact(b.result));
    expect(exact(Array.from(a.local)), `${label}, segment ${i}: assignment`).toBe(exact(Array.from(b.local)));
    expect(exact(a.loads.map((x) => Array.from(x))), `${label}, segment ${i}: loads`).toBe(exact(b.loads.map((x) => Array.from(x))));
    seen.segments++;
    seen.moves += b.result.moves;
    seen.swaps += b.result.swaps;
    if (b.result.budget !== null && b.result.budgetUsed === b.result.budget) seen.budgetSpent++;
  }
  seen.books++;
}

const SMALL = 120;
const CENT = 150;

describe('refinement: the search finds exactly what the previous implementation found', () => {
  for (const [label, o] of variants) {
    it(`${SMALL} small random ${label} books`, () => {
      const seen = tally(`small ${label}`);
      for (let c = 0; c < SMALL; c++) {
        const seed = 71_000 + 1000 * variants.findIndex((v) => v[0] === label) + c;
        const { repsText, accountsText, opts } = randomBook(seed, o);
        const book = read(parseCsv(repsText), parseCsv(accountsText));
        expectIdentical(book, settingsOf(book, opts), `seed ${seed} ${JSON.stringify(opts)}`, seen);
      }
      expect(seen.moves + seen.swaps).toBeGreaterThan(50);
    });
  }

  it(`${CENT} random books with cent ARRs, random weights, bonuses, locks, caps, modes and budgets`, () => {
    const seen = tally('cent');
    for (let c = 0; c < CENT; c++) {
      const { book, settings } = centBook(81_000 + c);
      expectIdentical(book, settings, `cent book ${81_000 + c} ${JSON.stringify({ ...settings, threshold: undefined })}`, seen);
    }
    expect(seen.swaps).toBeGreaterThan(200);
    expect(seen.moves).toBeGreaterThan(200);
    expect(seen.budgetSpent).toBeGreaterThan(10);
  });

  it('generated books from 300 to 3,000 accounts: fresh and rebalance, bonuses, caps, locks, weights', () => {
    const seen = tally('generated ≤ 3k');
    const cases: [number, number, number][] = [[300, 6, 1], [300, 12, 2], [1000, 12, 3], [1000, 30, 4], [3000, 24, 5]];
    for (const [n, k, seed] of cases) {
      for (const lockShare of [0, 0.05]) {
        const book = generated(n, k, seed, lockShare);
        const d = defaultSettings(book);
        const variantsOf: Partial<Settings>[] = [
          {},
          { mode: 'rebalance', budget: 10 },
          { mode: 'rebalance', budget: 3, geoBonus: 0.1, preserveBonus: 0.1 },
          { geoBonus: 0.1, preserveBonus: 0.01, weights: { arr: 60, accounts: 20, risk: 20 } },
          { geoBonus: 0, preserveBonus: 0, maxAccounts: { Enterprise: Math.ceil((1.05 * n) / k), 'Mid-Market': Math.ceil((1.05 * n) / k) } },
          { mode: 'rebalance', budget: 40, weights: { arr: 100, accounts: 0, risk: 0 } },
        ];
        for (const v of variantsOf) expectIdentical(book, { ...d, refine: true, ...v }, `generated ${n}/${k} seed ${seed} locks ${lockShare} ${JSON.stringify(v)}`, seen);
      }
    }
    expect(seen.budgetSpent).toBeGreaterThan(5);
    expect(seen.moves + seen.swaps).toBeGreaterThan(1000);
  });

  it('generated 10,000 / 60 (the bench book): fresh and rebalance at 10 %', () => {
    const seen = tally('generated 10k');
    const book = generated(10_000, 60, 1, 0);
    const d = defaultSettings(book);
    expectIdentical(book, { ...d, refine: true }, '10k fresh', seen);
    expectIdentical(book, { ...d, refine: true, mode: 'rebalance', budget: 10 }, '10k rebalance', seen);
    expect(seen.moves + seen.swaps).toBeGreaterThan(600);
  });

  it('generated 8,000 / 6: class lists long enough (≥ 600 accounts a pair) for the swap-brake certificate', () => {
    const seen = tally('generated 8k / 6');
    const book = generated(8_000, 6, 1, 0);
    const d = defaultSettings(book);
    expectIdentical(book, { ...d, refine: true }, '8k / 6 fresh', seen);
    expectIdentical(book, { ...d, refine: true, mode: 'rebalance', budget: 10 }, '8k / 6 rebalance', seen);
    expect(seen.moves + seen.swaps).toBeGreaterThan(300);
  });
});
