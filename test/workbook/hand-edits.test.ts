/**
 * Hand edits are never lost (SPEC §16), the workbook half: before writing, the port compares
 * Assigned_Rep with what the add-in last wrote and lists the cells a person changed (account ID, row,
 * written, now); and it writes Locked_Rep for given accounts, adding the column when missing. On the
 * Office.js fake and on the in-memory workbook (preview).
 */
import { describe, expect, it } from 'vitest';
import { cellText, evaluate, defaultSettings, readBook, type Book, type Cell, type SheetInput } from '../../src/engine/index.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import type { WorkbookPort } from '../../src/workbook/port.js';
import { generatedScenario, trickyScenario } from './fixtures.js';
import { cellsOutside, fakeSheetsOf, harness, readAndRun, RECORD_SHEET } from './office-helpers.js';

/** The book as the pane has it after Load / Validate. */
async function load(port: WorkbookPort): Promise<Book> {
  return (await readAndRun(port, {}, false)).book;
}

const letter = (column: number) => String.fromCharCode(65 + column);

describe('hand edits on the Office.js fake', () => {
  const s = generatedScenario(60, 5, 61);

  it('lists the Assigned_Rep cells a person changed since the last write, by Account_ID, sorted or not', async () => {
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    expect(await port.findHandEdits(await load(port))).toEqual({ known: false, edits: [], reason: 'no-column' });
    const output = await readAndRun(port, {}, false);
    expect((await port.writeResults(output)).ok).toBe(true);
    expect(fake.workbookState.sheet(RECORD_SHEET).visibility).toBe('VeryHidden');
    expect(await port.listSheets()).not.toContain(RECORD_SHEET);

    let book = await load(port);
    expect(await port.findHandEdits(book)).toEqual({ known: true, edits: [], compared: 60 });
    const acc = book.accounts;
    const col = letter(book.accountsLayout.assignedRepColumn);
    const repOf = (k: number) => cellText(fake.workbookState.sheet('Accounts').value(`${col}${acc.row[k]}`) as Cell);
    const other = (name: string) => book.reps.find((r) => r.name !== name)!.name;
    const [a, b, c] = [3, 17, 42];
    const was = [repOf(a), repOf(b), repOf(c)];
    const accounts = fake.workbookState.sheet('Accounts');
    accounts.typeValues(`${col}${acc.row[a]}`, [[other(was[0]!)]]);
    accounts.typeValues(`${col}${acc.row[b]}`, [['']]);
    // Same rep, other case and spaces: not an edit (rep names match ignoring case).
    accounts.typeValues(`${col}${acc.row[c]}`, [[`  ${was[2]!.toUpperCase()} `]]);
    const check = await port.findHandEdits(book);
    expect(check).toEqual({
      known: true,
      compared: 60,
      edits: [
        { accountId: acc.id[a], row: acc.row[a], written: was[0], now: other(was[0]!) },
        { accountId: acc.id[b], row: acc.row[b], written: was[1], now: '' },
      ],
    });
    // The book the pane loaded before its first Allocate (no Assigned_Rep column then) finds them too:
    // pressing Allocate again without loading must not lose them.
    expect(await port.findHandEdits(output.book)).toEqual(check);

    // The person sorts the data rows (reversed): after loading again, the same accounts at their new rows.
    const values = accounts.values();
    const header = values[0]!;
    const body = values.slice(1).reverse();
    accounts.typeValues('A1', [header, ...body].map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v))));
    book = await load(port);
    const rowOf = (id: string) => book.accounts.row[book.accounts.id.indexOf(id)]!;
    expect((await port.findHandEdits(book)).edits.map((e) => [e.accountId, e.row])).toEqual([
      [acc.id[b], rowOf(acc.id[b]!)],
      [acc.id[a], rowOf(acc.id[a]!)],
    ]);
  });

  it('says when it cannot tell: nothing written yet, or the last write stopped before its record was complete', async () => {
    // An Assigned_Rep column the add-in never wrote.
    const typed: SheetInput = { ...s.accounts, rows: s.accounts.rows.map((r, i) => [...r, i === 0 ? 'Assigned_Rep' : 'Someone']) };
    const fresh = harness(fakeSheetsOf(s.reps, typed));
    expect(await fresh.port.findHandEdits(await load(fresh.port))).toEqual({ known: false, edits: [], reason: 'never' });

    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    expect((await port.writeResults(await readAndRun(port, {}, false))).ok).toBe(true);
    // A re-run: prepare 2, Account_ID read-back 1, result columns 1, then the record's request fails.
    const output = await readAndRun(port, { threshold: 200 }, false);
    fake.failSyncAt(fake.stats.syncCount + 5, 'GeneralException');
    const failed = await port.writeResults(output);
    expect(failed.ok).toBe(false);
    expect(failed.written).toEqual(['Accounts: Segment, Assigned_Rep']);
    expect(failed.message).toMatch(/^Excel could not write Territory Slicer's record of the Assigned_Rep values it wrote \(the hidden sheet TS_LastWritten\)/);
    expect(await port.findHandEdits(await load(port))).toEqual({ known: false, edits: [], reason: 'interrupted' });
    expect((await port.writeResults(output)).ok).toBe(true);
    expect(await port.findHandEdits(await load(port))).toEqual({ known: true, edits: [], compared: 60 });
  });
});

