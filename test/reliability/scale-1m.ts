/**
 * Scale check (not a CI test: ~1 minute, ~2 GB): an Accounts sheet at Excel's row limit through the
 * engine as the pane would run it — the 2-D array `Range.values` hands over, then readBook,
 * evaluate, the JSON report and the CSV export — with wall time per stage and peak RSS.
 *
 *   npx tsx test/reliability/scale-1m.ts                       # 1,048,575 accounts, 200 reps, seed 1
 *   npx tsx test/reliability/scale-1m.ts --accounts 100000     # any size
 *
 * Figures from this machine are in docs/RELIABILITY.md.
 */
import { parseArgs } from 'node:util';
import { buildReport, defaultSettings, evaluate, exportCsv, readBook } from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';

const { values } = parseArgs({
  options: { accounts: { type: 'string', default: '1048575' }, reps: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' } },
});
const accounts = Number(values.accounts), reps = Number(values.reps), seed = Number(values.seed);

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rows: string[] = [];
function stage<T>(name: string, run: () => T, size?: (t: T) => string): T {
  const t0 = performance.now();
  const result = run();
  const ms = performance.now() - t0;
  const line = `${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   heap ${mb(process.memoryUsage().heapUsed).padStart(8)}   peak RSS ${mb(process.resourceUsage().maxRSS * 1024).padStart(8)}${size ? `   ${size(result)}` : ''}`;
  rows.push(line);
  console.log(line);
  return result;
}

console.log(`Scale: ${accounts.toLocaleString('en-US')} accounts, ${reps} reps, seed ${seed}; Node ${process.version}\n`);
const g = stage('generate the sheets (not engine)', () => generateBook({ accounts, reps, seed }), (b) => `${b.accounts.length.toLocaleString('en-US')} rows`);
const read = stage('readBook', () => readBook({ name: 'Reps', rows: g.reps, firstRow: 1 }, { name: 'Accounts', rows: g.accounts, firstRow: 1 }));
if (!read.ok) throw new Error(`unexpected input errors: ${JSON.stringify(read.errors.slice(0, 3))}`);
const { book } = read;
const settings = defaultSettings(book);
const ev = stage('evaluate (first run)', () => evaluate(book, settings));
stage('evaluate (weights 50/25/25)', () => evaluate(book, { ...settings, weights: { arr: 50, accounts: 25, risk: 25 } }));
const report = stage('buildReport', () => buildReport(book, ev, read.warnings));
stage('JSON.stringify(report, null, 2)', () => JSON.stringify(report, null, 2), (t) => `${mb(t.length)} of JSON`);
stage('exportCsv', () => exportCsv(book, ev.allocation), (t) => `${mb(t.length)} of CSV`);
console.log(`\npeak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; heap limit ${mb((await import('node:v8')).getHeapStatistics().heap_size_limit)}`);
