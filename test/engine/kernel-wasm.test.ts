/**
 * The WebAssembly kernel (assembly/kernel.ts through src/engine/kernel-wasm.ts) decides every step as
 * the TypeScript kernel (src/engine/kernel.ts) does: the same rep per position and the same loads bit
 * for bit, over whole lists and over consecutive parts of one list (Optimize's bounded runs), with locks
 * (lists with gaps), caps (reps leaving the candidate set), geo and preserve bonuses, risk on and off
 * and weights at the corners of the grid. Then the engine's own paths: allocateLoads and the pruned
 * Optimize give the TypeScript kernel's values. Each corpus counts what it exercised.
 */
import { describe, expect, it } from 'vitest';
import {
  allocate,
  allocateLoads,
  auditRecords,
  defaultSettings,
  EngineSession,
  parseCsv,
  scoreWeightsAt,
  scoreWeightsPruned,
  weightGrid,
  type Book,
  type Settings,
} from '../../src/engine/index.js';
import { emptyLoads, placeLocks, runSegment, segmentContext, unplaced, type SegmentLoads } from '../../src/engine/allocate.js';
import { wasmKernelAvailable } from '../../src/engine/kernel-wasm.js';
import { builtWasmHash, wasmInputsHash } from '../../scripts/build-wasm.mjs';
import { generatedBook } from '../helpers/books.js';
import { mulberry32, randomBook, variants } from '../helpers/random-v2-book.js';
import { centBook, generated, read, settingsOf } from '../helpers/v2-corpus.js';

interface Seen {
  segments: number;
  steps: number;
  /** Segment runs in which some rep reached its cap and left the candidate set. */
  capped: number;
  /** Segment runs whose list skips positions an effective lock placed. */
  locked: number;
  /** Runs split into consecutive parts on the same loads. */
  chunked: number;
  /** Steps won by a rep with a geo or preserve bonus for that account. */
  bonusWins: number;
}
const fresh = (): Seen => ({ segments: 0, steps: 0, capped: 0, locked: 0, chunked: 0, bonusWins: 0 });

const copy = (l: SegmentLoads): SegmentLoads => ({ arr: l.arr.slice(), accounts: l.accounts.slice(), riskArr: l.riskArr.slice() });
const bits = (l: SegmentLoads) => [...l.arr, ...l.accounts, ...l.riskArr].map((x) => (Object.is(x, -0) ? '-0' : String(x))).join(',');

/** Both kernels on every segment of one book and settings, whole and in `parts` consecutive parts. */
function expectSameSteps(book: Book, settings: Settings, label: string, seen: Seen, parts = 1): void {
  const session = new EngineSession(book);
  const wasm = session.fastKernel();
  expect(wasm, 'the WebAssembly kernel runs in Node').not.toBeNull();
  const prep = session.prepared(settings.threshold, settings.riskCutoff);
  for (const s of [0, 1] as const) {
    const ctx = segmentContext(prep[s], settings);
    const k = ctx.reps.length, m = ctx.accounts.length;
    if (k === 0 || m === 0) continue;
    const start = emptyLoads(k);
    const placed = new Int32Array(m).fill(-1);
    placeLocks(ctx, start, placed);
    const todo = ctx.lockCount > 0 ? unplaced(placed) : null;
    const n = todo ? todo.length : m;
    const ts = { loads: copy(start), local: placed.slice() };
    const wa = { loads: copy(start), local: placed.slice() };
    const list = todo ?? Int32Array.from({ length: m }, (_, j) => j);
    let tsTaken = 0, waTaken = 0;
    for (let p = 0; p < parts; p++) {
      const from = Math.floor((n * p) / parts), to = Math.floor((n * (p + 1)) / parts);
      tsTaken += runSegment(ctx, settings, ts.loads, { assigned: null, steps: null, stepOffset: 0, stepReps: null, local: ts.local }, list.subarray(from, to));
      waTaken += wasm!.run(ctx, settings, wa.loads, todo, from, to, wa.local);
      expect(bits(wa.loads), `${label}, segment ${s}, after part ${p + 1} of ${parts}: loads`).toBe(bits(ts.loads));
    }
    expect(waTaken, `${label}, segment ${s}: steps`).toBe(tsTaken);
    expect(Array.from(wa.local), `${label}, segment ${s}: rep per position`).toEqual(Array.from(ts.local));
    seen.segments++;
    seen.steps += tsTaken;
    if (ts.loads.accounts.some((c, i) => c >= ctx.cap[i]!)) seen.capped++;
    if (todo) seen.locked++;
    if (parts > 1) seen.chunked++;
    for (const j of list) {
      const rep = ts.local[j]!;
      if (rep < 0) continue;
      const geo = settings.geoBonus > 0 && ctx.location[j]! >= 0 && ctx.repLocation[rep] === ctx.location[j];
      const preserve = settings.preserveBonus > 0 && ctx.originalLocal[j] === rep;
      if (geo || preserve) seen.bonusWins++;
    }
  }
}

