/**
 * Optimize Weights before / after in the same run (docs/PERFORMANCE.md): this checkout's 2-worker
 * pool against a baseline checkout's, alternating, on the 10k / 60 bench book and the pane's
 * `?sample=10k` book, each as a multiple of one allocation + all metrics timed in the same rounds.
 *
 *   git archive <commit> src bench test/helpers package.json | tar -x -C /tmp/base
 *   ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   npx tsx bench/optimize-ab.ts /tmp/base [rounds]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings, readBook, type Book } from '../src/engine/index.js';
import { createOptimizePool, type OptimizePool } from '../src/cli/optimize-pool.js';
import { syntheticSheets } from '../src/taskpane/preview/synthetic.js';
import { oneAllocationMs } from '../test/helpers/unit-timing.js';
import { benchBook } from './books.js';

const baseline = process.argv[2];
const rounds = Number(process.argv[3] ?? 3);
if (!baseline) throw new Error('usage: npx tsx bench/optimize-ab.ts BASELINE_DIR [rounds]');
const base = (await import(pathToFileURL(path.resolve(baseline, 'src/cli/optimize-pool.ts')).href)) as { createOptimizePool: (threads: number) => OptimizePool };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;


const synthetic = (() => {
  const { reps, accounts } = syntheticSheets({ accounts: 10_000, reps: 60 });
  const read = readBook(reps, accounts);
  if (!read.ok) throw new Error('synthetic book');
  return read.book;
})();
const books: [string, Book][] = [['bench 10k / 60 (seed 1)', benchBook(10_000, 60, 1).book], ['pane ?sample=10k (10k / 60)', synthetic]];
const pools: [string, OptimizePool][] = [['before', base.createOptimizePool(2)], ['after', createOptimizePool(2)]];
for (const [label, book] of books) {
  const settings = { ...defaultSettings(book), refine: false };
  for (const [, pool] of pools) await pool.run(book, settings); // warm-up
  const times: Record<string, number[]> = { before: [], after: [] };
  // CPU time of the whole process (every thread): the work done, whatever else the machine runs.
  const cpu: Record<string, number[]> = { before: [], after: [] };
  const units: number[] = [];
  for (let r = 0; r < rounds; r++) {
    units.push(oneAllocationMs(book));
    const answers: string[] = [];
    for (const [name, pool] of r % 2 === 0 ? pools : [...pools].reverse()) {
      const t = performance.now();
      const c = process.cpuUsage();
      const result = await pool.run(book, settings);
      times[name]!.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[name]!.push((used.user + used.system) / 1000);
      answers.push(JSON.stringify(result));
    }
    if (answers[0] !== answers[1]) throw new Error(`before and after disagree on ${label}: ${answers.join(' vs ')}`);
    units.push(oneAllocationMs(book));
  }
  const unit = median(units);
  const line = (name: string) =>
    `${name} ${(median(times[name]!) / 1000).toFixed(2)} s wall = ${(median(times[name]!) / unit).toFixed(0)}× (runs ${times[name]!.map((t) => (t / 1000).toFixed(2)).join(', ')}), ` +
    `${(median(cpu[name]!) / 1000).toFixed(2)} s CPU = ${(median(cpu[name]!) / 2 / unit).toFixed(0)}× per core`;
  console.log(`${label}: one allocation + metrics ${unit.toFixed(2)} ms (median of ${units.length}×41); Optimize 2 workers: ${line('before')}; ${line('after')}; same result`);
}
for (const [, pool] of pools) await pool.close();
