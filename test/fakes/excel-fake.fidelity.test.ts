/**
 * The divergences an Office.js review found between the fake and Excel (issue 14), each pinned as
 * Excel behaves, with the Microsoft page or GitHub thread it follows: OperationCellsExceedLimit on
 * TableColumnCollection.add, defined names in the table namespace, chart sheets, InvalidArgument for
 * a taken table name, no series from an all-text column, tables that grow when data is written next
 * to them, Table.resize, faults midway through a request, and document settings as one store with
 * workbook.settings.
 */
import { describe, expect, it } from 'vitest';
import { columnAddCellCount, createFakeExcel, OPERATION_CELL_LIMIT, type FakeExcel, type FakeExcelOptions } from './excel-fake.js';

async function codeOf(fake: FakeExcel, batch: (context: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  try {
    await fake.run(batch);
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** A sheet with a header and `rows` data rows of `columns` columns, as an Excel table named Accounts. */
function tableBook(rows: number, columns: number, options: FakeExcelOptions = {}): FakeExcel {
  const header = Array.from({ length: columns }, (_, c) => `Col${c + 1}`);
  const body = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => r * columns + c));
  const fake = createFakeExcel({ sheets: [{ name: 'Accounts', values: [header, ...body] }] }, options);
  fake.workbookState.addTable('Accounts', `A1:${String.fromCharCode(64 + columns)}${rows + 1}`, 'Accounts');
  return fake;
}

const addColumn = (fake: FakeExcel) => codeOf(fake, async (context) => void context.workbook.tables.getItem('Accounts').columns.add(undefined, undefined, 'Segment'));

describe('OperationCellsExceedLimit (Excel on the web)', () => {
  // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling: an operation that
  // touches more than 33,554,000 cells fails; for TableColumnCollection.add the count is (table rows) × (16383 − table
  // columns); Excel on the web only.
  it('refuses TableColumnCollection.add when rows × (16383 − columns) passes 33,554,000 cells, on the web only', async () => {
    // 10 columns: the count passes the limit between 2,049 and 2,050 table rows (header included).
    expect(columnAddCellCount(2049, 10)).toBeLessThanOrEqual(OPERATION_CELL_LIMIT);
    expect(columnAddCellCount(2050, 10)).toBeGreaterThan(OPERATION_CELL_LIMIT);
    expect(await addColumn(tableBook(2048, 10))).toBe('OK');
    const big = tableBook(2049, 10);
    expect(await addColumn(big)).toBe('OperationCellsExceedLimit');
    expect(big.workbookState.table('Accounts')!.headers).toHaveLength(10);
    expect(await addColumn(tableBook(2049, 10, { platform: 'desktop' }))).toBe('OK');
  });
});

describe('defined names share the table namespace', () => {
  it('refuses a table name held by a workbook-scoped name, and a defined name held by a table (InvalidArgument)', async () => {
    const fake = tableBook(3, 2);
    fake.workbookState.addName('TS_Warnings', '=Accounts!$A$1');
    fake.workbookState.addName('Local', '=0.7', 'Accounts');
    const rename = (name: string) => codeOf(fake, async (context) => void (context.workbook.tables.getItem('Accounts').name = name));
    expect(await rename('ts_warnings')).toBe('InvalidArgument');
    expect(await rename('TS_Fine')).toBe('OK');
    expect(await codeOf(fake, async (context) => void context.workbook.names.add('TS_FINE', '=Accounts!$B$2'))).toBe('InvalidArgument');
    expect(await codeOf(fake, async (context) => void context.workbook.names.add('Rate', '=0.5'))).toBe('OK');
    await fake.run(async (context) => {
      const book = context.workbook.names.load('items/name');
      const sheet = context.workbook.worksheets.getItem('Accounts').names.load('items/name,items/scope');
      await context.sync();
      expect(book.items.map((n) => n.name)).toEqual(['TS_Warnings', 'Rate']);
      expect(sheet.items.map((n) => `${n.name}:${n.scope}`)).toEqual(['Local:Worksheet']);
    });
    expect(fake.workbookState.names()).toEqual(['TS_Warnings', 'Accounts!Local', 'Rate']);
  });
});

describe('chart sheets', () => {
  it('are not worksheets, but their names are taken for new and renamed sheets', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'Accounts', values: [['Account_ID']] }] });
    fake.workbookState.addChartSheet('Fairness');
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Accounts']);
    });
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.add('FAIRNESS'))).toBe('ItemAlreadyExists');
    expect(await codeOf(fake, async (context) => void (context.workbook.worksheets.getItem('Accounts').name = 'Fairness'))).toBe('ItemAlreadyExists');
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.add('Fairness (2)'))).toBe('OK');
  });
});

