/** Seeded reference books for the benchmarks, read through the real reader. */
import { readBook, type Book } from '../src/engine/index.js';
import { generateBook } from '../src/sample/generate-book.js';

export interface BenchBook {
  readonly label: string;
  readonly book: Book;
  readonly sheets: { reps: unknown[][]; accounts: unknown[][] };
}

export function benchBook(accounts: number, reps: number, seed: number): BenchBook {
  const g = generateBook({ accounts, reps, seed });
  const result = readBook({ name: 'Reps', rows: g.reps, firstRow: 1 }, { name: 'Accounts', rows: g.accounts, firstRow: 1 });
  if (!result.ok) throw new Error(`generated book ${accounts}/${reps} is invalid: ${result.errors[0]?.message}`);
  return { label: `${accounts >= 1e6 ? `${accounts / 1e6}M` : `${accounts / 1e3}k`} / ${reps}`, book: result.book, sheets: g };
}
