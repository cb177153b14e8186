import { describe, expect, it } from 'vitest';
import { readBook } from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, REPS_HEADER, bookOf, sheet } from '../helpers/books.js';

const reps = [REPS_HEADER, ['Ann', 'Enterprise', 'CA'], ['Ben', 'MM', 'NY']];
const accounts = [
  ACCOUNTS_HEADER,
  ['A-1', 'Acme', 'Ann', 1000, 5000, 'CA', 0.2],
  ['A-2', 'Beta', 'Ben', 500, 50, 'NY', 0.8],
];

function errorsOf(r: unknown[][], a: unknown[][]) {
  const result = readBook(sheet('Reps', r as never), sheet('Accounts', a as never));
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ sheet: s, row, column, value, code }) => ({ sheet: s, row, column, value, code }));
}

describe('header discovery (SPEC §2, §14)', () => {
  it('finds the header below title rows and reports Excel row numbers', () => {
    const titled = [['FY27 territory book'], [], ...accounts];
    const { book } = bookOf(reps, titled);
    expect(book.accountsLayout.headerRow).toBe(3);
    expect(Array.from(book.accounts.row)).toEqual([4, 5]);
  });

  it('honours the used range offset (firstRow)', () => {
    const result = readBook(sheet('Reps', reps, 3), sheet('Accounts', accounts, 5));
    expect(result.ok && Array.from(result.book.accounts.row)).toEqual([6, 7]);
  });

  it('accepts header aliases and spellings', () => {
    const aliased = [
      [' account id ', 'ACCOUNT-NAME', 'Current_Rep', 'arr', 'Num Employees', 'location', 'Risk-Score'],
      ...accounts.slice(1),
    ];
    const { book } = bookOf(reps, aliased);
    expect(book.accounts.originalRep).toEqual(['Ann', 'Ben']);
    expect(book.accountsLayout.usesCurrentRepAlias).toBe(true);
  });

  it('prefers Original_Rep over Current_Rep and the first of repeated headers', () => {
    const both = [
      ['Account_ID', 'Account_Name', 'Current_Rep', 'Original_Rep', 'ARR', 'ARR', 'Num_Employees', 'Location'],
      ['A-1', 'Acme', 'Ben', 'Ann', 10, 99, 5, 'CA'],
    ];
    const { book } = bookOf(reps, both);
    expect(book.accounts.originalRep[0]).toBe('Ann');
    expect(book.accounts.arr[0]).toBe(10);
    expect(book.accountsLayout.usesCurrentRepAlias).toBe(false);
  });

  it('reports one error per missing column at the row holding the most headers', () => {
    const partial = [['Notes'], ['Account_ID', 'Account_Name', 'ARR'], ['A-1', 'Acme', 5]];
    expect(errorsOf(reps, partial)).toEqual([
      { sheet: 'Accounts', row: 2, column: 'Original_Rep', value: null, code: 'missing-column' },
      { sheet: 'Accounts', row: 2, column: 'Num_Employees', value: null, code: 'missing-column' },
      { sheet: 'Accounts', row: 2, column: 'Location', value: null, code: 'missing-column' },
    ]);
  });

  it('does not look beyond the first 10 rows for the header', () => {
    const deep = [...Array.from({ length: 10 }, () => ['x']), ...accounts];
    expect(errorsOf(reps, deep).every((e) => e.code === 'missing-column' && e.row === 1)).toBe(true);
  });

  it('reports a sheet with no data rows once, at the header row; for Reps it is the "no reps" error', () => {
    expect(errorsOf([[], REPS_HEADER, [null, '', '  ']], accounts)).toEqual([
      { sheet: 'Reps', row: 2, column: null, value: null, code: 'no-data-rows' },
    ]);
  });
});