describe('charts from all-text columns', () => {
  it('creates no series from a column without a number, so series.getItemAt(0) fails', async () => {
    const fake = createFakeExcel({ sheets: [{ name: 'S', values: [['Rep', 'Ratio', 'ARR'], ['Ann', 'N/A', 5], ['Bo', 'N/A', 7], ['Cy', 'N/A', 'N/A']] }] });
    const chartOf = (address: string) => codeOf(fake, async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      const chart = sheet.charts.add('Line', sheet.getRange(address), 'Columns');
      chart.series.getItemAt(0).load('name');
      await context.sync();
    });
    expect(await chartOf('B2:B4')).toBe('ItemNotFound');
    expect(await chartOf('C2:C4')).toBe('OK');
    // Beside a numeric column, the all-text one is still no series.
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      sheet.charts.add('Line', sheet.getRange('A1:C4'), 'Columns').name = 'Both';
    });
    expect(fake.workbookState.sheet('S').charts().find((c) => c.name === 'Both')!.series.map((s) => s.name)).toEqual(['ARR']);
  });
});

describe('tables grow when data is written next to them', () => {
  // Excel's AutoCorrect "Include new rows and columns in table" applies to API writes too: office-js issues #3191
  // (rows written below a table join it) and #6745 (AutoCorrect options apply to changes made with the API).
  it('takes in a column written just right of it and rows written just below it, naming headers as Excel does', async () => {
    const fake = tableBook(2, 2);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      sheet.getRange('C1:D1').values = [['Segment', 'Col1']];
      sheet.getRange('A4:B4').values = [[9, 9]];
      sheet.getRange('F1').values = [['apart']];
    });
    const t = fake.workbookState.table('Accounts')!;
    expect(t.address).toBe('Accounts!A1:D4');
    expect(t.headers).toEqual(['Col1', 'Col2', 'Segment', 'Col12']);
  });

  it('does not grow into another table, or at all with the AutoCorrect option off', async () => {
    const fake = tableBook(2, 2);
    fake.workbookState.sheet('Accounts').typeValues('A5', [['x', 'y'], [1, 2]]);
    fake.workbookState.addTable('Accounts', 'A5:B6', 'Other');
    // Rows 4 and 5 written: growing over them would swallow the other table's header row.
    await fake.run(async (context) => void (context.workbook.worksheets.getItem('Accounts').getRange('A4:B5').values = [[7, 8], ['x', 'y']]));
    expect(fake.workbookState.table('Accounts')!.address).toBe('Accounts!A1:B3');
    expect(fake.workbookState.table('Other')!.address).toBe('Accounts!A5:B6');
    const off = tableBook(2, 2, { tableAutoExpand: false });
    await off.run(async (context) => void (context.workbook.worksheets.getItem('Accounts').getRange('C1').values = [['Segment']]));
    expect(off.workbookState.table('Accounts')!.address).toBe('Accounts!A1:B3');
  });

  it('resizes a table over a new range with its header row in place (Table.resize, ExcelApi 1.13)', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)
    const fake = tableBook(3, 2);
    expect(await codeOf(fake, async (context) => void context.workbook.tables.getItem('Accounts').resize('A2:D4'))).toBe('InvalidArgument');
    expect(await codeOf(fake, async (context) => void context.workbook.tables.getItem('Accounts').resize('A1:D4'))).toBe('OK');
    expect(fake.workbookState.table('Accounts')!.headers).toEqual(['Col1', 'Col2', 'Column3', 'Column4']);
    const old = tableBook(3, 2, { apiVersion: '1.12' });
    expect(await codeOf(old, async (context) => void context.workbook.tables.getItem('Accounts').resize('A1:C4'))).toBe('ApiNotFound');
  });
});

