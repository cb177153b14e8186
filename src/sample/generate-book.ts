/**
 * Seeded generator of realistic territory books: log-normal ARR, heavy-tailed employee counts,
 * US-state locations with some blanks, risk scores, original reps including departed ones and
 * new hires. Pure (no I/O): the CLI script, the benchmarks, the tests and the pane share it.
 */

export interface GenerateOptions {
  readonly accounts: number;
  readonly reps: number;
  readonly seed: number;
}

export type GeneratedCell = string | number | null;

export interface GeneratedBook {
  readonly reps: GeneratedCell[][];
  readonly accounts: GeneratedCell[][];
}

/** mulberry32: small, fast, good enough for test data, identical on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['CA', 'TX', 'NY', 'FL', 'IL', 'WA', 'MA', 'GA', 'CO', 'NC', 'OH', 'AZ', 'PA', 'MN', 'OR', 'VA'];
// Big states carry more accounts, as in a real US book.
const STATE_WEIGHTS = [16, 12, 12, 9, 7, 7, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2];
const FIRST_NAMES = [
  'Avery', 'Blake', 'Casey', 'Devon', 'Emerson', 'Finley', 'Harper', 'Jordan', 'Kendall', 'Logan', 'Morgan', 'Parker',
  'Quinn', 'Reese', 'Riley', 'Rowan', 'Sage', 'Skyler', 'Taylor', 'Tatum', 'Alex', 'Cameron', 'Dakota', 'Elliot',
];
const LAST_NAMES = ['Chen', 'Patel', 'Garcia', 'Kim', 'Nguyen', 'Okafor', 'Rossi', 'Silva', 'Walsh', 'Yamamoto', 'Novak', 'Haddad'];
const NAME_HEADS = ['Apex', 'Blue', 'Cedar', 'Delta', 'Echo', 'Falcon', 'Granite', 'Harbor', 'Iron', 'Juniper', 'Keystone', 'Lumen', 'Maple', 'Nimbus', 'Orbit', 'Pioneer', 'Quartz', 'Ridge', 'Summit', 'Tidal', 'Union', 'Vertex', 'Willow', 'Zenith'];
const NAME_TAILS = ['Systems', 'Labs', 'Health', 'Logistics', 'Foods', 'Energy', 'Capital', 'Robotics', 'Media', 'Retail', 'Analytics', 'Bio'];
const INDUSTRIES = ['Software', 'Healthcare', 'Manufacturing', 'Retail', 'Financial Services', 'Logistics', 'Energy', 'Media'];

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps log away from 0.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function pickWeighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = random() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

function repNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
    const base = `${first} ${last}`;
    names.add(names.has(base) ? `${base} ${names.size + 1}` : base);
  }
  return [...names];
}

/** A book of `accounts` accounts and `reps` reps; same options → same book. */
export function generateBook(options: GenerateOptions): GeneratedBook {
  const random = seededRandom(options.seed);
  const repCount = Math.max(1, options.reps);
  const names = repNames(repCount, random);
  // About a third Enterprise; at least one rep in each segment when there are two or more.
  const enterprise = repCount === 1 ? 1 : Math.max(1, Math.round(repCount / 3));
  const reps: GeneratedCell[][] = [['Rep_Name', 'Segment', 'Location']];
  names.forEach((name, i) => {
    const location = random() < 0.08 ? null : pickWeighted(random, STATES, STATE_WEIGHTS);
    reps.push([name, i < enterprise ? 'Enterprise' : 'Mid-Market', location]);
  });
  // The last rep is a new hire (no accounts before); two departed reps still own accounts.
  const holders = repCount > 2 ? names.slice(0, -1) : names;
  const departed = ['Pat Former', 'Sam Leaver'];
  const enterpriseHolders = holders.filter((_, i) => i < enterprise);
  const midMarketHolders = holders.filter((_, i) => i >= enterprise);

  const accounts: GeneratedCell[][] = [
    ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score', 'Industry'],
  ];
  const width = String(options.accounts).length;
  for (let i = 0; i < options.accounts; i++) {
    const id = `A-${String(i + 1).padStart(Math.max(5, width), '0')}`;
    const name = `${NAME_HEADS[Math.floor(random() * NAME_HEADS.length)]} ${NAME_TAILS[Math.floor(random() * NAME_TAILS.length)]} ${i + 1}`;
    // Heavy-tailed headcount: median ≈ 400, long right tail, capped at 250,000.
    const logEmployees = Math.log(400) + 1.5 * normal(random);
    const employees = Math.min(250_000, Math.max(5, Math.round(Math.exp(logEmployees))));
    // Log-normal ARR (median ≈ $40K) that grows with headcount, rounded to $100.
    const arr = Math.round(Math.exp(Math.log(40_000) + 0.45 * (logEmployees - Math.log(400)) + 0.8 * normal(random)) / 100) * 100;
    const location = random() < 0.03 ? null : pickWeighted(random, STATES, STATE_WEIGHTS);
    const riskDraw = random();
    const risk = riskDraw < 0.02 ? null : Math.round(Math.pow(random(), 1.6) * 100) / 100;
    // Current books follow the segments at the usual 1,000-employee line: 85 % of accounts sit with a
    // rep of their own segment, 10 % with one of the other (a segment that changed); 3 % have no
    // owner and 5 % belong to departed reps.
    const ownerDraw = random();
    const own = employees >= 1000 ? enterpriseHolders : midMarketHolders;
    const pool = ownerDraw < 0.85 && own.length > 0 ? own : holders;
    const original =
      ownerDraw >= 0.92 ? (ownerDraw < 0.95 ? null : departed[Math.floor(random() * departed.length)]!) : pool[Math.floor(random() * pool.length)]!;
    const industry = INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!;
    accounts.push([id, name, original, arr, employees, location, risk, industry]);
  }
  return { reps, accounts };
}
