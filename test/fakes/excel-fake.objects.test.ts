/**
 * Pins the object model the adapter uses: worksheets, range navigation, used range, formats,
 * freeze panes, custom properties, settings, tables, charts, Office globals, and a 100k-row sheet.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createFakeExcel, installOfficeGlobals, FakeOfficeError, PAYLOAD_LIMIT_BYTES, type FakeExcel } from './excel-fake.js';

const fresh = () => createFakeExcel({ sheets: [{ name: 'Accounts', values: [['Account_ID', 'ARR'], ['A-1', 100], ['A-2', 250]] }] });

async function codeOf(fake: FakeExcel, batch: (context: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  try {
    await fake.run(batch);
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('worksheets', () => {
  it('adds sheets with default names, not activated; deletes, reorders, activates; keeps one sheet', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)
    const fake = fresh();
    await fake.run(async (context) => {
      const added = context.workbook.worksheets.add();
      const named = context.workbook.worksheets.add('Fairness');
      named.position = 0;
      added.load('name');
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      expect([added.name, active.name]).toEqual(['Sheet2', 'Accounts']);
      named.activate();
      context.workbook.worksheets.getItem('Sheet2').delete();
    });
    expect(fake.workbookState.sheetNames()).toEqual(['Fairness', 'Accounts']);
    expect(fake.workbookState.activeSheetName()).toBe('Fairness');
    const lone = createFakeExcel();
    expect(await codeOf(lone, async (context) => context.workbook.worksheets.getItem('Sheet1').delete())).toBe('InvalidOperation');
  });

  it('makes a deleted sheet unusable through proxies bound to it (ItemNotFound)', async () => {
    // Proxies stay bound to the object they resolved to (by id), like Office.js object paths.
    const fake = fresh();
    await fake.run(async (context) => {
      context.workbook.worksheets.add('Temp');
      const temp = context.workbook.worksheets.getItem('Temp').load('name');
      await context.sync();
      temp.delete();
      await context.sync();
      temp.getRange('A1').values = [['x']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });
});

describe('ranges', () => {
  it('navigates like Excel: addresses, indexes, resize, offset, cells, rows and whole columns', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.range (getCell, getResizedRange, getOffsetRange, ...)
    const fake = fresh();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      const base = sheet.getRangeByIndexes(1, 0, 2, 2);
      const list = [
        base, base.getResizedRange(1, 1), base.getOffsetRange(1, 2), base.getCell(5, 5), base.getRow(1), base.getColumn(1),
        base.getLastCell(), sheet.getRange('$B$2:A1'), sheet.getRange('C:D'), sheet.getRange('2:3'), sheet.getRange('Accounts!B2'),
      ].map((r) => r.load('address, rowIndex, columnIndex, rowCount, columnCount'));
      await context.sync();
      expect(list.map((r) => r.address)).toEqual([
        'Accounts!A2:B3', 'Accounts!A2:C4', 'Accounts!C3:D4', 'Accounts!F7', 'Accounts!A3:B3', 'Accounts!B2:B3',
        'Accounts!B3', 'Accounts!A1:B2', 'Accounts!C:D', 'Accounts!2:3', 'Accounts!B2',
      ]);
      expect([list[0]!.rowIndex, list[0]!.columnIndex, list[8]!.rowCount]).toEqual([1, 0, 1_048_576]);
    });
    for (const bad of [
      (s: Excel.Worksheet) => s.getRangeByIndexes(0, 0, 0, 1),
      (s: Excel.Worksheet) => s.getRangeByIndexes(1_048_576, 0, 1, 1),
      (s: Excel.Worksheet) => s.getRange('A1').getOffsetRange(-1, 0),
      (s: Excel.Worksheet) => s.getRange('A1:B2').getRow(2),
      (s: Excel.Worksheet) => s.getRange('ZZZZ1'),
      (s: Excel.Worksheet) => s.getRange('Reps!A1'),
    ]) {
      expect(await codeOf(fake, async (context) => void bad(context.workbook.worksheets.getItem('Accounts')).load('address'))).toBe('InvalidArgument');
    }
  });

  it('gives the used range (A1 for a blank sheet), or a null object from getUsedRangeOrNullObject', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)
    const fake = fresh();
    await fake.run(async (context) => {
      const blank = context.workbook.worksheets.add('Blank');
      blank.getRange('D5').format.fill.color = '#FFFF00';
      const used = context.workbook.worksheets.getItem('Accounts').getUsedRange().load('address');
      const usedBlank = blank.getUsedRange(true).load('address');
      const withFormats = blank.getUsedRange().load('address');
      const none = blank.getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      expect([used.address, usedBlank.address, withFormats.address, none.isNullObject]).toEqual(['Accounts!A1:B3', 'Blank!A1', 'Blank!D5', true]);
    });
  });

  it('reports formats per range: uniform value, or null when cells differ; autofit and clear', async () => {
    // RangeFill.color / RangeFont.bold / RangeFormat.columnWidth return null when not uniform:
    // https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-columnwidth-member
    const fake = fresh();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      const header = sheet.getRange('A1:B1');
      header.format.fill.color = '#0f6';
      header.format.font.bold = true;
      header.format.font.color = 'white';
      sheet.getRange('A1:A3').format.autofitColumns();
      sheet.getRange('B:B').format.columnWidth = 80;
      const mixed = sheet.getRange('A1:B2').load('format/fill/color, format/font/bold, format/columnWidth');
      const head = header.load('format/fill/color, format/font/color');
      await context.sync();
      expect([mixed.format.fill.color, mixed.format.font.bold, mixed.format.columnWidth, head.format.fill.color, head.format.font.color]).toEqual([null, null, null, '#00FF66', '#FFFFFF']);
      header.clear('Formats');
      header.load('format/fill/color, values');
      await context.sync();
      expect([header.format.fill.color, header.values]).toEqual(['#FFFFFF', [['Account_ID', 'ARR']]]);
    });
    const s = fake.workbookState.sheet('Accounts');
    expect([s.columnWidth('A'), s.columnWidth('B')]).toEqual([Math.ceil(10 * 5.25 + 7.5), 80]);
    expect(await codeOf(fake, async (context) => void (context.workbook.worksheets.getItem('Accounts').getRange('A1').format.fill.color = 'not a colour'))).toBe('InvalidArgument');
  });
});

describe('freeze panes, custom properties, settings', () => {
  it('freezes header rows and reports the frozen location', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes (ExcelApi 1.7)
    const fake = fresh();
    await fake.run(async (context) => {
      const panes = context.workbook.worksheets.getItem('Accounts').freezePanes;
      panes.freezeRows(1);
      const where = panes.getLocationOrNullObject().load('address');
      await context.sync();
      expect(where.address).toBe('Accounts!1:1');
    });
    expect(fake.workbookState.sheet('Accounts').frozenRows).toBe(1);
  });

  it('stores worksheet custom properties: case-insensitive keys ≤ 255 chars, add overwrites', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheetcustompropertycollection (ExcelApi 1.12)
    const fake = fresh();
    await fake.run(async (context) => {
      const props = context.workbook.worksheets.getItem('Accounts').customProperties;
      props.add('TerritorySlicer.Owner', 'v1');
      props.add('territoryslicer.owner', 'v2');
      const one = props.getItem('TERRITORYSLICER.OWNER').load('key, value');
      const none = props.getItemOrNullObject('other').load('value');
      props.load('items/key, items/value');
      await context.sync();
      expect([one.key, one.value, none.isNullObject, props.items.length]).toEqual(['TerritorySlicer.Owner', 'v2', true, 1]);
    });
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.getItem('Accounts').customProperties.add('k'.repeat(256), 'v'))).toBe('InvalidArgument');
  });

  it('keeps workbook settings as JSON values', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.settingcollection (ExcelApi 1.4)
    const fake = fresh();
    await fake.run(async (context) => {
      context.workbook.settings.add('owned', { fairness: '{0001}' });
      const s = context.workbook.settings.getItemOrNullObject('owned').load('value');
      await context.sync();
      expect(s.value).toEqual({ fairness: '{0001}' });
    });
    expect(fake.workbookState.settings()).toEqual({ owned: { fairness: '{0001}' } });
  });
});

describe('tables', () => {
  it('creates a table over written values with a workbook-unique name; rejects clashes and bad names', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1);
    // table names follow defined-name rules and are unique in the workbook; Excel reports a taken name with
    // InvalidArgument (excel-fake.fidelity.test.ts).
    const fake = fresh();
    await fake.run(async (context) => {
      const other = context.workbook.worksheets.add('Audit Log');
      other.getRange('A1:B2').values = [['Step', 'Account'], [1, 'A-1']];
      const t = other.tables.add(other.getRange('A1:B2'), true);
      t.name = 'AuditLog';
      const auto = context.workbook.tables.add('Accounts!A1:B3', true).load('name');
      await context.sync();
      expect(auto.name).toBe('Table2');
    });
    const rename = (name: string) => codeOf(fake, async (context) => void (context.workbook.tables.getItem('Table2').name = name));
    expect(await rename('auditlog')).toBe('InvalidArgument');
    for (const bad of ['Audit Log', '1Table', 'A1', 'R1C1', 'C', '']) expect(await rename(bad)).toBe('InvalidArgument');
    expect(await rename('_Accounts.v2')).toBe('OK');
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.getItem('Accounts').tables.add('B2:C4', true))).toBe('InvalidArgument');
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.getItem('Accounts').tables.add('E1:F2', false))).toBe('NotImplemented');
    expect(fake.workbookState.tables().map((t) => [t.name, t.address])).toEqual([['AuditLog', "'Audit Log'!A1:B2"], ['_Accounts.v2', 'Accounts!A1:B3']]);
  });

  it('puts a table given an address without a sheet name on the active sheet, as documented', async () => {
    // TableCollection.add: "If the address does not contain a sheet name, the currently-active sheet is used"
    // (@types/office-js; https://learn.microsoft.com/javascript/api/excel/excel.tablecollection). That holds for a
    // worksheet's own collection too, so code that means a particular sheet passes a Range (ExcelApi 1.3).
    const fake = createFakeExcel({ sheets: [{ name: 'Active', values: [['a', 'b'], [1, 2]] }, { name: 'Other', values: [['c', 'd'], [3, 4]] }] });
    await fake.run(async (context) => {
      const other = context.workbook.worksheets.getItem('Other');
      other.tables.add('A1:B2', true).name = 'ByAddress';
      other.tables.add(other.getRange('A1:B2'), true).name = 'ByRange';
      await context.sync();
    });
    expect(fake.workbookState.activeSheetName()).toBe('Active');
    expect(fake.workbookState.tables().map((t) => [t.name, t.address])).toEqual([['ByAddress', 'Active!A1:B2'], ['ByRange', 'Other!A1:B2']]);
  });

  it('makes header cells unique text and exposes header, body and column ranges', async () => {
    // Excel fills blank headers ("Column2") and de-duplicates repeated ones ("Name2").
    const fake = createFakeExcel({ sheets: [{ name: 'S', values: [['Name', '', 'name', 2024], ['a', 1, 2, 3]] }] });
    await fake.run(async (context) => {
      const t = context.workbook.worksheets.getItem('S').tables.add('A1:D2', true);
      const header = t.getHeaderRowRange().load('values');
      const body = t.getDataBodyRange().load('address');
      const col = t.columns.getItem('COLUMN2').getDataBodyRange().load('values');
      t.columns.load('items/name, items/index');
      await context.sync();
      expect(header.values).toEqual([['Name', 'Column2', 'name2', '2024']]);
      expect([body.address, col.values]).toEqual(['S!A2:D2', [[1]]]);
      expect(t.columns.items.map((c) => `${c.index}:${c.name}`)).toEqual(['0:Name', '1:Column2', '2:name2', '3:2024']);
    });
  });

  it('adds columns (header + body, or body + name) and rows, shifting cells to make room', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.tablecolumncollection#excel-excel-tablecolumncollection-add-member(1)
    const fake = createFakeExcel({ sheets: [{ name: 'S', values: [['ID', 'ARR', '', 'note'], ['a', 1, '', 'keep'], ['b', 2]] }] });
    await fake.run(async (context) => {
      const t = context.workbook.worksheets.getItem('S').tables.add('A1:B3', true);
      t.columns.add(undefined, [['Segment'], ['Enterprise'], ['Mid-Market']]);
      t.columns.add(undefined, [['Ana'], ['+1-555']], 'Assigned_Rep');
      t.rows.add(undefined, [['c', 3, 'Enterprise', 'Bo']]);
    });
    const s = fake.workbookState.sheet('S');
    expect(s.values('A1:F4')).toEqual([
      ['ID', 'ARR', 'Segment', 'Assigned_Rep', '', 'note'],
      ['a', 1, 'Enterprise', 'Ana', '', 'keep'],
      ['b', 2, 'Mid-Market', -554, '', ''],
      ['c', 3, 'Enterprise', 'Bo', '', ''],
    ]);
    expect(fake.workbookState.tables()[0]!.address).toBe('S!A1:D4');
    expect(await codeOf(fake, async (context) => void context.workbook.tables.getItemAt(0).columns.add(undefined, [['x'], ['y']]))).toBe('InvalidArgument');
  });
});

describe('charts', () => {
  it('builds series from the source block and supports titles, extra series, secondary axes and position', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1);
    // series.add/setValues/setXAxisValues (1.7), axisGroup (1.8), axes.getItem(type, group) (1.7).
    const fake = createFakeExcel({ sheets: [{ name: 'Sens', values: [['Threshold', 'Fairness', 'Ratio'], [100, 0.8, 1.2], [200, 0.9, 1.1]] }] });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sens');
      const chart = sheet.charts.add('Line' as Excel.ChartType, sheet.getRange('B1:C3'), 'Columns' as Excel.ChartSeriesBy);
      chart.title.text = 'Sensitivity';
      chart.name = 'SensitivityChart';
      const ratio = chart.series.getItemAt(1);
      ratio.axisGroup = 'Secondary' as Excel.ChartAxisGroup;
      chart.series.getItemAt(0).setXAxisValues(sheet.getRange('A2:A3'));
      const extra = chart.series.add('Extra');
      extra.setValues(sheet.getRange('B2:B3'));
      chart.axes.getItem('Value' as Excel.ChartAxisType, 'Secondary' as Excel.ChartAxisGroup).title.text = 'Ratio';
      chart.setPosition('E2', 'L20');
      chart.series.load('items/name, items/axisGroup');
      await context.sync();
      expect(chart.series.items.map((s) => `${s.name}/${s.axisGroup}`)).toEqual(['Fairness/Primary', 'Ratio/Secondary', 'Extra/Primary']);
    });
    const [chart] = fake.workbookState.sheet('Sens').charts();
    expect(chart).toMatchObject({ name: 'SensitivityChart', type: 'Line', title: 'Sensitivity', position: { start: 'E2', end: 'L20' } });
    expect(chart!.series.map((s) => [s.values, s.xValues])).toEqual([['Sens!B2:B3', 'Sens!A2:A3'], ['Sens!C2:C3', null], ['Sens!B2:B3', null]]);
    expect(chart!.axes['Value/Secondary']).toMatchObject({ title: 'Ratio' });
  });

  it('rejects unknown chart types and a secondary axis no series uses', async () => {
    // Excel.ChartType values; a secondary axis appears only when a series is on it.
    const fake = createFakeExcel({ sheets: [{ name: 'S', values: [['a', 'b'], [1, 2]] }] });
    expect(await codeOf(fake, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.charts.add('Sparkly' as Excel.ChartType, s.getRange('A1:B2'));
    })).toBe('InvalidArgument');
    expect(await codeOf(fake, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.charts.add('ColumnClustered' as Excel.ChartType, s.getRange('A1:B2')).axes.getItem('Value' as Excel.ChartAxisType, 'Secondary' as Excel.ChartAxisGroup).load('visible');
    })).toBe('ItemNotFound');
  });
});

describe('Office globals and scale', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('installs Excel/Office/OfficeExtension globals so code calling Excel.run directly works', async () => {
    // Office.context.requirements.isSetSupported: https://learn.microsoft.com/javascript/api/office/office.requirementsetsupport
    const fake = fresh();
    restore = installOfficeGlobals(fake);
    expect([Excel.ChartType.columnClustered, Excel.ChartType.xyscatter, Excel.ErrorCodes.itemNotFound]).toEqual(['ColumnClustered', 'XYScatter', 'ItemNotFound']);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
    const error = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Missing').load('name');
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeExtension.Error);
    expect(error).toBeInstanceOf(FakeOfficeError);
  });

  it('handles a 100,000 × 12 sheet written and read in 10,000-row blocks within the limits', async () => {
    // Large ranges: read/write in row blocks, one sync per block (OFFICE-NOTES.md; excel-add-ins-ranges-large).
    const rows = 100_000;
    const cols = 12;
    const data = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (c % 3 === 0 ? `Acct ${r}-${c}` : r * cols + c)));
    const fake = createFakeExcel({ sheets: [{ name: 'Accounts', values: data }] });
    const read: unknown[][] = [];
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
      sheet.getRangeByIndexes(0, cols, rows, 1).values = data.map((row) => [row[0]]);
      await context.sync();
      for (let start = 0; start < rows; start += 10_000) {
        const block = sheet.getRangeByIndexes(start, 0, 10_000, cols + 1).load('values');
        await context.sync();
        read.push(...block.values);
        block.untrack();
      }
    });
    expect(read.length).toBe(rows);
    expect(read[99_999]).toEqual([...data[99_999]!, 'Acct 99999-0']);
    expect(fake.stats.syncCount).toBe(11);
    expect(fake.stats.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.stats.totalCellsRead).toBe(rows * (cols + 1));
  });
});
