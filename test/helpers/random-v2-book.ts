/**
 * Seeded random books for the allocation v2 cross-checks (locks, caps, bonuses, rebalance), as two CSV
 * texts plus CLI options by name. Shared by the independent reading's self-tests and the product's
 * cross-check, so both see the same books.
 */
// ---------------------------------------------------------------------------
// Seeded random books (own generator: mulberry32)
// ---------------------------------------------------------------------------

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Cell = string | number | null;
export const csv = (rows: Cell[][]) =>
  rows.map((row) => row.map((c) => {
    const t = c === null ? '' : String(c);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',')).join('\r\n') + '\r\n';

export interface BookOptions {
  bonuses: boolean;
  locks: boolean;
  caps: boolean;
  mode: 'fresh' | 'rebalance';
}

/** A small random book: 2–6 reps, 4–28 accounts, integer ARRs (ties included), optional locks and caps. */
export function randomBook(seed: number, o: BookOptions) {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const locations = ['CA', 'ca', 'NY', 'TX', ''];
  const nReps = 2 + Math.floor(r() * 5);
  const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location', ...(o.caps ? ['Max_Accounts'] : [])]];
  const names: string[] = [];
  for (let i = 0; i < nReps; i++) {
    const name = ['Ann', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay'][i]!;
    names.push(name);
    // at least one rep per segment most of the time
    const seg = i === 0 ? 'E' : i === 1 ? 'MM' : pick(['E', 'MM']);
    reps.push([name, seg, pick(locations), ...(o.caps ? [r() < 0.4 ? 1 + Math.floor(r() * 4) : ''] : [])]);
  }
  const hasRisk = r() < 0.7;
  const header: Cell[] = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'];
  if (hasRisk) header.push('Risk_Score');
  if (o.locks) header.push('Locked', 'Locked_Rep');
  const accounts: Cell[][] = [header];
  const nAcc = 4 + Math.floor(r() * 25);
  for (let i = 0; i < nAcc; i++) {
    const arr = r() < 0.3 ? pick([0, 100, 100, 200, 500, 1000]) : Math.round(Math.exp(6 + 4 * r()));
    const original = r() < 0.1 ? '' : r() < 0.1 ? 'Gone Rep' : pick(names);
    const row: Cell[] = [`A-${i}`, `Acct ${i}`, original, arr, pick([5, 50, 500, 999, 1000, 2500, 12000]), pick(locations)];
    if (hasRisk) row.push(Math.round(r() * 100) / 100);
    if (o.locks) {
      row.push(r() < 0.2 ? pick(['TRUE', 'yes', 'x', '1', 'Y']) : pick(['', '', 'FALSE', 'no', '0']));
      row.push(r() < 0.12 ? pick(names).toLowerCase() : '');
    }
    accounts.push(row);
  }
  const opts: Record<string, string | boolean> = { noOptimize: true, noSensitivity: true, mode: o.mode };
  if (r() < 0.6) {
    const a = Math.floor(r() * 101);
    const b = Math.floor(r() * (101 - a));
    opts.weights = hasRisk ? `${a},${b},${100 - a - b}` : `${a},${100 - a},0`;
  }
  opts.geo = o.bonuses ? pick(['0.03', '0.07', '0.1']) : '0';
  opts.preserve = o.bonuses ? pick(['0.02', '0.05', '0.1']) : '0';
  if (o.caps && r() < 0.5) opts['max-accounts'] = `${pick(['-', '2', '3', '5'])},${pick(['-', '2', '4', '6'])}`;
  if (o.mode === 'rebalance') opts.budget = String(pick([0, 10, 25, 50, 100]));
  return { repsText: csv(reps), accountsText: csv(accounts), opts };
}

export const variants: [string, BookOptions][] = [
  ['plain', { bonuses: false, locks: false, caps: false, mode: 'fresh' }],
  ['bonuses', { bonuses: true, locks: false, caps: false, mode: 'fresh' }],
  ['locks+caps', { bonuses: true, locks: true, caps: true, mode: 'fresh' }],
  ['rebalance', { bonuses: true, locks: false, caps: false, mode: 'rebalance' }],
  ['rebalance+locks+caps', { bonuses: true, locks: true, caps: true, mode: 'rebalance' }],
];