describe('the WebAssembly kernel decides every step as the TypeScript kernel', () => {
  it('compiles here, from the generated module the setup built from the current assembly/kernel.ts', () => {
    expect(builtWasmHash()).toBe(wasmInputsHash());
    expect(wasmKernelAvailable()).toBe(true);
    expect(new EngineSession(generatedBook(50, 4, 1)).fastKernel()).not.toBeNull();
    // Switched off: the TypeScript kernel, the reference.
    expect(new EngineSession(generatedBook(50, 4, 1), { wasm: false }).fastKernel()).toBeNull();
  });

  for (const [label, o] of variants) {
    it(`150 small random ${label} books, whole and in three parts`, () => {
      const seen = fresh();
      for (let c = 0; c < 150; c++) {
        const seed = 91_000 + 1000 * variants.findIndex((v) => v[0] === label) + c;
        const { repsText, accountsText, opts } = randomBook(seed, o);
        const book = read(parseCsv(repsText), parseCsv(accountsText));
        // Rebalance starts from the current books; the loads-only greedy is Optimize's fresh one.
        const settings = { ...settingsOf(book, opts), mode: 'fresh' as const, refine: false };
        expectSameSteps(book, settings, `seed ${seed}`, seen, 1);
        expectSameSteps(book, settings, `seed ${seed}`, seen, 3);
      }
      expect(seen.steps).toBeGreaterThan(1000);
      expect(seen.chunked).toBeGreaterThan(100);
      if (o.bonuses) expect(seen.bonusWins).toBeGreaterThan(100);
      if (o.locks) expect(seen.locked).toBeGreaterThan(20);
      if (o.caps) expect(seen.capped).toBeGreaterThan(20);
    });
  }

  it('100 random books with cent ARRs, random weights, bonuses, locks and caps', () => {
    const seen = fresh();
    for (let c = 0; c < 100; c++) {
      const { book, settings } = centBook(93_000 + c);
      expectSameSteps(book, { ...settings, mode: 'fresh', refine: false }, `cent book ${93_000 + c}`, seen, 1 + (c % 4));
    }
    expect(seen.capped).toBeGreaterThan(10);
    expect(seen.locked).toBeGreaterThan(10);
    expect(seen.bonusWins).toBeGreaterThan(1000);
  });

  it('200 books of near-tied scores: ARRs a few 1e-10 apart, where only the tie tolerance ties them', () => {
    const seen = fresh();
    let toleranceTies = 0;
    const r = mulberry32(4242);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let c = 0; c < 200; c++) {
      const k = 2 + Math.floor(r() * 4);
      const reps = [['Rep_Name', 'Segment', 'Location'], ...Array.from({ length: k }, (_, i) => [`Rep ${i}`, 'Enterprise', pick(['CA', 'NY', ''])])];
      const accounts: (string | number)[][] = [['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score']];
      const n = 4 + Math.floor(r() * 20);
      for (let i = 0; i < n; i++) {
        const base = pick([10, 100, 105.25, 210.5]);
        accounts.push([`A${i}`, `Acct ${i}`, pick(['', 'Rep 0', 'Rep 1']), base - Math.floor(r() * 4) * 1.1e-10 * base, 5000, pick(['CA', 'NY', '']), pick([0, 0.9])]);
      }
      const book = read(reps, accounts);
      const settings: Settings = {
        ...defaultSettings(book), threshold: 1000, refine: false, mode: 'fresh',
        weights: pick([{ arr: 100, accounts: 0, risk: 0 }, { arr: 60, accounts: 0, risk: 40 }, { arr: 50, accounts: 50, risk: 0 }]),
        geoBonus: pick([0, 0.05]), preserveBonus: pick([0, 0.05]),
      };
      expectSameSteps(book, settings, `near-tie book ${c}`, seen, 1 + (c % 3));
      // The literal replay names the steps a tie rule decided although the scores differ.
      for (const record of auditRecords(book, allocate(book, settings))) {
        if (!record.reasonCode.startsWith('tie')) continue;
        const tied = record.candidates.filter((x) => x.score - record.winnerScore! <= 1e-9 * record.winnerScore!);
        if (new Set(tied.map((x) => x.score)).size > 1) toleranceTies++;
      }
    }
    expect(toleranceTies).toBeGreaterThan(20);
  });

  it('generated books at the corners and inside the weight grid, with and without risk, caps and locks', () => {
    const seen = fresh();
    const books: [string, Book][] = [
      ['2,000 / 24', generatedBook(2000, 24, 3)],
      ['3,000 / 30 with 5 % locked', generated(3000, 30, 4, 0.05)],
    ];
    const r = mulberry32(17);
    for (const [label, book] of books) {
      const grid = weightGrid(book.riskEnabled);
      const corners = grid.filter((w) => w.arr === 100 || w.accounts === 100 || w.risk === 100 || (w.arr === 0 && w.accounts === 50));
      const inside = Array.from({ length: 12 }, () => grid[Math.floor(r() * grid.length)]!);
      for (const weights of [...corners, ...inside]) {
        const settings = { ...defaultSettings(book), weights, refine: false };
        expectSameSteps(book, settings, `${label} ${JSON.stringify(weights)}`, seen, 1);
        expectSameSteps(book, { ...settings, geoBonus: 0, preserveBonus: 0, riskCutoff: 101 }, `${label} ${JSON.stringify(weights)}, no bonus, no high risk`, seen, 7);
        expectSameSteps(book, { ...settings, maxAccounts: { Enterprise: 40, 'Mid-Market': 110 } }, `${label} ${JSON.stringify(weights)}, caps`, seen, 2);
      }
    }
    expect(seen.steps).toBeGreaterThan(100_000);
    expect(seen.capped).toBeGreaterThan(10);
    expect(seen.locked).toBeGreaterThan(10);
  });
});

