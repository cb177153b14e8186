/**
 * Pins Excel's rules as the fake enforces them: sheet names, protection, payload and cell limits,
 * batch failure semantics, fault injection, cell-edit mode and requirement sets.
 */
import { describe, it, expect } from 'vitest';
import { createFakeExcel, PAYLOAD_LIMIT_BYTES, type FakeExcel, type FakeExcelOptions } from './excel-fake.js';

const workbook = (options?: FakeExcelOptions, protectedSheet = false) =>
  createFakeExcel({ sheets: [{ name: 'Accounts', values: [['Account_ID'], ['A-1']], protected: protectedSheet }, { name: 'Reps', values: [['Rep_Name']] }] }, options);

function writeReps(context: Excel.RequestContext, address: string, value: string): void {
  context.workbook.worksheets.getItem('Reps').getRange(address).values = [[value]];
}

async function codeOf(fake: FakeExcel, batch: (context: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  try {
    await fake.run(batch);
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'OK';
}

describe('sheet-name rules', () => {
  // OFFICE-NOTES.md "Sheet names": ≤ 31 chars, not blank, none of \ / ? * : [ ], no leading or trailing ',
  // unique ignoring case, "History" reserved. Excel rejects an invalid name with InvalidArgument and a taken
  // one with ItemAlreadyExists: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
  const cases: Array<[string, string]> = [
    ['x'.repeat(31), 'OK'],
    ['x'.repeat(32), 'InvalidArgument'],
    ['', 'InvalidArgument'],
    ['   ', 'InvalidArgument'],
    ...['\\', '/', '?', '*', ':', '[', ']'].map((ch): [string, string] => [`a${ch}b`, 'InvalidArgument']),
    ["'quoted", 'InvalidArgument'],
    ["quoted'", 'InvalidArgument'],
    ["Sam's sheet", 'OK'],
    ['History', 'InvalidArgument'],
    ['history', 'InvalidArgument'],
    ['ACCOUNTS', 'ItemAlreadyExists'],
    ['Fairness (2)', 'OK'],
  ];
  it.each(cases)('worksheets.add(%j) → %s', async (name, expected) => {
    const fake = workbook();
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.add(name);
      await context.sync();
    })).toBe(expected);
  });

  it('applies the same rules when renaming, and keeps the sheet id stable across renames', async () => {
    // Worksheet.name / Worksheet.id: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member
    const fake = workbook();
    const id = fake.workbookState.sheet('Accounts').id;
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Accounts').name = 'reps';
    })).toBe('ItemAlreadyExists');
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').name = 'My Accounts';
    });
    await fake.run(async (context) => {
      const byId = context.workbook.worksheets.getItem(id).load('name, id');
      const range = byId.getRange('A1').load('address');
      await context.sync();
      expect([byId.name, byId.id, range.address]).toEqual(['My Accounts', id, "'My Accounts'!A1"]);
    });
  });
});

