/**
 * The long fuzz run behind docs/RELIABILITY.md: the properties of test/reliability/read-fuzz.test.ts
 * and csv-fuzz.test.ts over many more generated inputs than CI can afford.
 *
 *   npm run fuzz:long                                   # 100,000 books (200,000 sheets) + 100,000 CSV texts
 *   npm run fuzz:long -- --books 20000 --seed 42        # a shorter run from a chosen seed
 *   npm run fuzz:long -- --seed 42 --path 3:1:0 --books 1   # replay one failure (seed and path as printed)
 *
 * Each book is two hostile sheets read by `readBook`, read again after a CSV round trip, and, when
 * valid, run through evaluate, audit, CSV export, sensitivity and the JSON report. Exit code 1 on
 * any failure; the seed and path printed with it reproduce the failing input exactly.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { parseCsv, readBook, type SheetInput } from '../src/engine/index.js';
import { checkReadResult, readChecked, runPipeline } from '../test/reliability/checks.js';
import { cellAsCsvText, csvChar, hostileBook, settingsDraw, settingsFromDraw, writeCsv, type SettingsDraw } from '../test/reliability/hostile.js';

const { values } = parseArgs({
  options: {
    books: { type: 'string', default: '100000' },
    csv: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    batch: { type: 'string', default: '5000' },
  },
});
const totalBooks = Number(values.books), totalCsv = Number(values.csv), batch = Number(values.batch);
const baseSeed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
if (![totalBooks, totalCsv, batch, baseSeed].every(Number.isInteger)) {
  console.error('Usage: npm run fuzz:long -- [--books N] [--csv N] [--seed S] [--path P] [--batch N]');
  process.exit(1);
}

const stats = {
  books: 0, sheets: 0, valid: 0, invalid: 0, errors: 0, accounts: 0, csvBooks: 0, csvValid: 0,
  errorCodes: new Map<string, number>(), csvTexts: 0,
};
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function viaCsv(s: SheetInput): SheetInput {
  return { name: s.name, firstRow: 1, rows: parseCsv(writeCsv(s.rows.map((r) => Array.from(r, cellAsCsvText)))) };
}

/** One book: every check of the CI properties; throws with the violations. */
function checkBook(reps: SheetInput, accounts: SheetInput, draw: SettingsDraw, viaCsvToo: boolean) {
  const { result, violations } = readChecked(reps, accounts);
  stats.books++;
  stats.sheets += 2;
  if (result.ok) {
    stats.valid++;
    stats.accounts += result.book.accounts.count;
    const outcome = runPipeline(result.book, result.warnings, settingsFromDraw(result.book, draw));
    violations.push(...outcome.violations);
  } else {
    stats.invalid++;
    stats.errors += result.errors.length;
    for (const code of new Set(result.errors.map((e) => e.code))) bump(stats.errorCodes, code);
  }
  if (viaCsvToo) {
    const r = viaCsv(reps), a = viaCsv(accounts);
    const csvResult = readBook(r, a);
    violations.push(...checkReadResult(r, a, csvResult).map((v) => `via CSV: ${v}`));
    stats.csvBooks++;
    stats.sheets += 2;
    if (csvResult.ok) {
      stats.csvValid++;
      violations.push(...runPipeline(csvResult.book, csvResult.warnings).violations.map((v) => `via CSV: ${v}`));
    }
  }
  if (violations.length > 0) throw new Error(violations.slice(0, 20).join('\n'));
}

const started = performance.now();
let failed = false;

function report<T>(details: fc.RunDetails<T>, seed: number, what: string) {
  if (!details.failed) return;
  failed = true;
  const shown = JSON.stringify(details.counterexample, (_, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  console.error(`\nFAILURE in ${what} — seed ${seed}, path ${details.counterexamplePath}`);
  console.error(`replay: npm run fuzz:long -- --seed ${seed} --path ${details.counterexamplePath} --books ${details.numRuns} --csv 0`);
  console.error(`input: ${shown?.slice(0, 4000)}`);
  console.error(String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).slice(0, 4000));
}

// Books, in batches with their own seeds so progress shows and a failure names a short replay.
for (let done = 0, b = 0; done < totalBooks && !failed; b++) {
  const runs = Math.min(batch, totalBooks - done);
  const seed = baseSeed + b;
  const details = fc.check(
    fc.property(hostileBook, settingsDraw, ({ reps, accounts }, draw) => checkBook(reps.sheet, accounts.sheet, draw, stats.books % 3 === 0)),
    { numRuns: runs, seed, ...(values.path ? { path: values.path } : {}) },
  );
  report(details, seed, 'books');
  done += runs;
  const s = (performance.now() - started) / 1000;
  process.stdout.write(`\r${stats.books.toLocaleString('en-US')} books (${stats.sheets.toLocaleString('en-US')} sheets) in ${s.toFixed(0)} s`);
}

// CSV texts: the reader never throws and is a fixed point after one pass.
const csvSeed = baseSeed + 1_000_000;
if (!failed && totalCsv > 0) {
  const text = fc.oneof(fc.string({ unit: csvChar, maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));
  const details = fc.check(
    fc.property(text, (t) => {
      stats.csvTexts++;
      const once = parseCsv(t);
      const twice = parseCsv(writeCsv(once));
      if (JSON.stringify(once) !== JSON.stringify(twice)) throw new Error(`not a fixed point: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
    }),
    { numRuns: totalCsv, seed: csvSeed },
  );
  report(details, csvSeed, 'CSV texts');
}

const seconds = (performance.now() - started) / 1000;
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`).join(', ') || 'none';
console.log(`\n
fuzz:long ${failed ? 'FAILED' : 'passed'} — seed ${baseSeed}, ${seconds.toFixed(1)} s, ${process.resourceUsage().maxRSS >> 10} MB peak RSS
  books:       ${stats.books.toLocaleString('en-US')} (${stats.sheets.toLocaleString('en-US')} sheets read, ${stats.csvBooks.toLocaleString('en-US')} books also via CSV)
  valid:       ${stats.valid.toLocaleString('en-US')} direct (${stats.accounts.toLocaleString('en-US')} accounts through the whole pipeline), ${stats.csvValid.toLocaleString('en-US')} via CSV
  rejected:    ${stats.invalid.toLocaleString('en-US')} with ${stats.errors.toLocaleString('en-US')} located errors; books per error code: ${top(stats.errorCodes)}
  CSV texts:   ${stats.csvTexts.toLocaleString('en-US')}
  rate:        ${(stats.books / seconds).toFixed(0)} books/s`);
process.exitCode = failed ? 1 : 0;
