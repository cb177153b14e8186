/**
 * The adapter against each divergence the Office.js review found between the fake and Excel (issue 14),
 * now that the fake models them (test/fakes/excel-fake.fidelity.test.ts): an Accounts table too large for
 * TableColumnCollection.add on the web, defined names in the table namespace, a chart sheet holding one
 * of our sheet names, charts whose first series is all "N/A", and tables that grow when data is written
 * next to them.
 */
import { describe, expect, it } from 'vitest';
import { cellRange } from '../../src/workbook/layout/address.js';
import { arrayTable } from '../../src/workbook/layout/cells.js';
import { layoutWorkbook } from '../../src/workbook/layout/index.js';
import type { OutCell, SheetLayout } from '../../src/workbook/layout/types.js';
import { resolveEnv } from '../../src/workbook/office/env.js';
import { OwnershipRecord } from '../../src/workbook/office/ownership.js';
import type { Prepared } from '../../src/workbook/office/prepare.js';
import { RequestQueue } from '../../src/workbook/office/queue.js';
import { writeOwnedSheet } from '../../src/workbook/office/sheets.js';
import { createFakeExcel, type FakeExcelOptions } from '../fakes/excel-fake.js';
import { generatedScenario } from './fixtures.js';
import { cellsOutside, fakeSheetsOf, harness, OWNED, readAndRun, RECORD_SHEET } from './office-helpers.js';

describe('an Accounts table too large for TableColumnCollection.add on the web (OperationCellsExceedLimit)', () => {
  // 2,100 accounts × 8 columns: (2,101 table rows) × (16383 − 8) = 34.4 million cells > 33,554,000.
  const s = generatedScenario(2100, 8, 41, {}, false);
  const cases: Array<[string, FakeExcelOptions, string]> = [
    ['ExcelApi 1.12: Excel grows the table over the header cells written next to it', { apiVersion: '1.12' }, 'Accounts!A1:J2101'],
    ['ExcelApi 1.13: the table is resized over the new columns', { apiVersion: '1.13', tableAutoExpand: false }, 'Accounts!A1:J2101'],
    ['AutoCorrect off, no resize (1.12): plain columns beside the table, values all there', { apiVersion: '1.12', tableAutoExpand: false }, 'Accounts!A1:H2101'],
  ];
  for (const [label, options, address] of cases) {
    it(label, async () => {
      const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), options);
      fake.workbookState.addTable('Accounts', 'A1:H2101', 'AccountsData');
      const before = fake.workbookState.sheet('Accounts').values();
      const output = await readAndRun(port, {}, false);
      const report = await port.writeResults(output);
      expect(report.ok, report.message).toBe(true);
      expect(fake.stats.syncs.filter((x) => !x.ok).map((x) => x.errorCode)).toEqual([]);
      expect(fake.workbookState.table('AccountsData')!.address).toBe(address);
      const after = fake.workbookState.sheet('Accounts').values();
      expect(after[0]!.slice(8)).toEqual(['Segment', 'Assigned_Rep']);
      const { book, evaluation } = output;
      for (const k of [0, 1, 1000, 2099]) {
        const r = evaluation.allocation.assigned[k]!;
        expect(after[book.accounts.row[k]! - 1]!.slice(8), `account ${k}`).toEqual([evaluation.allocation.segment[k] === 0 ? 'Enterprise' : 'Mid-Market', r < 0 ? '' : book.reps[r]!.name]);
      }
      expect(cellsOutside(after, [8, 9])).toEqual(cellsOutside(before, [8, 9]));
      // Again, from a fresh read: the columns are found by their headers and updated in place.
      expect((await port.writeResults(await readAndRun(port, { threshold: 300 }, false))).ok).toBe(true);
      expect(fake.workbookState.table('AccountsData')!.address).toBe(address);
      expect(fake.workbookState.sheet('Accounts').values()[0]!.slice(8)).toEqual(['Segment', 'Assigned_Rep']);
    });
  }
});

describe('names the adapter cannot see in the list of tables or worksheets', () => {
  it('keeps its table names off defined names (workbook and sheet scope) and its sheet names off chart sheets', async () => {
    const s = generatedScenario(80, 6, 42);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const state = fake.workbookState;
    state.addName('TS_Warnings', '=Reps!$A$1');
    state.addName('TS_AuditLog', '=0.5', 'Reps');
    state.addChartSheet('Comparison');
    const report = await port.writeResults(await readAndRun(port));
    expect(report.ok, report.message).toBe(true);
    expect(report.sheets!.comparison).toBe('Comparison (2)');
    expect(report.written).toEqual(['Accounts: Segment, Assigned_Rep', 'Fairness', 'Comparison (2)', 'Audit Log', 'Sensitivity', 'Scenarios']);
    expect(report.message).toContain('the output went to "Comparison (2)"');
    expect(state.table('TS_Warnings_2')!.sheet).toBe('Fairness');
    expect(state.table('TS_AuditLog_2')!.sheet).toBe('Audit Log');
    expect(state.table('TS_ComparisonKpi')!.sheet).toBe('Comparison (2)');
    const sheets = ['Reps', 'Accounts', RECORD_SHEET, 'Fairness', 'Comparison (2)', 'Audit Log', 'Sensitivity', 'Scenarios'];
    expect(state.sheetNames()).toEqual(sheets);
    // The next run finds the same sheets by id: nothing new.
    expect((await port.writeResults(await readAndRun(port, { threshold: 200 }))).ok).toBe(true);
    expect(state.sheetNames()).toEqual(sheets);
    expect(state.chartSheetNames()).toEqual(['Comparison']);
    expect(state.names()).toEqual(['TS_Warnings', 'Reps!TS_AuditLog']);
  });
});

