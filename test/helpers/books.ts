/** Small helpers to build sheets and books in tests. */
import { DEFAULT_BUDGET, defaultSettings, NO_CAPS, readBook, type Book, type Cell, type Settings, type SheetInput, type Warning } from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';

export const sheet = (name: string, rows: Cell[][], firstRow = 1): SheetInput => ({ name, rows, firstRow });

export const REPS_HEADER = ['Rep_Name', 'Segment', 'Location'];
export const ACCOUNTS_HEADER = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score'];

/** Reads two sheets and fails the test loudly when they do not make a valid book. */
export function bookOf(reps: Cell[][], accounts: Cell[][]): { book: Book; warnings: readonly Warning[] } {
  const result = readBook(sheet('Reps', reps), sheet('Accounts', accounts));
  if (!result.ok) throw new Error(`expected a valid book, got errors: ${JSON.stringify(result.errors)}`);
  return { book: result.book, warnings: result.warnings };
}

/** A generated book (seeded), read through the real reader. */
export function generatedBook(accounts: number, reps: number, seed: number): Book {
  const g = generateBook({ accounts, reps, seed });
  return bookOf(g.reps, g.accounts).book;
}

export function settingsFor(book: Book, overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(book), ...overrides };
}

/** The allocation v2 settings that leave SPEC §4's greedy alone: fresh, no refinement, no caps. */
export const GREEDY_ONLY = { mode: 'fresh', refine: false, budget: DEFAULT_BUDGET, maxAccounts: NO_CAPS } as const satisfies Partial<Settings>;

/** The book's defaults with SPEC §4's greedy alone (v1 behaviour): for tests of §4 itself. */
export function greedySettingsFor(book: Book, overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(book), ...GREEDY_ONLY, ...overrides };
}
