import { describe, expect, it } from 'vitest';
import { evaluate, exportCsv, parseCsv, readBook } from '../../src/engine/index.js';
import { REPS_HEADER, bookOf, settingsFor, sheet } from '../helpers/books.js';

describe('CSV export (SPEC §9)', () => {
  const reps = [REPS_HEADER, ['Ann', 'E', 'CA'], ['Ben', 'MM', 'NY']];
  const accounts = [
    ['Account_ID', 'Account_Name', 'Current_Rep', 'ARR', 'Num_Employees', 'Location', 'Notes'],
    ['A-1', '=HYPERLINK("http://x")', 'Ann', 1000, 5000, 'CA', 'says "hi", twice'],
    ['A-2', '+1-555', 'Ben', 500, 50, 'NY', 'line\nbreak'],
    ['A-3', '@sum', '', 400, 40, '', '-5'],
    ['A-4', '\tTab', 'Ben', 300, 30, 'NY', -5],
  ];

  it('keeps every original column, renames Current_Rep, appends Segment and Assigned_Rep', () => {
    const { book } = bookOf(reps, accounts);
    const csv = exportCsv(book, evaluate(book, settingsFor(book, { threshold: 1000 })).allocation);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location,Notes,Segment,Assigned_Rep');
    expect(lines[1]).toBe(`A-1,"'=HYPERLINK(""http://x"")",Ann,1000,5000,CA,"says ""hi"", twice",Enterprise,Ann`);
    expect(lines[2]).toBe(`A-2,'+1-555,Ben,500,50,NY,"line\nbreak",Mid-Market,Ben`);
    expect(lines[3]).toBe(`A-3,'@sum,,400,40,,'-5,Mid-Market,Ben`);
    // A number cell is never prefixed: only text can be read as a formula.
    expect(lines[4]).toBe(`A-4,'\tTab,Ben,300,30,NY,-5,Mid-Market,Ben`);
  });

  it('round-trips through the CSV reader', () => {
    const { book } = bookOf(reps, accounts);
    const csv = exportCsv(book, evaluate(book, settingsFor(book, { threshold: 1000 })).allocation);
    const rows = parseCsv(csv);
    expect(rows[2]![6]).toBe('line\nbreak');
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows.length).toBe(5);
  });

  it('replaces result columns from an earlier run instead of repeating them', () => {
    const withResults = [
      [...accounts[0]!, 'Segment', 'Assigned_Rep'],
      ...accounts.slice(1).map((r) => [...r, 'Old', 'Old Rep']),
    ];
    const { book } = bookOf(reps, withResults);
    const header = exportCsv(book, evaluate(book, settingsFor(book, { threshold: 1000 })).allocation).slice(1).split('\r\n')[0];
    expect(header).toBe('Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location,Notes,Segment,Assigned_Rep');
  });

  it("keeps the user's own Segment column (no Assigned_Rep beside it) and appends ours", () => {
    const own = [[...accounts[0]!, 'Segment'], ...accounts.slice(1).map((r) => [...r, 'SMB'])];
    const { book } = bookOf(reps, own);
    expect(book.accountsLayout.segmentColumn).toBe(-1);
    const lines = exportCsv(book, evaluate(book, settingsFor(book, { threshold: 1000 })).allocation).slice(1).split('\r\n');
    expect(lines[0]).toBe('Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location,Notes,Segment,Segment,Assigned_Rep');
    expect(lines[1]!.endsWith(',SMB,Enterprise,Ann')).toBe(true);
  });
});

describe('result columns of an earlier run (SPEC §9: updated in place, nothing else changes)', () => {
  const header = ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'];
  const layoutOf = (extra: string[]) => {
    const { book } = bookOf([REPS_HEADER, ['Ann', 'E', 'CA']], [[...header, ...extra], ['A-1', 'One', 'Ann', 1, 1, 'CA', ...extra.map(() => 'x')]]);
    return [book.accountsLayout.segmentColumn, book.accountsLayout.assignedRepColumn];
  };

  it('are marked by Assigned_Rep: the Segment beside it, else the last Segment column', () => {
    expect(layoutOf(['Segment'])).toEqual([-1, -1]);
    expect(layoutOf(['Segment', 'Assigned_Rep'])).toEqual([6, 7]);
    expect(layoutOf(['Segment', 'Notes', 'Segment', 'Assigned_Rep'])).toEqual([8, 9]);
    expect(layoutOf(['Segment', 'Segment2', 'Assigned_Rep'])).toEqual([7, 8]);
    expect(layoutOf(['Assigned_Rep', 'Notes', 'Segment'])).toEqual([8, 6]);
    expect(layoutOf(['Assigned_Rep'])).toEqual([-1, 6]);
  });
});

describe('CSV reader (SPEC §13, §14)', () => {
  it('handles quotes, a BOM, CRLF and quoted newlines', () => {
    expect(parseCsv('\uFEFFa,"b ""x""",c\r\n1,"2\r\n3",4\r\n')).toEqual([
      ['a', 'b "x"', 'c'],
      ['1', '2\r\n3', '4'],
    ]);
  });

  it('counts blank lines as records so row numbers match the file', () => {
    const rows = parseCsv('Rep_Name,Segment,Location\n\nAnn,E,CA\nBen,XL,NY\n');
    expect(rows).toEqual([['Rep_Name', 'Segment', 'Location'], [], ['Ann', 'E', 'CA'], ['Ben', 'XL', 'NY']]);
    const result = readBook(sheet('Reps', rows), sheet('Accounts', parseCsv('Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location\nA,"Multi\nline",Ann,1,1,CA\nB,Bee,Ann,x,1,CA')));
    expect(!result.ok && result.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['Reps', 4, 'Segment'],
      ['Accounts', 3, 'ARR'],
    ]);
  });

  it('keeps empty trailing fields and a last line without a newline', () => {
    expect(parseCsv('a,,\n,b')).toEqual([['a', '', ''], ['', 'b']]);
  });
});
