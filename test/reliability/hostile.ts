/**
 * Hostile input for the sheet reader and the CSV reader (SPEC §12): fast-check arbitraries that
 * mix plausible books with everything a real workbook or a careless export can hand over —
 * NaN, ±Infinity, -0, huge and subnormal numbers, date serials, booleans, holes, unicode with
 * right-to-left marks and combining characters, formula-like text, 5,000-character strings,
 * currency text, misspelled / duplicated / shuffled / missing headers, title rows, ragged rows.
 * Shared by the CI property tests in this folder and by `npm run fuzz:long` (scripts/fuzz-long.ts).
 */
import fc from 'fast-check';
import { defaultSettings, type Book, type Cell, type Settings, type SheetInput } from '../../src/engine/index.js';

/** Canonical column names per sheet, as errors must name them. */
export const REPS_CANONICAL = ['Rep_Name', 'Segment', 'Location', 'Max_Accounts'] as const;
export const ACCOUNTS_CANONICAL = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score', 'Locked', 'Locked_Rep'] as const;
/** Optional columns: absent in many books (allocation v2's columns, SPEC §15, and Risk_Score). */
const OPTIONAL: readonly string[] = ['Risk_Score', 'Max_Accounts', 'Locked', 'Locked_Rep'];

// ---------------------------------------------------------------------------------------------
// Cells

/** Numbers that break naive arithmetic or formatting. */
const NASTY_NUMBERS = [
  0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e308, 1e200, 1e155, 1e-160,
  1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), -1, -1e-9, 0.1 + 0.2, 1 / 3, 45_292 /* 2024-01-01 as an Excel date */, 2_958_465 /* 9999-12-31 */,
];

/** Text that looks like a formula, a number, a control sequence or an attack. */
export const NASTY_TEXT = [
  '=HYPERLINK("http://evil.example","click")', '=1+1', '=cmd|\' /C calc\'!A0', '+1-555-0100', '+SUM(A1:A2)', '-5', '-2+3', '@x',
  '@SUM(A1)', '\t=1+1', '\r=1+1', '\u22123', '\u2212', '$1,200,000', ' 850 ', '€12.50', '¥1e3', '£-5', '₹ 1,00,000', '(1,200)', '50%',
  '0x1F', '1_000', 'Infinity', '-Infinity', 'NaN', '$', '1e309', '-1e309', '1e-400', '1,2,3', '1.2.3', '١٢٣', '\u200F123', '123\u200E',
  'e\u0301\u0301\u0301', '\u202Eevil\u202C', 'שלום', 'مرحبا', 'Zoë', '東京', '👩‍👩‍👧‍👦', '\uFEFF', '\uFEFF=1', '\u00A0', '\u200B', '\uD800', '\uDC00x',
  '""', '"', ',', '\n', '\r\n', 'a\nb', 'a\r\nb', 'a,"b",c', 'TRUE', 'FALSE', 'null', 'undefined', '__proto__', 'constructor',
  'toString', 'hasOwnProperty', ' ', '  \t ', '#N/A', '#DIV/0!', '#REF!', '1/1/2024', '2024-01-01T00:00:00Z', '00123', '1e3', '.5', '5.',
  '+5', '--5', '0.0000001', '99999999999999999999999', 'E', 'mm', 'Mid Market', 'XL', 'Enterprise\u0301',
];

const nastyNumber = fc.constantFrom(...NASTY_NUMBERS);
const anyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: nastyNumber },
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 2_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_958_465 }) },
);

/** A string of exactly 5,000 characters (the length of a pasted e-mail in a cell). */
const longText = fc
  .tuple(fc.constantFrom('x', 'é', '=', ',"\n', 'e\u0301', '\u200F', '👍'), fc.constantFrom(5000, 4999))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));

export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', ' ', '=', '$', '1', '.', 'e', '-'), maxLength: 10 }) },
  { weight: 1, arbitrary: longText },
);

