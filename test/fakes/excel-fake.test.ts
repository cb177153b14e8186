/**
 * Pins the fake's proxy/sync model and cell-value rules to Office.js behaviour.
 * Each test cites the Microsoft documentation (or OFFICE-NOTES.md) it models.
 */
import { describe, it, expect } from 'vitest';
import { createFakeExcel, UNEVALUATED_FORMULA, type FakeExcel } from './excel-fake.js';

const accounts = () =>
  createFakeExcel({
    sheets: [
      { name: 'Accounts', values: [['Account_ID', 'ARR'], ['A-1', 100], ['A-2', 250]] },
      { name: 'Reps', values: [['Rep_Name'], ['Ana']] },
    ],
  });

/** Runs a batch and returns the rejection (fails the test if it resolves). */
async function rejection(fake: FakeExcel, batch: (context: Excel.RequestContext) => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await fake.run(batch);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the batch to fail');
}

describe('proxy objects, load() and sync()', () => {
  it('throws PropertyNotLoaded when a property is read before load + sync', async () => {
    // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
    // ("you must call load ... and then sync before reading"); code from OfficeExtension.ErrorCodes.propertyNotLoaded.
    const fake = accounts();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Accounts').getRange('A1:B2');
      expect(() => range.values).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      expect(() => range.values).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(range.values).toEqual([['Account_ID', 'ARR'], ['A-1', 100]]);
    });
  });

  it('queues writes and applies them only at sync; the value set is readable locally', async () => {
    // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model (commands are queued, sync() runs the batch)
    const fake = accounts();
    await fake.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Accounts').getRange('C1');
      cell.values = [['Segment']];
      expect(fake.workbookState.sheet('Accounts').value('C1')).toBe('');
      expect(cell.values).toEqual([['Segment']]);
      await context.sync();
      expect(fake.workbookState.sheet('Accounts').value('C1')).toBe('Segment');
    });
  });

  it('accepts every load() form: "a, b", [..], {select}, nested objects and navigation paths', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-load-member(1)
    const fake = accounts();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      const a = sheet.getRange('A1').load('address, rowCount');
      const b = sheet.getRange('A1:B1').load(['columnCount']);
      const c = sheet.getRange('B2').load({ select: 'values' });
      const d = sheet.getRange('A1').load({ format: { fill: { color: true } }, values: true } as never);
      const e = sheet.getRange('A1').load('format/font/bold');
      await context.sync();
      expect([a.address, a.rowCount, b.columnCount, c.values, d.values, d.format.fill.color, e.format.font.bold]).toEqual([
        'Accounts!A1', 1, 2, [[100]], [['Account_ID']], '#FFFFFF', false,
      ]);
      expect(() => a.values).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('fails the sync with InvalidArgument when loading a property that does not exist', async () => {
    // Office.js rejects the request for an unknown property; https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
    const fake = accounts();
    const error = await rejection(fake, async (context) => {
      context.workbook.worksheets.getItem('Accounts').getRange('A1').load('valuez');
      await context.sync();
    });
    expect(error.code).toBe('InvalidArgument');
  });

  it('exposes collection items only after load, with the item properties asked for', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-items-member
    const fake = accounts();
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      sheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Accounts', 'Reps']);
      expect(() => sheets.items[0]!.position).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('reports a missing sheet at sync (ItemNotFound); getItemOrNullObject gives isNullObject instead', async () => {
    // https://learn.microsoft.com/javascript/api/office/officeextension.clientobject#office-officeextension-clientobject-isnullobject-member
    const fake = accounts();
    const error = await rejection(fake, async (context) => {
      const missing = context.workbook.worksheets.getItem('Nope'); // no error yet: nothing is sent
      missing.load('name');
      await context.sync();
    });
    expect(error.code).toBe('ItemNotFound');
    await fake.run(async (context) => {
      const maybe = context.workbook.worksheets.getItemOrNullObject('nope');
      const there = context.workbook.worksheets.getItemOrNullObject('accounts');
      expect(() => maybe.isNullObject).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect([maybe.isNullObject, there.isNullObject]).toEqual([true, false]);
    });
  });

  it('returns ClientResult from getCount(), readable after sync (ValueNotLoaded before)', async () => {
    // https://learn.microsoft.com/javascript/api/office/officeextension.clientresult
    const fake = accounts();
    await fake.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(() => count.value).toThrowError(expect.objectContaining({ code: 'ValueNotLoaded' }));
      await context.sync();
      expect(count.value).toBe(2);
    });
  });

  it('sends what is still queued when the batch resolves, and closes the context afterwards', async () => {
    // Excel.run executes pending commands when the batch promise resolves and then releases its objects:
    // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#run-function
    const fake = accounts();
    let stale: Excel.Range | undefined;
    await fake.run(async (context) => {
      stale = context.workbook.worksheets.getItem('Reps').getRange('B1');
      stale.values = [['Region']];
    });
    expect(fake.workbookState.sheet('Reps').value('B1')).toBe('Region');
    expect(fake.stats.syncCount).toBe(1);
    expect(() => (stale!.values = [['x']])).toThrowError(expect.objectContaining({ code: 'InvalidRequestContext' }));
  });

  it('supports run(object, batch), context.load(object, props) and set({...}) like Office.js', async () => {
    // Excel.run overloads and ClientRequestContext.load: https://learn.microsoft.com/javascript/api/excel#excel-excel-run-function(1)
    // https://learn.microsoft.com/javascript/api/office/officeextension.clientrequestcontext#office-officeextension-clientrequestcontext-load-member(1)
    const fake = accounts();
    let header: Excel.Range | undefined;
    await fake.run(async (context) => {
      header = context.workbook.worksheets.getItem('Accounts').getRange('A1:B1');
      context.load(header, 'address');
      await context.sync();
    });
    await fake.run(header!, async (context) => {
      header!.set({ values: [['ID', 'ARR ($)']], format: { font: { bold: true } } } as never);
      await context.sync();
    });
    expect(header!.address).toBe('Accounts!A1:B1');
    expect(fake.workbookState.sheet('Accounts').values('A1:B1')).toEqual([['ID', 'ARR ($)']]);
    expect(fake.workbookState.sheet('Accounts').format('B1').bold).toBe(true);
  });

  it('requires the batch function to return a promise (RunMustReturnPromise)', async () => {
    // OfficeExtension.ErrorCodes.runMustReturnPromise: https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes
    const fake = accounts();
    await expect(fake.run((() => undefined) as never)).rejects.toMatchObject({ code: 'RunMustReturnPromise' });
  });

  it('counts syncs, request/response bytes, cells, tracked and untracked objects', async () => {
    // Each sync is a round trip; payload = calls + values (OFFICE-NOTES.md "Excel API limits");
    // https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
    const fake = accounts();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Accounts').getRange('C1:C3');
      range.values = [['Segment'], ['Enterprise'], ['Mid-Market']];
      await context.sync();
      range.load('values');
      range.untrack();
      context.trackedObjects.add(range);
      await context.sync();
    });
    const [write, read] = fake.stats.syncs;
    expect(fake.stats.syncCount).toBe(2);
    expect(write).toMatchObject({ ok: true, cellsWritten: 3, cellsRead: 0, operations: ['Range.values='] });
    expect(write!.requestBytes).toBeGreaterThan(JSON.stringify([['Segment'], ['Enterprise'], ['Mid-Market']]).length);
    expect(read).toMatchObject({ cellsRead: 3, operations: ['Range.load'] });
    expect(read!.responseBytes).toBeGreaterThanOrEqual(JSON.stringify({ values: [['Segment'], ['Enterprise'], ['Mid-Market']] }).length);
    expect([fake.stats.untracked, fake.stats.tracked, fake.stats.runs]).toEqual([1, 1, 1]);
  });
});