describe('a fault midway through a request', () => {
  it('keeps the operations before it with batchFailure "partial" (Excel is not transactional), none with "atomic"', async () => {
    for (const [batchFailure, kept] of [['partial', ['one', 'two', '']], ['atomic', ['', '', '']]] as const) {
      const fake = createFakeExcel({ sheets: [{ name: 'S', values: [] }] }, { batchFailure });
      fake.failSyncAt(1, 'GeneralException', { afterOps: 2 });
      expect(await codeOf(fake, async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        sheet.getRange('A1').values = [['one']];
        sheet.getRange('B1').values = [['two']];
        sheet.getRange('C1').values = [['three']];
        await context.sync();
      })).toBe('GeneralException');
      expect(fake.workbookState.sheet('S').values('A1:C1')[0], batchFailure).toEqual(kept);
    }
  });
});

describe('document settings: one store with workbook.settings', () => {
  // Office.Settings: loaded with the Document when the add-in starts; set/remove change the in-memory copy only;
  // saveAsync writes that copy into the document; refreshAsync reads the document's settings into the copy again.
  // https://learn.microsoft.com/javascript/api/office/office.settings
  const saveAsync = (fake: FakeExcel) => new Promise<{ status: string; error?: { message: string } }>((resolve) => fake.documentSettings.saveAsync(resolve));

  it('reads what workbook.settings holds at start, and a save from a stale copy drops keys written since', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => void context.workbook.settings.add('early', 1));
    const opened = fake.reopen();
    expect(opened.documentSettings.get('early')).toBe(1);
    await opened.run(async (context) => void context.workbook.settings.add('record', '{"fairness":"{1}"}'));
    // The copy was loaded before the record was written: saving it as is loses the record.
    opened.documentSettings.set('state', { v: 1 });
    expect((await saveAsync(opened)).status).toBe('succeeded');
    expect(opened.workbookState.settings()).toEqual({ early: 1, state: { v: 1 } });
  });

  it('keeps keys written through workbook.settings when the copy is refreshed before saving', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => void context.workbook.settings.add('record', 'ids'));
    fake.documentSettings.set('state', 'mine');
    await new Promise((resolve) => fake.documentSettings.refreshAsync(resolve));
    // refreshAsync replaced the copy with the document's settings: set again after it, then save.
    expect(fake.documentSettings.get('state')).toBeNull();
    fake.documentSettings.set('state', 'mine');
    await saveAsync(fake);
    expect(fake.workbookState.settings()).toEqual({ record: 'ids', state: 'mine' });
  });

  it('reports a failed save (status "failed", the message) and leaves the document as it was', async () => {
    const fake = createFakeExcel();
    fake.documentSettings.set('state', 'mine');
    fake.failNextSettingsSave('The document is read-only.');
    const result = await saveAsync(fake);
    expect([result.status, result.error?.message]).toEqual(['failed', 'The document is read-only.']);
    expect(fake.workbookState.settings()).toEqual({});
    expect((await saveAsync(fake)).status).toBe('succeeded');
    expect(fake.reopen().documentSettings.get('state')).toBe('mine');
  });

  it('loses unsaved changes when the workbook is reopened', async () => {
    const fake = createFakeExcel();
    fake.documentSettings.set('unsaved', true);
    expect(fake.reopen().documentSettings.get('unsaved')).toBeNull();
  });
});