/** Any cell value Office.js, an .xlsx reader or a CSV reader could produce — and some it could not. */
export const hostileCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: anyNumber },
  { weight: 5, arbitrary: anyText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('') },
);

// ---------------------------------------------------------------------------------------------
// Headers

type Kind =
  | 'Rep_Name' | 'Segment' | 'Location' | 'Account_ID' | 'Account_Name' | 'Original_Rep' | 'ARR' | 'Num_Employees' | 'Risk_Score'
  | 'Max_Accounts' | 'Locked' | 'Locked_Rep' | 'extra';

interface Column {
  readonly kind: Kind;
  readonly header: Cell;
}

/** Spellings the reader must accept for a canonical header (SPEC §2: case, spaces, `_`, `-`). */
function acceptedSpelling(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    name,
    name.toLowerCase(),
    name.toUpperCase(),
    name.replace(/_/g, ' '),
    name.replace(/_/g, '-'),
    `  ${name.replace(/_/g, ' ').toLowerCase()}\t`,
    ...(name === 'Original_Rep' ? ['Current_Rep', 'current rep', 'CURRENT-REP'] : []),
  );
}

/** Near misses the reader must not accept. */
function misspelling(name: string): fc.Arbitrary<Cell> {
  return fc.constantFrom<Cell>(
    name.replace(/_/g, ''),
    name.slice(1),
    `${name}s`,
    `${name} ($)`,
    name.replace(/_/g, '.'),
    `${name}\u200B`,
    name.replace(/a/gi, 'а' /* Cyrillic a */),
    null,
  );
}

const EXTRA_HEADERS: Cell[] = ['Industry', 'Notes', '', null, 'Segment', 'Assigned_Rep', 'assigned rep', '=SUM(A1)', '📈', 1, true, 'Location '];

function columnsArb(sheet: 'reps' | 'accounts'): fc.Arbitrary<Column[]> {
  const canonical: readonly Kind[] = sheet === 'reps' ? REPS_CANONICAL : ACCOUNTS_CANONICAL;
  const pick = (name: Kind) =>
    fc.oneof(
      { weight: 80, arbitrary: acceptedSpelling(name).map((header): Column[] => [{ kind: name, header }]) },
      { weight: OPTIONAL.includes(name) ? 40 : 1, arbitrary: fc.constant<Column[]>([]) },
      { weight: 1, arbitrary: misspelling(name).map((header): Column[] => [{ kind: 'extra', header }]) },
      // A repeated header: the reader uses the first; both columns get plausible values.
      { weight: 2, arbitrary: acceptedSpelling(name).map((header): Column[] => [{ kind: name, header }, { kind: name, header: name }]) },
    );
  return fc
    .tuple(
      fc.tuple(...canonical.map(pick)),
      fc.array(fc.constantFrom(...EXTRA_HEADERS).map((header): Column => ({ kind: 'extra', header })), { maxLength: 3 }),
      fc.boolean(),
    )
    .chain(([picked, extras, shuffle]) => {
      const columns = [...picked.flat(), ...extras];
      return shuffle ? fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }) : fc.constant(columns);
    });
}

// ---------------------------------------------------------------------------------------------
// Plausible values per column (valid most of the time, hostile text where text is allowed)

const REP_POOL = ['Ann', 'Ben', 'Zoë Ålander', '=HYPERLINK("x")', '+1-555', '@rep', 'שרה', 'e\u0301mile', 'O\'Brien, Pat', 'Li "Lee"', '  Dana  ', 'ANN2', '\u202Erep', '1001'];