describe('Range.values: shape and typed-input rules', () => {
  it('rejects values whose shape does not match the range (InvalidArgument) and writes nothing', async () => {
    // "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values
    const fake = accounts();
    for (const bad of [[['a', 'b']], [['a'], ['b', 'c']], [['a'], ['b'], ['c']], ['a', 'b'] as unknown as string[][]]) {
      const error = await rejection(fake, async (context) => {
        context.workbook.worksheets.getItem('Reps').getRange('C1:C2').values = bad;
        await context.sync();
      });
      expect(error.code).toBe('InvalidArgument');
    }
    expect(fake.workbookState.sheet('Reps').values('C1:C2')).toEqual([[''], ['']]);
  });

  it('fills every cell with a single scalar, and leaves cells given as null unchanged', async () => {
    // Range.values accepts a single value for the whole range; null entries are ignored:
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
    const fake = accounts();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      (sheet.getRange('D1:E2') as { values: unknown }).values = 'x';
      sheet.getRange('A2:B2').values = [[null, 999]];
      await context.sync();
    });
    const s = fake.workbookState.sheet('Accounts');
    expect(s.values('D1:E2')).toEqual([['x', 'x'], ['x', 'x']]);
    expect(s.values('A2:B2')).toEqual([['A-1', 999]]);
  });

  it('turns a string starting with "=" into a formula: values read the result, formulas the text', async () => {
    // Range.values: a value starting with "=" is interpreted as a formula (OFFICE-NOTES.md "Range.values");
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member
    const fake = accounts();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Reps').getRange('B1:B2');
      range.values = [['=2*(3+4)'], ['=HYPERLINK("http://x","y")']];
      await context.sync();
      range.load('values, formulas');
      await context.sync();
      expect(range.values).toEqual([[14], [UNEVALUATED_FORMULA]]);
      expect(range.formulas).toEqual([['=2*(3+4)'], ['=HYPERLINK("http://x","y")']]);
    });
    expect(fake.workbookState.sheet('Reps').formula('B2')).toBe('=HYPERLINK("http://x","y")');
  });

  it('treats "+" or "-" followed by a digit, letter or "(" as a formula, but a plain number as a number', async () => {
    // OFFICE-NOTES.md "Range.values": a string beginning with =, + or - is taken as a formula; the fake models
    // +/- followed by [0-9A-Za-z(] ("+1-555" → "=+1-555" = -554) and plain decimals/booleans as typed numbers.
    const fake = accounts();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('A2:A8').values = [['+1-555'], ['-A1'], ['-5'], ['00123'], ['TRUE'], ['- dash'], ['+(2)']];
    });
    const s = fake.workbookState.sheet('Reps');
    expect(s.values('A2:A8')).toEqual([[-554], [UNEVALUATED_FORMULA], [-5], [123], [true], ['- dash'], [2]]);
    expect([s.formula('A2'), s.formula('A3'), s.formula('A4'), s.formula('A8')]).toEqual(['=+1-555', '=-A1', undefined, '=+(2)']);
  });

  it('treats "@" followed by a letter as Lotus-style formula entry, never as literal text', async () => {
    // Excel still accepts 1-2-3 style entry ("@SUM(A1:A2)" becomes =SUM(A1:A2)); SPEC §9 lists "@x" among the
    // strings that must be written guarded. "@" before anything else ("@ home", "@") stays text.
    const fake = accounts();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('A2:A5').values = [['@SUM(1,2)'], ['@x'], ['@ home'], ["'@x"]];
    });
    const s = fake.workbookState.sheet('Reps');
    expect([s.formula('A2'), s.formula('A3'), s.formula('A4'), s.formula('A5')]).toEqual(['=SUM(1,2)', '=x', undefined, undefined]);
    expect(s.values('A4:A5')).toEqual([['@ home'], ['@x']]);
  });

  it('keeps text literal after a leading apostrophe (the hidden quote prefix is not part of the value)', async () => {
    // OFFICE-NOTES.md: "The usual guard is a leading apostrophe (Excel keeps it as a hidden quote prefix and
    // reads the value back without it)".
    const fake = accounts();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Reps').getRange('B1:B3');
      range.values = [["'=HYPERLINK(1)"], ["'+1-555"], ["'00123"]];
      await context.sync();
      range.load('values, text');
      await context.sync();
      expect(range.values).toEqual([['=HYPERLINK(1)'], ['+1-555'], ['00123']]);
      expect(range.text).toEqual([['=HYPERLINK(1)'], ['+1-555'], ['00123']]);
    });
    expect(fake.workbookState.sheet('Reps').formulas()).toEqual({});
  });

  it('keeps strings literal in cells formatted as text ("@") at the time of the write', async () => {
    // Text number format stores entries as typed (OFFICE-NOTES.md notes this is not documented for the API;
    // the fake follows Excel's typed-entry behaviour). Order matters: the format must be set first.
    const fake = accounts();
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Reps');
      sheet.getRange('C1:C2').numberFormat = [['@'], ['@']];
      sheet.getRange('C1:C2').values = [['=1+1'], ['00123']];
      sheet.getRange('D1').values = [['=1+1']];
      sheet.getRange('D1').numberFormat = [['@']];
    });
    const s = fake.workbookState.sheet('Reps');
    expect(s.values('C1:D2')).toEqual([['=1+1', 2], ['00123', '']]);
    expect([s.numberFormat('C1'), s.numberFormat('D1'), s.numberFormat('E1')]).toEqual(['@', '@', 'General']);
  });

  it('reads numberFormat, text and valueTypes per cell', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-valuetypes-member
    const fake = accounts();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Accounts').getRange('A2:C2');
      range.numberFormat = [[null, '#,##0', null]];
      range.load('numberFormat, text, valueTypes');
      await context.sync();
      expect(range.numberFormat).toEqual([['General', '#,##0', 'General']]);
      expect(range.text).toEqual([['A-1', '100', '']]);
      expect(range.valueTypes).toEqual([['String', 'Double', 'Empty']]);
    });
  });
});
