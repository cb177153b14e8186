/**
 * How good is refinement (SPEC §15.1)? `npm run bench:quality` (`-- --quick` for fewer books).
 *
 * 1. The avoidable gap, F above the water-filling floor, of our refinement against a plain
 *    best-improvement local search written from the spec alone (test/helpers/independent-v2.mjs),
 *    per segment, on generated books. The target: ours at most 2× the reference's.
 * 2. Tiny books solved exhaustively (every assignment of every account): how far the greedy and the
 *    refined local optimum land from the true optimum.
 * Prints a Markdown table for docs/PERFORMANCE.md; asserts nothing.
 */
import { EngineSession, allocate, defaultSettings, readBook, segmentF, type Book } from '../src/engine/index.js';
import { generateBook } from '../src/sample/generate-book.js';
import { referenceLocalSearch } from '../test/helpers/independent-v2.mjs';

const quick = process.argv.includes('--quick');
type Cell = string | number | boolean | null;
const csv = (rows: readonly (readonly Cell[])[]) =>
  rows.map((r) => r.map((c) => {
    const t = c === null ? '' : String(c);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',')).join('\r\n') + '\r\n';

function bookOf(accounts: number, reps: number, seed: number): { book: Book; repsText: string; accountsText: string } {
  const g = generateBook({ accounts, reps, seed });
  const read = readBook({ name: 'Reps', rows: g.reps, firstRow: 1 }, { name: 'Accounts', rows: g.accounts, firstRow: 1 });
  if (!read.ok) throw new Error('generated book has errors');
  return { book: read.book, repsText: csv(g.reps as Cell[][]), accountsText: csv(g.accounts as Cell[][]) };
}

const sci = (x: number) => (x === 0 ? '0' : x.toExponential(2));

function gaps() {
  const sizes: [number, number, number[]][] = quick ? [[500, 8, [1, 2]], [1000, 12, [1]]] : [[500, 8, [1, 2, 3, 4, 5]], [1000, 12, [1, 2, 3]], [2000, 24, [1]]];
  const rows: string[] = [];
  let worst = 0;
  for (const [n, k, seeds] of sizes) {
    for (const seed of seeds) {
      const { book, repsText, accountsText } = bookOf(n, k, seed);
      const settings = defaultSettings(book);
      const ours = allocate(book, settings, new EngineSession(book));
      const reference = referenceLocalSearch(repsText, accountsText, {});
      for (const s of [0, 1] as const) {
        const name = s === 0 ? 'Enterprise' : 'Mid-Market';
        const ref = reference.segments?.[name];
        const mine = ours.refinement[s];
        if (!ref || !mine) continue;
        const ourGap = mine.fFinal - ref.floorF;
        const ratio = ref.gap > 0 ? ourGap / ref.gap : ourGap <= 0 ? 1 : Infinity;
        worst = Math.max(worst, ratio);
        rows.push(`| ${n} / ${k}, seed ${seed} | ${name} | ${sci(mine.fGreedy - ref.floorF)} | ${sci(ourGap)} (${mine.moves + mine.swaps} steps) | ${sci(ref.gap)} (${ref.moves + ref.swaps} steps) | ${ratio.toFixed(2)} |`);
      }
    }
  }
  console.log('| book | segment | greedy gap | our refined gap | reference local search gap | ours / reference |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
  console.log(`\nWorst ratio: ${worst.toFixed(2)} (target ≤ 2)\n`);
}

/** Every assignment of a segment's accounts to its reps (no caps, no locks): the lowest F. */
function exhaustiveMin(book: Book, s: 0 | 1): { fMin: number; fGreedy: number; fRefined: number } | null {
  const settings = defaultSettings(book);
  const session = new EngineSession(book);
  const greedy = allocate(book, { ...settings, refine: false }, session);
  const refined = allocate(book, settings, session);
  const ctx = greedy.contexts[s];
  const k = ctx.reps.length, m = ctx.accounts.length;
  if (k < 2 || m < 2 || k ** m > 2e6) return null;
  const choice = new Int32Array(m);
  const loads = { arr: new Float64Array(k), accounts: new Float64Array(k), riskArr: new Float64Array(k) };
  let fMin = Infinity;
  for (let code = 0; code < k ** m; code++) {
    loads.arr.fill(0);
    loads.accounts.fill(0);
    loads.riskArr.fill(0);
    for (let j = 0, c = code; j < m; j++, c = Math.floor(c / k)) {
      choice[j] = c % k;
      loads.arr[choice[j]!]! += ctx.xArr[j]!;
      loads.accounts[choice[j]!]! += 1;
      loads.riskArr[choice[j]!]! += ctx.xRisk[j]!;
    }
    fMin = Math.min(fMin, segmentF(ctx, loads));
  }
  return { fMin, fGreedy: greedy.refinement[s]!.fGreedy, fRefined: refined.refinement[s]!.fFinal };
}

function tiny() {
  const rows: string[] = [];
  let atOptimum = 0, total = 0;
  for (let seed = 1; seed <= (quick ? 20 : 100); seed++) {
    const { book } = bookOf(14, 4, seed);
    for (const s of [0, 1] as const) {
      const r = exhaustiveMin(book, s);
      if (!r) continue;
      total++;
      const excess = (f: number) => f - r.fMin;
      if (excess(r.fRefined) <= 1e-12 * r.fMin) atOptimum++;
      if (rows.length < 12) rows.push(`| seed ${seed} | ${s === 0 ? 'Enterprise' : 'Mid-Market'} | ${sci(excess(r.fGreedy))} | ${sci(excess(r.fRefined))} |`);
    }
  }
  console.log('| tiny book (14 accounts, 4 reps) | segment | greedy F − optimum | refined F − optimum |');
  console.log('| --- | --- | --- | --- |');
  console.log(rows.join('\n'));
  console.log(`\nRefinement reached the exhaustive optimum on ${atOptimum} of ${total} tiny segments.\n`);
}

gaps();
tiny();