const segmentCell = fc.constantFrom<Cell>('Enterprise', 'Mid-Market', 'E', 'e', 'Ent', 'MM', 'mm', 'Mid Market', 'Midmarket', ' ENTERPRISE ', 'mid-market');
const locationCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Cell>('CA', 'ca ', 'NY', 'TX', 'California', '', null, 'CA\u200F', 'Zürich') },
  { weight: 1, arbitrary: anyText },
);
const amountCell = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
  { weight: 3, arbitrary: fc.double({ min: 0.01, max: 1e12, noNaN: true }) },
  { weight: 3, arbitrary: fc.constantFrom<Cell>('$1,200,000', ' 850 ', '€12.50', '1e3', '-0', 0, -0, 45_292, '0', '\u00A012', '$ 3', '1,000.5', '¥9e2', 1e-90, 2 ** 53, 1e90) },
  // Beyond what double precision computes with: the reader must reject these (out-of-range).
  { weight: 1, arbitrary: fc.constantFrom<Cell>(1e200, 1e300, Number.MAX_VALUE, 1e-300, Number.MIN_VALUE, '1e308', 1e-200) },
);
const riskCell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, '', 1.5, -0.2, '0.7', ' 1 ', 0, 1, -0, 1e9) },
);
const originalRepCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REP_POOL).map((n) => (n.length % 2 === 0 ? n.toUpperCase() : ` ${n} `)) },
  { weight: 2, arbitrary: fc.constantFrom<Cell>('', null, 'Departed Rep', 'ann') },
  { weight: 1, arbitrary: anyText },
);

const capCell = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom<Cell>(null, '', '', 0, 1, 2, 3, 5, 8, 20, '4', ' 6 ') },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(2.5, -1, '-3', 'ten', '1e2', 1e12, '5%', true) },
);
const lockedCell = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom<Cell>(null, '', true, false, 'TRUE', 'false', 'Yes', 'no', 'y', 'N', 'x', 'X', 1, 0, '1', '0', ' yes ') },
  { weight: 1, arbitrary: fc.constantFrom<Cell>('maybe', 2, 'locked', '✓', 0.5, '-') },
);
const lockedRepCell = fc.oneof(
  { weight: 90, arbitrary: fc.constantFrom<Cell>(null, '', '', '') },
  { weight: 4, arbitrary: fc.constantFrom(...REP_POOL).map((n) => (n.length % 2 === 0 ? n.toUpperCase() : ` ${n} `)) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>('Nobody', 'Departed Rep', 42) },
);

function plausibleCell(kind: Kind): fc.Arbitrary<Cell> {
  switch (kind) {
    case 'Rep_Name': return fc.constantFrom(...REP_POOL);
    case 'Segment': return segmentCell;
    case 'Location': return locationCell;
    case 'Account_ID': return fc.oneof(fc.constantFrom('A-', '', '=', '+', '١', 'ID ', '\u200F', 'x'.repeat(40)), fc.constant(0));
    case 'Account_Name': return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Acme', 'Globex, Inc.', 'Initech "Labs"') }, { weight: 2, arbitrary: anyText });
    case 'Original_Rep': return originalRepCell;
    case 'ARR': return amountCell;
    case 'Num_Employees': return amountCell;
    case 'Risk_Score': return riskCell;
    case 'Max_Accounts': return capCell;
    case 'Locked': return lockedCell;
    case 'Locked_Rep': return lockedRepCell;
    case 'extra': return hostileCell;
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets

type RowPlan =
  | { readonly type: 'clean' | 'dirty'; readonly cells: Cell[]; readonly extend: Cell[] }
  | { readonly type: 'blank' | 'raw'; readonly cells: Cell[] };

const blankRow = fc.constantFrom<Cell[]>([], [null], ['', '  '], [undefined, null, '\t'], new Array(4));

function rowArb(columns: readonly Column[]): fc.Arbitrary<RowPlan> {
  const clean = fc.tuple(...columns.map((c) => plausibleCell(c.kind)));
  const dirty = fc.tuple(...columns.map((c) => fc.oneof({ weight: 3, arbitrary: plausibleCell(c.kind) }, { weight: 1, arbitrary: hostileCell })));
  const extend = fc.oneof({ weight: 8, arbitrary: fc.constant<Cell[]>([]) }, { weight: 1, arbitrary: fc.array(hostileCell, { minLength: 1, maxLength: 3 }) });
  return fc.oneof(
    { weight: 60, arbitrary: fc.record({ type: fc.constant('clean' as const), cells: clean, extend }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('dirty' as const), cells: dirty, extend }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('blank' as const), cells: blankRow }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('raw' as const), cells: fc.array(hostileCell, { maxLength: columns.length + 2 }) }) },
  );
}