describe('cell validation: every hard error, with its row', () => {
  it('lists all errors, not just the first', () => {
    const badReps = [REPS_HEADER, ['Ann', 'Enterprise', 'CA'], ['ann ', 'MM', ''], ['', 'SMB', 'TX'], ['Cy', '', 'TX']];
    const badAccounts = [
      ACCOUNTS_HEADER,
      ['A-1', 'Acme', 'Ann', 'abc', 10, 'CA', 0.1],
      [' A-1 ', 'Dup', 'Ann', 5, -3, 'CA', 'high'],
      ['', '', 'Ann', '', '$', 'CA', null],
      [1001, 'Num', '', '$1,200', ' 850 ', '', 2],
    ];
    expect(errorsOf(badReps, badAccounts)).toEqual([
      { sheet: 'Reps', row: 3, column: 'Rep_Name', value: 'ann ', code: 'duplicate-rep-name' },
      { sheet: 'Reps', row: 4, column: 'Rep_Name', value: '', code: 'blank-required' },
      { sheet: 'Reps', row: 4, column: 'Segment', value: 'SMB', code: 'unknown-segment' },
      { sheet: 'Reps', row: 5, column: 'Segment', value: '', code: 'blank-required' },
      { sheet: 'Accounts', row: 2, column: 'ARR', value: 'abc', code: 'bad-type' },
      { sheet: 'Accounts', row: 3, column: 'Account_ID', value: ' A-1 ', code: 'duplicate-account-id' },
      { sheet: 'Accounts', row: 3, column: 'Num_Employees', value: -3, code: 'negative-number' },
      { sheet: 'Accounts', row: 3, column: 'Risk_Score', value: 'high', code: 'bad-type' },
      { sheet: 'Accounts', row: 4, column: 'Account_ID', value: '', code: 'blank-required' },
      { sheet: 'Accounts', row: 4, column: 'Account_Name', value: '', code: 'blank-required' },
      { sheet: 'Accounts', row: 4, column: 'ARR', value: '', code: 'blank-required' },
      { sheet: 'Accounts', row: 4, column: 'Num_Employees', value: '$', code: 'bad-type' },
    ]);
  });

  it('names the first row in duplicate messages', () => {
    const result = readBook(sheet('Reps', reps), sheet('Accounts', [...accounts, ['A-1', 'Again', 'Ann', 1, 1, 'CA', 0]]));
    expect(!result.ok && result.errors[0]!.message).toMatch(/already used in row 2/);
  });

  it('reads numeric text and number IDs', () => {
    const { book } = bookOf(reps, [ACCOUNTS_HEADER, [1001, 'Num', 'Ann', '$1,200,000', ' 850 ', 'CA', '0.5']]);
    expect(book.accounts.id[0]).toBe('1001');
    expect(book.accounts.arr[0]).toBe(1_200_000);
    expect(book.accounts.employees[0]).toBe(850);
    expect(book.accounts.risk[0]).toBe(0.5);
  });

  it('skips fully blank rows without errors', () => {
    const { book } = bookOf(reps, [ACCOUNTS_HEADER, [null, '', '  '], ...accounts.slice(1), []]);
    expect(book.accounts.count).toBe(2);
    expect(Array.from(book.accounts.row)).toEqual([3, 4]);
  });
});

describe('soft warnings (stable codes)', () => {
  it('clamps Risk_Score, treats blank as 0, flags orphans, new hires and blank locations', () => {
    const r = [...reps, ['Cy', 'E', '']];
    const a = [
      ACCOUNTS_HEADER,
      ['A-1', 'Acme', 'Ann', 1000, 5000, 'CA', 1.5],
      ['A-2', 'Beta', 'Gone Rep', 500, 50, '', null],
      ['A-3', 'Gamma', 'ben', 500, 50, 'NY', -0.2],
    ];
    const { book, warnings } = bookOf(r, a);
    expect(Array.from(book.accounts.risk)).toEqual([1, 0, 0]);
    const byCode = Object.fromEntries(warnings.map((w) => [`${w.code}:${w.sheet ?? ''}`, w]));
    expect(byCode['risk-score-clamped:Accounts']).toMatchObject({ rows: [2, 4], count: 2 });
    expect(byCode['risk-score-blank:Accounts']).toMatchObject({ rows: [3], count: 1 });
    expect(byCode['orphan-original-rep:Accounts']).toMatchObject({ subjects: ['Gone Rep'], count: 1 });
    expect(byCode['new-hire:']).toMatchObject({ subjects: ['Cy'] });
    expect(byCode['blank-location:Accounts']).toMatchObject({ rows: [3] });
    expect(byCode['blank-location:Reps']).toMatchObject({ subjects: ['Cy'] });
    expect(book.accounts.originalRepIndex[2]).toBe(1);
    expect(book.riskEnabled).toBe(true);
  });

  it('disables risk without a Risk_Score column, or when it holds no numbers', () => {
    const noColumn = bookOf(reps, accounts.map((row) => row.slice(0, 6)));
    expect(noColumn.book.riskEnabled).toBe(false);
    expect(noColumn.warnings.some((w) => w.code === 'risk-disabled')).toBe(true);
    const blankColumn = bookOf(reps, accounts.map((row, i) => (i === 0 ? row : [...row.slice(0, 6), null])));
    expect(blankColumn.book.riskEnabled).toBe(false);
    expect(blankColumn.book.hasRiskColumn).toBe(true);
  });
});