describe('Locked_Rep on the Office.js fake', () => {
  it('appends the column and writes each lock as literal text beside its account; the next allocation honours it', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const before = fake.workbookState.sheet('Accounts').values();
    const book = await load(port);
    const report = await port.writeLockedReps(book, [
      { accountId: '00123', rep: '=HYPERLINK("x")' },
      { accountId: '-A12', rep: ' -A12 ' },
      { accountId: 'nope', rep: 'Minnie' },
    ]);
    expect(report).toEqual({
      ok: true,
      written: 2,
      columnAdded: true,
      notFound: ['nope'],
      message: 'Locked 2 accounts to their rep in Locked_Rep on "Accounts" (column added). Load the sheets again and press Allocate. Not on the Accounts sheet as loaded: nope.',
    });
    const accounts = fake.workbookState.sheet('Accounts');
    expect(accounts.values('I1:I4')).toEqual([['Locked_Rep'], ['=HYPERLINK("x")'], [''], ['-A12']]);
    expect(accounts.formulas()).toEqual({});
    expect(cellsOutside(accounts.values(), [8])).toEqual(cellsOutside(before, [8]));
    // Loaded again, the engine pins the two accounts to those reps.
    const again = await load(port);
    const pinned = (id: string) => again.reps[again.accounts.lockedRepIndex[again.accounts.id.indexOf(id)]!]?.name;
    expect([pinned('00123'), pinned('-A12')]).toEqual(['=HYPERLINK("x")', '-A12']);
    const { allocation } = evaluate(again, defaultSettings(again));
    expect(again.reps[allocation.assigned[again.accounts.id.indexOf('00123')]!]!.name).toBe('=HYPERLINK("x")');
    // A second lock goes into the existing column, the first stays.
    expect((await port.writeLockedReps(again, [{ accountId: '@x', rep: 'Goofy' }])).columnAdded).toBe(false);
    expect(accounts.values('I1:I5')).toEqual([['Locked_Rep'], ['=HYPERLINK("x")'], [''], ['-A12'], ['Goofy']]);
  });

  it('adds Locked_Rep as a table column when the data is an Excel table, after the result columns', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    fake.workbookState.addTable('Accounts', 'A1:H7', 'AccountsData');
    expect((await port.writeResults(await readAndRun(port))).ok).toBe(true);
    const report = await port.writeLockedReps(await load(port), [{ accountId: 'A-6', rep: 'Goofy' }]);
    expect(report.ok, report.message).toBe(true);
    const table = fake.workbookState.table('AccountsData')!;
    expect([table.address, table.headers.slice(-3)]).toEqual(['Accounts!A1:K7', ['Segment', 'Assigned_Rep', 'Locked_Rep']]);
    expect(table.rows.map((r) => r[10])).toEqual(['', '', '', '', '', 'Goofy']);
  });

  it('writes nothing to a protected Accounts sheet, and says what to do', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const book = await load(port);
    fake.workbookState.sheet('Accounts').protected = true;
    const before = fake.workbookState.sheet('Accounts').values();
    const report = await port.writeLockedReps(book, [{ accountId: 'A-6', rep: 'Goofy' }]);
    expect(report).toMatchObject({ ok: false, written: 0 });
    expect(report.message).toBe('The Accounts sheet is protected. Unprotect the Accounts sheet (Review → Unprotect Sheet) and press Allocate again.');
    expect(fake.workbookState.sheet('Accounts').values()).toEqual(before);
  });
});

describe('hand edits and Locked_Rep in the memory workbook (preview)', () => {
  it('lists the changed cells and locks them, as the Office adapter does', async () => {
    const s = generatedScenario(30, 4, 62);
    const wb = new MemoryWorkbook([s.reps, s.accounts]);
    expect((await wb.writeResults(await readAndRun(wb, {}, false))).ok).toBe(true);
    const before = (await readAndRun(new MemoryWorkbook([s.reps, s.accounts]), {}, false)).book;
    const book = await load(wb);
    expect(await wb.findHandEdits(book)).toEqual({ known: true, edits: [], compared: 30 });
    const sheet = wb.sheet('Accounts')!;
    const col = book.accountsLayout.assignedRepColumn;
    const row = sheet.rows[book.accounts.row[5]! - sheet.firstRow]!;
    const written = cellText(row[col] ?? null);
    const other = book.reps.find((r) => r.name !== written)!.name;
    row[col] = other;
    const check = await wb.findHandEdits(book);
    expect(check).toEqual({ known: true, compared: 30, edits: [{ accountId: book.accounts.id[5], row: book.accounts.row[5], written, now: other }] });
    expect(await wb.findHandEdits(before)).toEqual(check);
    const lock = await wb.writeLockedReps(book, check.edits.map((e) => ({ accountId: e.accountId, rep: e.now })));
    expect(lock).toMatchObject({ ok: true, written: 1, columnAdded: true, notFound: [] });
    const again = readBook(await wb.readSheet('Reps'), await wb.readSheet('Accounts'));
    if (!again.ok) throw new Error('expected a valid book');
    expect(again.book.reps[again.book.accounts.lockedRepIndex[5]!]!.name).toBe(other);
    // The same sheets in a workbook this session never wrote: nothing to compare with.
    expect(await new MemoryWorkbook([await wb.readSheet('Reps'), await wb.readSheet('Accounts')]).findHandEdits(book)).toEqual({ known: false, edits: [], reason: 'never' });
  });
});