/** A generated sheet plus what went into it (printed with counterexamples). */
export interface SheetPlan {
  readonly sheet: SheetInput;
  readonly form: 'structured' | 'random' | 'empty';
}

function structuredSheet(which: 'reps' | 'accounts', name: string, maxRows: number): fc.Arbitrary<SheetPlan> {
  return columnsArb(which).chain((columns) =>
    fc
      .record({
        firstRow: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 1_048_000 }) }),
        // Title rows above the header; 10 or more push the header out of the search window.
        titles: fc.oneof(
          { weight: 12, arbitrary: fc.constant<Cell[][]>([]) },
          { weight: 4, arbitrary: fc.array(fc.array(hostileCell, { maxLength: 4 }), { minLength: 1, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.array(fc.constantFrom<Cell[]>(['Territory book FY26'], [], [null]), { minLength: 9, maxLength: 11 }) },
        ),
        rows: fc.array(rowArb(columns), { maxLength: maxRows }),
        // Usually make IDs and rep names unique (so that many books are valid); sometimes leave duplicates in.
        uniquify: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        // A header row shorter than its data (trailing headers lost) or with a hole in it.
        headerDamage: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      })
      .map(({ firstRow, titles, rows, uniquify, headerDamage }): SheetPlan => {
        const header = columns.map((c) => c.header);
        if (headerDamage === 1) header.pop();
        if (headerDamage === 2) delete header[0];
        const built: Cell[][] = [...titles.map((r) => [...r]), header];
        const seen = new Set<string>();
        rows.forEach((plan, index) => {
          const cells = [...plan.cells];
          if (plan.type === 'clean' || plan.type === 'dirty') {
            columns.forEach((c, i) => {
              const cell = cells[i];
              if (c.kind === 'Account_ID' && plan.type === 'clean') cells[i] = typeof cell === 'number' ? 1000 + index : `${String(cell)}${index}`;
              if (uniquify && (c.kind === 'Rep_Name' || c.kind === 'Account_ID') && typeof cells[i] === 'string') {
                let text = cells[i] as string;
                const key = () => (c.kind === 'Rep_Name' ? text.trim().toLowerCase() : text.trim());
                while (seen.has(key())) text = `${text} #${index}`;
                seen.add(key());
                cells[i] = text;
              }
            });
            cells.push(...plan.extend);
          }
          built.push(cells);
        });
        return { form: 'structured', sheet: { name, rows: built, firstRow } };
      }),
  );
}

function randomSheet(name: string): fc.Arbitrary<SheetPlan> {
  return fc
    .record({ firstRow: fc.integer({ min: 1, max: 20 }), rows: fc.array(fc.array(hostileCell, { maxLength: 10 }), { maxLength: 14 }) })
    .map(({ firstRow, rows }) => ({ form: 'random' as const, sheet: { name, rows, firstRow } }));
}

const emptySheet = (name: string): fc.Arbitrary<SheetPlan> =>
  fc.constantFrom<Cell[][]>([], [[]], [[null, undefined]]).map((rows) => ({ form: 'empty' as const, sheet: { name, rows, firstRow: 1 } }));

/** One sheet for `which`, mostly near-valid, sometimes pure noise. */
export function hostileSheet(which: 'reps' | 'accounts', name: string, maxRows = 10): fc.Arbitrary<SheetPlan> {
  return fc.oneof(
    { weight: 30, arbitrary: structuredSheet(which, name, maxRows) },
    { weight: 2, arbitrary: randomSheet(name) },
    { weight: 1, arbitrary: emptySheet(name) },
  );
}