describe('the engine gives the same values on either kernel', () => {
  it('a WebAssembly kernel whose memory cannot grow hands the run, and the session, to the TypeScript kernel', () => {
    const book = generatedBook(400, 8, 2);
    const settings = { ...defaultSettings(book), refine: false };
    const session = new EngineSession(book);
    const kernel = session.fastKernel()!;
    let asked = 0;
    kernel.run = () => {
      asked++;
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
    const a = allocateLoads(book, settings, session), b = allocateLoads(book, settings, new EngineSession(book, { wasm: false }));
    for (const s of [0, 1] as const) expect(bits(a.loads[s]), `segment ${s}`).toBe(bits(b.loads[s]));
    expect(asked).toBe(1);
    expect(session.fastKernel()).toBeNull();
  });

  const exact = (values: readonly (number | null)[]) => values.map((v) => (v === null ? 'null' : String(v))).join(',');

  it('allocateLoads and the exhaustive Optimize values on a book with locks, bonuses and caps', () => {
    const book = generated(800, 14, 9, 0.04);
    const settings = { ...defaultSettings(book), refine: false, maxAccounts: { Enterprise: null, 'Mid-Market': 70 } };
    const onWasm = new EngineSession(book), onTs = new EngineSession(book, { wasm: false });
    const a = allocateLoads(book, settings, onWasm), b = allocateLoads(book, settings, onTs);
    for (const s of [0, 1] as const) expect(bits(a.loads[s]), `segment ${s}`).toBe(bits(b.loads[s]));
    const grid = weightGrid(book.riskEnabled);
    const every = grid.map((_, i) => i).filter((i) => i % 5 === 0);
    expect(exact(scoreWeightsAt(book, settings, grid, every, onWasm))).toBe(exact(scoreWeightsAt(book, settings, grid, every, onTs)));
  });

  it('the pruned Optimize stops the same runs and keeps the same values', () => {
    const book = generatedBook(1500, 20, 6);
    const settings = { ...defaultSettings(book), refine: false };
    const grid = weightGrid(book.riskEnabled);
    const every = grid.map((_, i) => i).filter((i) => i % 3 === 0);
    const a = scoreWeightsPruned(book, settings, grid, every, new EngineSession(book));
    const b = scoreWeightsPruned(book, settings, grid, every, new EngineSession(book, { wasm: false }));
    expect(exact(a)).toBe(exact(b));
    // Some runs were stopped and some finished: both paths were compared.
    expect(a.filter((v) => v === null).length).toBeGreaterThan(10);
    expect(a.filter((v) => v !== null).length).toBeGreaterThan(10);
  });
});
