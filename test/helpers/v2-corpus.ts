/**
 * The allocation v2 corpus two differential tests share (refinement against its frozen reference,
 * the WebAssembly kernel against the TypeScript one): books read through the real reader, the CLI's
 * settings for a random book's options, random books with cent ARRs, generated books with locks.
 */
import { defaultSettings, readBook, type Book, type Settings } from '../../src/engine/index.js';
import { parseReportArgs } from '../../src/cli/args.js';
import { settingsFrom } from '../../src/cli/main.js';
import { generateBook } from '../../src/sample/generate-book.js';
import { mulberry32, type Cell } from './random-v2-book.js';

export function read(reps: readonly (readonly unknown[])[], accounts: readonly (readonly unknown[])[]): Book {
  const result = readBook({ name: 'Reps', rows: reps as never, firstRow: 1 }, { name: 'Accounts', rows: accounts as never, firstRow: 1 });
  if (!result.ok) throw new Error(`invalid book: ${result.errors[0]?.message}`);
  return result.book;
}

/** The settings the CLI would use for a random book's options (its own flags-over-defaults), refinement on. */
export function settingsOf(book: Book, opts: Record<string, string | boolean>): Settings {
  const flags: string[] = [];
  for (const key of ['weights', 'geo', 'preserve', 'mode', 'budget', 'max-accounts']) if (typeof opts[key] === 'string') flags.push(`--${key}`, opts[key] as string);
  const parsed = parseReportArgs(['report', '--reps', 'r.csv', '--accounts', 'a.csv', ...flags]);
  if (!parsed.ok) throw new Error(parsed.reason);
  return settingsFrom(parsed.args, {}, { ...defaultSettings(book), refine: true });
}

/**
 * A random book with cent ARRs over six orders of magnitude (and runs of equal ARRs), many locations,
 * original reps, risk, optional locks; settings with random weights, bonuses, caps, mode and budget.
 */
export function centBook(seed: number): { book: Book; settings: Settings } {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const k = 2 + Math.floor(r() * 14);
  const n = 20 + Math.floor(r() * 380);
  const places = ['CA', 'NY', 'TX', 'WA', 'FL', ''];
  const names = Array.from({ length: k }, (_, i) => `Rep ${i}`);
  const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location', 'Max_Accounts']];
  names.forEach((name, i) => reps.push([name, i % 3 === 0 ? 'Enterprise' : 'Mid-Market', pick(places), r() < 0.15 ? 2 + Math.floor(r() * n / k) : '']));
  const locks = r() < 0.4;
  const accounts: Cell[][] = [['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score', 'Locked']];
  const scale = Math.pow(10, 2 + Math.floor(r() * 4));
  let last = 1000;
  for (let i = 0; i < n; i++) {
    const arr = r() < 0.15 ? last : Math.round(scale * Math.exp(3 * r()) * (r() < 0.05 ? 100 : 1) * 100) / 100;
    last = arr;
    const original = r() < 0.1 ? '' : pick(names);
    accounts.push([`A-${i}`, `Acct ${i}`, original, arr, pick([20, 300, 999, 1000, 5000]), pick(places), Math.round(r() * 100) / 100, locks && r() < 0.1 ? 'TRUE' : '']);
  }
  const book = read(reps, accounts);
  const a = Math.floor(r() * 101), b = Math.floor(r() * (101 - a));
  const bonus = () => pick([0, 0.01, 0.03, 0.05, 0.07, 0.1]);
  const settings: Settings = {
    ...defaultSettings(book),
    weights: r() < 0.3 ? defaultSettings(book).weights : { arr: a, accounts: b, risk: 100 - a - b },
    geoBonus: bonus(),
    preserveBonus: bonus(),
    mode: r() < 0.5 ? 'rebalance' : 'fresh',
    budget: pick([0, 1, 5, 10, 25, 50, 100]),
    maxAccounts: r() < 0.3 ? { Enterprise: Math.ceil(n / k), 'Mid-Market': null } : { Enterprise: null, 'Mid-Market': null },
    refine: true,
  };
  return { book, settings };
}

/** A generated book (src/sample/generate-book.ts), optionally with some accounts locked. */
export function generated(accounts: number, reps: number, seed: number, lockShare: number): Book {
  const g = generateBook({ accounts, reps, seed });
  const r = mulberry32(seed * 7919);
  const rows = lockShare > 0 ? g.accounts.map((row, i) => [...row, i === 0 ? 'Locked' : r() < lockShare ? 'yes' : '']) : g.accounts;
  return read(g.reps, rows);
}