describe('protected sheets', () => {
  it('refuse writes with AccessDenied, and none of the batch applies (atomic by default)', async () => {
    // Writing to a protected sheet fails with AccessDenied: https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection
    const fake = workbook({}, true);
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('B1').values = [['before']];
      context.workbook.worksheets.getItem('Accounts').getRange('B1').values = [['Segment']];
      context.workbook.worksheets.add('Fairness');
    })).toBe('AccessDenied');
    expect(fake.workbookState.sheet('Reps').value('B1')).toBe('');
    expect(fake.workbookState.sheetNames()).toEqual(['Accounts', 'Reps']);
    expect(fake.stats.syncs.at(-1)).toMatchObject({ ok: false, errorCode: 'AccessDenied' });
  });

  it('leave no trace of objects created by a failed batch: their proxies fail afterwards', async () => {
    // Atomic model (README.md): a rolled-back worksheets.add must not leave a usable sheet behind.
    const fake = workbook({}, true);
    await fake.run(async (context) => {
      const added = context.workbook.worksheets.add('Fairness');
      context.workbook.worksheets.getItem('Accounts').getRange('B1').values = [['Segment']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      added.getRange('A1').values = [['orphan']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    expect(fake.workbookState.sheetNames()).toEqual(['Accounts', 'Reps']);
  });

  it("in 'partial' mode keep what ran before the failing operation, as real Excel batches do", async () => {
    // Excel batches are not transactional: operations before the failing one stay applied
    // (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
    const fake = workbook({ batchFailure: 'partial' }, true);
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('B1').values = [['before']];
      context.workbook.worksheets.getItem('Accounts').getRange('B1').values = [['Segment']];
      context.workbook.worksheets.getItem('Reps').getRange('C1').values = [['after']];
    })).toBe('AccessDenied');
    expect(fake.workbookState.sheet('Reps').values('B1:C1')).toEqual([['before', '']]);
  });

  it('refuse formats, clear, tables and charts; allow rename, freeze panes and custom properties', async () => {
    // WorksheetProtection covers cell content and formatting; renaming is workbook structure, not sheet protection.
    const fake = workbook({}, true);
    const attempts: Array<(s: Excel.Worksheet) => void> = [
      (s) => (s.getRange('A1').format.fill.color = '#FF0000'),
      (s) => s.getRange('A1').clear(),
      (s) => s.tables.add('A1:A2', true),
      (s) => s.charts.add('ColumnClustered' as Excel.ChartType, s.getRange('A1:A2')),
      (s) => (s.getRange('A1').numberFormat = [['@']]),
    ];
    for (const attempt of attempts) {
      expect(await codeOf(fake, async (context) => attempt(context.workbook.worksheets.getItem('Accounts')))).toBe('AccessDenied');
    }
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Accounts');
      sheet.freezePanes.freezeRows(1);
      sheet.customProperties.add('owner', 'territory-slicer');
      sheet.name = 'Accounts (locked)';
    });
    const s = fake.workbookState.sheet('Accounts (locked)');
    expect([s.frozenRows, s.customProperties]).toEqual([1, { owner: 'territory-slicer' }]);
  });

  it('a protected workbook structure refuses adding, deleting and renaming sheets (ExcelApi 1.7)', async () => {
    // WorkbookProtection (Review → Protect Workbook) locks the structure:
    // https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection
    const fake = workbook();
    await fake.run(async (context) => {
      const protection = context.workbook.protection.load('protected');
      await context.sync();
      expect(protection.protected).toBe(false);
      context.workbook.protection.protect();
      await context.sync();
    });
    expect(fake.workbookState.structureProtected).toBe(true);
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.add('Fairness'))).toBe('AccessDenied');
    expect(await codeOf(fake, async (context) => context.workbook.worksheets.getItem('Reps').delete())).toBe('AccessDenied');
    expect(await codeOf(fake, async (context) => void (context.workbook.worksheets.getItem('Reps').name = 'R'))).toBe('AccessDenied');
    // Cells of unprotected sheets stay writable.
    expect(await codeOf(fake, async (context) => writeReps(context, 'B1', 'ok'))).toBe('OK');
    expect(fake.workbookState.sheetNames()).toEqual(['Accounts', 'Reps']);
    expect(await codeOf(workbook({ apiVersion: '1.6' }), async (context) => void context.workbook.protection.load('protected'))).toBe('ApiNotFound');
  });
});

describe('payload and cell limits', () => {
  // Excel on the web: 5 MB per request and per response (RequestPayloadSizeLimitExceeded); at most 5,000,000
  // cells per read. https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
  // and https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-large
  const rows = (n: number, text: string) => Array.from({ length: n }, (_, i) => [`${text}-${i}`, i]);

  it('rejects a request over 5 MB before running any of it; the same data in blocks succeeds', async () => {
    const fake = workbook();
    const big = rows(120_000, 'x'.repeat(40)); // ≈ 6.3 MB of JSON
    expect(await codeOf(fake, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Reps');
      sheet.getRange('D1').values = [['first op']];
      sheet.getRangeByIndexes(1, 0, big.length, 2).values = big;
    })).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.workbookState.sheet('Reps').value('D1')).toBe('');
    expect(fake.stats.syncs.at(-1)!.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);

    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Reps');
      for (let start = 0; start < big.length; start += 40_000) {
        sheet.getRangeByIndexes(1 + start, 0, 40_000, 2).values = big.slice(start, start + 40_000);
        await context.sync();
      }
    });
    expect(fake.workbookState.sheet('Reps').value('A120001')).toBe(`${'x'.repeat(40)}-119999`);
    expect(fake.stats.syncs.slice(-3).every((s) => s.ok && s.requestBytes < PAYLOAD_LIMIT_BYTES)).toBe(true);
  });

  it('rejects a response over 5 MB (ResponsePayloadSizeLimitExceeded), or with combinedPayloadLimit counts both', async () => {
    const fake = workbook();
    const big = rows(100_000, 'y'.repeat(50)); // ≈ 6.3 MB when read back
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Reps');
      for (let start = 0; start < big.length; start += 50_000) {
        sheet.getRangeByIndexes(start, 0, 50_000, 2).values = big.slice(start, start + 50_000);
        await context.sync();
      }
    });
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Reps').getUsedRange(true).load('values');
    })).toBe('ResponsePayloadSizeLimitExceeded');

    const combined = workbook({ combinedPayloadLimit: true, payloadLimitBytes: 1_000 });
    expect(await codeOf(combined, async (context) => {
      const range = context.workbook.worksheets.getItem('Reps').getRange('A1:A20');
      range.values = Array.from({ length: 20 }, () => ['z'.repeat(30)]);
      range.load('values');
    })).toBe('RequestPayloadSizeLimitExceeded');
  });

  it('refuses to read more than 5,000,000 cells in one read (RangeExceedsLimit)', async () => {
    const fake = workbook();
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('A:E').load('values'); // 5 × 1,048,576 cells
    })).toBe('RangeExceedsLimit');
    expect(await codeOf(fake, async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('A:A').load('address, rowCount');
    })).toBe('OK');
  });
});