describe('charts and tables on an owned sheet, whatever the layout', () => {
  const rows: OutCell[][] = [
    ['Ann', 'N/A', 5, 'x'],
    ['Bo', 'N/A', 7, 'y'],
    ['Cy', 'N/A', 'N/A', 'z'],
  ];
  const spec = (name: string, row: number, column: number, headers: string[]) => ({ name, caption: null, row, column, headers, formats: headers.map(() => 'General') });
  // T2 touches T1's right edge and T3 its bottom edge: written in the old order (a table, then the next
  // one's values), Excel would grow T1 over them and refuse the next table as overlapping.
  const layout: SheetLayout = {
    role: 'sensitivity',
    baseName: 'Charts',
    texts: [{ row: 0, column: 0, text: 'Charts', style: 'title' }],
    tables: [
      arrayTable(spec('TS_T1', 1, 0, ['Rep', 'Ratio', 'ARR', 'Note']), rows),
      arrayTable(spec('TS_T2', 1, 4, ['Key', 'Value']), [['a', 1], ['b', 2], ['c', 3]]),
      arrayTable(spec('TS_T3', 5, 0, ['X']), [[1]]),
    ],
    charts: [
      { name: 'C1', title: 'Ratio first', kind: 'line', table: 'TS_T1', categoryColumn: 0, series: [{ name: 'Ratio', column: 1, axis: 'primary' }, { name: 'ARR', column: 2, axis: 'secondary' }], anchor: { row: 8, column: 0, rows: 10, columns: 6 } },
      { name: 'C2', title: 'Nothing to plot', kind: 'columnClustered', table: 'TS_T1', categoryColumn: 0, series: [{ name: 'Ratio', column: 1, axis: 'primary' }, { name: 'Note', column: 3, axis: 'primary' }], anchor: { row: 20, column: 0, rows: 10, columns: 6 } },
    ],
    freezeRows: 0,
    columnWidths: [],
  };

  it('gives every series its values and categories, first series all "N/A" or not a number at all', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Accounts', values: [['Account_ID']] }] });
    const env = resolveEnv({ run: fake.run, isSetSupported: fake.isSetSupported });
    const prepared = { existing: new Map(), record: OwnershipRecord.parse(null), takenSheetNames: new Set(['accounts']) } as unknown as Prepared;
    await fake.run(async (context) => {
      const queue = new RequestQueue(context, env);
      await writeOwnedSheet(queue, context, env, layout, { role: 'sensitivity', existingId: null, name: 'Charts' }, prepared, new Map(), () => {});
      await queue.flush();
    });
    const state = fake.workbookState;
    expect(state.tables().map((t) => [t.name, t.address])).toEqual([['TS_T1', 'Charts!A2:D5'], ['TS_T2', 'Charts!E2:F5'], ['TS_T3', 'Charts!A6:A7']]);
    const [c1, c2] = state.sheet('Charts').charts();
    expect(c1!.series.map((x) => [x.name, x.values, x.xValues, x.axisGroup])).toEqual([
      ['Ratio', 'Charts!B3:B5', 'Charts!A3:A5', 'Primary'],
      ['ARR', 'Charts!C3:C5', 'Charts!A3:A5', 'Secondary'],
    ]);
    expect(c2!.series.map((x) => [x.name, x.values])).toEqual([['Ratio', 'Charts!B3:B5'], ['Note', 'Charts!D3:D5']]);
    expect([c1!.title, c2!.title]).toEqual(['Ratio first', 'Nothing to plot']);
  });

  it('writes every owned sheet of a real run with each table where its layout puts it', async () => {
    const s = generatedScenario(120, 7, 43);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    expect((await port.writeResults(output)).ok).toBe(true);
    // No table took in a neighbour's cells: each spans exactly its layout's header and rows.
    for (const [i, sheet] of layoutWorkbook(output).sheets.entries()) {
      for (const t of sheet.tables) {
        const found = fake.workbookState.table(t.name)!;
        expect([found.sheet, found.address.split('!')[1], found.headers], t.name).toEqual([OWNED[i], cellRange(t.row, t.column, t.rowCount + 1, t.headers.length), [...t.headers]]);
      }
    }
  });
});