const sheetName = fc.constantFrom('Reps', 'Accounts', 'Sheet (2)', 'ימין', 'Q3 \'26', '');

/** A pair of sheets as the pane (or the CLI) would hand them to `readBook`. */
export const hostileBook = fc
  .tuple(sheetName, sheetName)
  .chain(([repsName, accountsName]) => fc.record({ reps: hostileSheet('reps', repsName, 8), accounts: hostileSheet('accounts', accountsName, 12) }));

// ---------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 writer used to build CSV input: quotes only when it must (and where the reader would otherwise lose data). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  const field = (text: string, r: number, c: number, width: number) =>
    /[",\r\n]/.test(text) || (width === 1 && text === '') || (r === 0 && c === 0 && text.startsWith('\uFEFF'))
      ? `"${text.replace(/"/g, '""')}"`
      : text;
  return rows.map((row, r) => row.map((t, c) => field(t, r, c, row.length)).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/** A cell as a spreadsheet would print it into a CSV file. */
export function cellAsCsvText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** Characters that matter to a CSV reader, biased so quotes and line breaks meet often. */
export const csvChar = fc.constantFrom(',', '"', '\r', '\n', 'a', 'b', ' ', '\uFEFF', 'é', '=', '\t', '\u2028', '😀', '\uD800');
export const csvField = fc.oneof({ weight: 5, arbitrary: fc.string({ unit: csvChar, maxLength: 8 }) }, { weight: 1, arbitrary: anyText });

// ---------------------------------------------------------------------------------------------
// Settings

/** Raw settings draws, turned into valid settings for a particular book by `settingsFromDraw`. */
export const settingsDraw = fc.record({
  /** < 0: the book's default threshold; else the headcount of account `threshold % count` (or 0). */
  threshold: fc.integer({ min: -3, max: 1000 }),
  split: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
  geo: fc.integer({ min: 0, max: 10 }),
  preserve: fc.integer({ min: 0, max: 10 }),
  cutoff: fc.constantFrom(0, 0.3, 0.7, 1),
  // Allocation v2 (SPEC §15): mode, refinement, budget, per-segment default caps (-1 = none).
  rebalance: fc.boolean(),
  refine: fc.boolean(),
  budget: fc.constantFrom(0, 1, 10, 50, 100),
  caps: fc.tuple(fc.constantFrom(-1, -1, 0, 1, 3, 10), fc.constantFrom(-1, -1, 0, 2, 5, 40)),
});
export type SettingsDraw = typeof settingsDraw extends fc.Arbitrary<infer T> ? T : never;

/** Valid settings for `book` from a draw: integer weights summing to 100, Risk 0 when risk is off, bonuses on the grid. */
export function settingsFromDraw(book: Book, d: SettingsDraw): Settings {
  const defaults = defaultSettings(book);
  const [p, q] = d.split;
  const lo = Math.min(p, q), hi = Math.max(p, q);
  const n = book.accounts.count;
  const threshold = d.threshold < 0 ? defaults.threshold : d.threshold % 7 === 0 ? 0 : book.accounts.employees[d.threshold % n]!;
  return {
    threshold,
    weights: book.riskEnabled ? { arr: lo, accounts: hi - lo, risk: 100 - hi } : { arr: lo, accounts: 100 - lo, risk: 0 },
    geoBonus: d.geo / 100,
    preserveBonus: d.preserve / 100,
    riskCutoff: d.cutoff,
    mode: d.rebalance ? 'rebalance' : 'fresh',
    refine: d.refine,
    budget: d.budget,
    maxAccounts: { Enterprise: d.caps[0] < 0 ? null : d.caps[0], 'Mid-Market': d.caps[1] < 0 ? null : d.caps[1] },
  };
}