describe('fault injection and cell-edit mode', () => {
  it('failNextSync / failSyncAt make a chosen sync fail before anything applies', async () => {
    // Lets tests simulate a batch failing midway (any OfficeExtension.Error code).
    const fake = workbook();
    fake.failSyncAt(2, 'GeneralException');
    expect(await codeOf(fake, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Reps');
      sheet.getRange('B1').values = [['one']];
      await context.sync();
      sheet.getRange('B2').values = [['two']];
      await context.sync();
    })).toBe('GeneralException');
    expect(fake.workbookState.sheet('Reps').values('B1:B2')).toEqual([['one'], ['']]);

    fake.failNextSync('AccessDenied');
    expect(await codeOf(fake, async (context) => writeReps(context, 'B2', 'x'))).toBe('AccessDenied');
    expect(await codeOf(fake, async (context) => writeReps(context, 'B2', 'x'))).toBe('OK');
    expect(fake.stats.failedSyncs).toBe(2);
  });

  it('fails batches in cell-edit mode unless run with delayForCellEdit, which waits for the edit to end', async () => {
    // https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
    const fake = workbook();
    fake.setCellEditMode(true);
    expect(await codeOf(fake, async (context) => writeReps(context, 'B1', 'x'))).toBe('InvalidOperation');
    let done = false;
    const delayed = fake.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem('Reps').getRange('B1').values = [['after edit']];
      await context.sync();
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    fake.setCellEditMode(false);
    await delayed;
    expect(fake.workbookState.sheet('Reps').value('B1')).toBe('after edit');

    const other = workbook({ cellEditErrorCode: 'InvalidOperationInCellEditMode' });
    other.setCellEditMode(true);
    expect(await codeOf(other, async (context) => void context.workbook.worksheets.getItem('Reps').load('name'))).toBe('InvalidOperationInCellEditMode');
  });
});

describe('requirement sets', () => {
  it('fails APIs above the host version with ApiNotFound and answers isSetSupported', async () => {
    // Requirement sets per API (OFFICE-NOTES.md); https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
    const fake = workbook({ apiVersion: '1.7' });
    expect([fake.isSetSupported('ExcelApi', '1.7'), fake.isSetSupported('ExcelApi', '1.12'), fake.isSetSupported('WordApi', '1.1')]).toEqual([true, false, false]);
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.getItem('Reps').customProperties.add('k', 'v'))).toBe('ApiNotFound');
    expect(await codeOf(fake, async (context) => context.workbook.application.suspendScreenUpdatingUntilNextSync())).toBe('ApiNotFound');
    expect(await codeOf(fake, async (context) => void context.workbook.worksheets.getItem('Reps').getRangeByIndexes(0, 0, 1, 1).load('values'))).toBe('OK');
    expect(await codeOf(workbook({ apiVersion: '1.6' }), async (context) => void context.workbook.worksheets.getItem('Reps').getRangeByIndexes(0, 0, 1, 1).load('values'))).toBe('ApiNotFound');
  });

  it('records screen-updating and calculation suspension on the sync they apply to', async () => {
    // https://learn.microsoft.com/office/dev/add-ins/excel/performance (suspend until the next sync)
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
      context.workbook.application.suspendApiCalculationUntilNextSync();
      context.workbook.worksheets.getItem('Reps').getRange('B1').values = [['x']];
      await context.sync();
      context.workbook.worksheets.getItem('Reps').getRange('B2').values = [['y']];
    });
    expect(fake.stats.syncs.map((s) => [s.screenUpdatingSuspended, s.calculationSuspended])).toEqual([[true, true], [false, false]]);
  });
});
