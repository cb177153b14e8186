/**
 * A seeded synthetic book for preview mode's `?sample=10k` option and the pane's browser
 * tests: log-normal ARR and employee counts, a few orphan and unassigned accounts, risk.
 * Same seed → same sheets, in the browser and in Node.
 */
import type { Cell, SheetInput } from '../../engine/index.js';
import { seededRandom } from '../../sample/generate-book.js';

const LOCATIONS = ['CA', 'NY', 'TX', 'WA', 'IL', 'MA', 'FL', 'GA', 'CO', 'OR'];
const FIRST = ['Ada', 'Ben', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lea', 'Max', 'Nia', 'Oli', 'Pia', 'Quin', 'Rae', 'Sam', 'Tess'];
const LAST = ['Stone', 'Park', 'Reyes', 'Cole', 'Nash', 'Ford', 'Hale', 'Ibsen', 'Jung', 'Khan'];
const WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Wonka'];
const KINDS = ['Labs', 'Systems', 'Holdings', 'Health', 'Logistics', 'Foods', 'Energy', 'Bank', 'Retail', 'Media'];

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface SyntheticOptions {
  readonly accounts: number;
  readonly reps: number;
  readonly seed?: number;
}

/** Reps and Accounts sheets (headers in row 1) for a synthetic book. */
export function syntheticSheets({ accounts, reps, seed = 7 }: SyntheticOptions): { reps: SheetInput; accounts: SheetInput } {
  const rand = seededRandom(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const repRows: Cell[][] = [['Rep_Name', 'Segment', 'Location']];
  const names: string[] = [];
  for (let i = 0; i < reps; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    names.push(name);
    repRows.push([name, i % 3 === 0 ? 'Enterprise' : 'Mid-Market', LOCATIONS[i % LOCATIONS.length]!]);
  }
  const accountRows: Cell[][] = [['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score']];
  for (let a = 0; a < accounts; a++) {
    const roll = rand();
    const originalRep = roll < 0.04 ? '' : roll < 0.06 ? 'Former Rep' : pick(names);
    const arr = Math.round(Math.exp(11 + normal(rand)) / 100) * 100;
    const employees = Math.max(1, Math.round(Math.exp(6 + 1.3 * normal(rand))));
    accountRows.push([
      `A-${String(a + 1).padStart(6, '0')}`,
      `${pick(WORDS)} ${pick(KINDS)} ${a + 1}`,
      originalRep,
      arr,
      employees,
      pick(LOCATIONS),
      Math.round(rand() * 100) / 100,
    ]);
  }
  return {
    reps: { name: 'Reps', rows: repRows, firstRow: 1 },
    accounts: { name: 'Accounts', rows: accountRows, firstRow: 1 },
  };
}

/** `?sample=10k` → 10000; `?sample=2500` → 2500; anything else → null (the built-in sample). */
export function syntheticSize(search: string): number | null {
  const value = new URLSearchParams(search).get('sample');
  const m = value?.trim().toLowerCase().match(/^(\d+(?:\.\d+)?)(k|m)?$/);
  if (!m) return null;
  const n = Math.round(Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'm' ? 1e6 : 1));
  return n >= 1 && n <= 1_000_000 ? n : null;
}
