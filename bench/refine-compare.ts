/**
 * Refinement speed against the frozen previous search (test/helpers/refine-reference.ts, the refine of
 * main before this work), in one process so both see the same machine load:
 * `npx tsx bench/refine-compare.ts [--big] [--repeats N]`.
 * Rows: the greedy + all metrics (evaluate, refine off), and per workload the refinement alone from the
 * same greedy state (reference vs product, interleaved) and evaluate with refinement (product), with
 * the ratio to the greedy. Checks that both searches return the same records (or says they differ).
 */
import { allocate, defaultSettings, evaluate, EngineSession, moveBudget, refineSegment, type Book, type Settings } from '../src/engine/index.js';
import { refineSegment as referenceRefineSegment } from '../test/helpers/refine-reference.js';
import { benchBook } from './books.js';

const argv = process.argv.slice(2);
const big = argv.includes('--big');
const repeats = Number(argv[argv.indexOf('--repeats') + 1] ?? 3) || 3;

function refineAll(book: Book, settings: Settings, session: EngineSession, refine: typeof refineSegment) {
  const greedy = allocate(book, { ...settings, refine: false }, session);
  const jobs = [0, 1].map((s) => {
    const ctx = greedy.contexts[s as 0 | 1];
    const k = ctx.reps.length, m = ctx.accounts.length;
    const localOf = new Map<number, number>();
    ctx.reps.forEach((g, i) => localOf.set(g, i));
    const local = new Int32Array(m), locked = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const g = greedy.assigned[ctx.accounts[j]!]!;
      local[j] = g < 0 ? -1 : localOf.get(g)!;
      locked[j] = ctx.lockLocal[j]! >= 0 ? 1 : 0;
    }
    const l = greedy.loads[s as 0 | 1];
    return { ctx, k, m, local, locked, loads: { arr: l.arr.slice(), accounts: l.accounts.slice(), riskArr: l.riskArr.slice() } };
  });
  const rebalance = settings.mode === 'rebalance';
  const live = jobs.filter((j) => j.k > 0);
  const starts = live.map((j) => (rebalance ? j.local.slice() : null));
  const c = process.cpuUsage(), t = performance.now();
  const results = live.map((j, i) => refine(j.ctx, settings, j.loads, j.local, j.locked, starts[i] ?? null, rebalance ? moveBudget(settings.budget, j.m) : null));
  const ms = performance.now() - t, used = process.cpuUsage(c);
  return { ms, cpu: (used.user + used.system) / 1000, text: JSON.stringify(results), steps: results.reduce((n, r) => n + r.moves + r.swaps, 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

const books = big ? [benchBook(100_000, 200, 2)] : [benchBook(10_000, 60, 1)];
for (const { label, book } of books) {
  const session = new EngineSession(book);
  const base = { ...defaultSettings(book), refine: false };
  const greedyMs: number[] = [], greedyCpu: number[] = [];
  for (let i = 0; i < (big ? 9 : 41); i++) {
    const c = process.cpuUsage(), t = performance.now();
    if (big) allocate(book, base, session);
    else evaluate(book, base, session);
    greedyMs.push(performance.now() - t);
    const used = process.cpuUsage(c);
    greedyCpu.push((used.user + used.system) / 1000);
  }
  const g = median(greedyMs);
  console.log(`${label}: greedy${big ? '' : ' + all metrics'} ${fmt(g)}, CPU ${fmt(median(greedyCpu))} (median of ${greedyMs.length})`);
  const workloads: [string, Settings][] = big ? [['fresh', { ...base, refine: true }]] : [['fresh', { ...base, refine: true }], ['rebalance 10 %', { ...base, refine: true, mode: 'rebalance', budget: 10 }]];
  for (const [name, settings] of workloads) {
    const ref: number[] = [], ours: number[] = [], full: number[] = [], refCpu: number[] = [], oursCpu: number[] = [];
    let same = true, steps = 0;
    if (!big) {
      // Warm-up: both searches and the product path compiled before timing.
      refineAll(book, settings, session, referenceRefineSegment);
      refineAll(book, settings, session, refineSegment);
      evaluate(book, settings, session);
    }
    for (let i = 0; i < repeats; i++) {
      const a = refineAll(book, settings, session, referenceRefineSegment);
      const b = refineAll(book, settings, session, refineSegment);
      ref.push(a.ms);
      ours.push(b.ms);
      refCpu.push(a.cpu);
      oursCpu.push(b.cpu);
      same &&= a.text === b.text;
      steps = b.steps;
      if (!big) {
        const t = performance.now();
        evaluate(book, settings, session);
        full.push(performance.now() - t);
      }
    }
    const r = median(ref), o = median(ours);
    console.log(
      `  ${name}: refinement alone — reference ${fmt(r)} [${ref.map(fmt).join(', ')}], ours ${fmt(o)} [${ours.map(fmt).join(', ')}] → ${(r / o).toFixed(2)}× faster; ` +
        `CPU: reference ${fmt(median(refCpu))}, ours ${fmt(median(oursCpu))} → ${(median(refCpu) / median(oursCpu)).toFixed(2)}×; ` +
        `${steps} steps, records ${same ? 'identical' : 'DIFFER'}` +
        (big ? `; greedy + refinement ≈ ${fmt(g + o)} (reference ≈ ${fmt(g + r)})` : `; evaluate with refinement ${fmt(median(full))} = ${(median(full) / g).toFixed(0)}× the greedy (reference ≈ ${((median(full) - o + r) / g).toFixed(0)}×)`),
    );
  }
}
