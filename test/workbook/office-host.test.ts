import { describe, expect, it } from 'vitest';
import { createOfficeWorkbook } from '../../src/workbook/office/index.js';
import { createFakeExcel, installOfficeGlobals } from '../fakes/excel-fake.js';
import { generatedScenario, trickyScenario } from './fixtures.js';
import { fakeSheetsOf, harness, readAndRun, WRITTEN_SHEETS } from './office-helpers.js';

describe('Office adapter: host integration', () => {
  it('uses Office globals by default: Excel.run with delayForCellEdit and isSetSupported', async () => {
    const s = trickyScenario();
    const fake = createFakeExcel({ sheets: fakeSheetsOf(s.reps, s.accounts).map((x) => ({ name: x.name, values: x.rows.map((r) => r.map((c) => c ?? null)) })) });
    const restore = installOfficeGlobals(fake);
    try {
      // Excel.run and isSetSupported come from the Office globals; no retries, so only a batch run
      // with delayForCellEdit (ExcelApi 1.11, as isSetSupported tells) can outlast a cell edit.
      const port = createOfficeWorkbook({ cellEditRetries: 0 });
      expect(port.kind).toBe('excel');
      expect(await port.listSheets()).toEqual(['Reps', 'Accounts']);
      const output = await readAndRun(port);
      fake.setCellEditMode(true);
      let settled = false;
      const pending = port.writeResults(output).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 10));
      // Still waiting for the edit to end (a batch without the delay fails at once).
      expect(settled).toBe(false);
      fake.setCellEditMode(false);
      expect((await pending).ok).toBe(true);
      expect(fake.workbookState.sheetNames()).toEqual(WRITTEN_SHEETS);
    } finally {
      restore();
    }
  });

  it('costs few round trips: 16 requests on the first write, 10 on a re-run, screen updating suspended', async () => {
    const s = generatedScenario(300, 12, 31);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    let before = fake.stats.syncCount;
    await port.writeResults(output);
    // Prepare 2 + Account_ID read-back 1, result columns 1, per sheet (the hidden record of Assigned_Rep
    // and the five owned ones): create 1 + content 1, the id recorded with the content.
    expect(fake.stats.syncCount - before).toBe(16);
    expect(fake.stats.syncs.slice(before).filter((x) => x.screenUpdatingSuspended)).toHaveLength(2);
    before = fake.stats.syncCount;
    await port.writeResults(output);
    // Prepare 2 + read-back 1, result columns 1, the record 1, each owned sheet 1.
    expect(fake.stats.syncCount - before).toBe(10);
  });

  it('refuses to add its sheets to a workbook whose structure is protected, writing nothing', async () => {
    const s = generatedScenario(80, 6, 32);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    fake.workbookState.structureProtected = true;
    const output = await readAndRun(port);
    const accountsBefore = fake.workbookState.sheet('Accounts').values();
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^The workbook structure is protected, so Territory Slicer cannot add its sheets\. Unprotect it \(Review → Protect Workbook\) and press Allocate again\. Nothing was written/);
    expect(fake.workbookState.sheet('Accounts').values()).toEqual(accountsBefore);
    expect(fake.workbookState.sheetNames()).toEqual(['Reps', 'Accounts']);
    // Once the sheets exist, a protected structure does not stop a re-run (nothing is added).
    fake.workbookState.structureProtected = false;
    await port.writeResults(output);
    fake.workbookState.structureProtected = true;
    expect((await port.writeResults(await readAndRun(port, { threshold: 500 }))).ok).toBe(true);
  });

  it('refuses to write when the Accounts data moved since it was read', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    // The user inserts two rows above the data: the used range now starts at row 3.
    const values = fake.workbookState.sheet('Accounts').values();
    fake.workbookState.sheet('Accounts').typeValues('A1', values.map((r) => r.map(() => '')));
    fake.workbookState.sheet('Accounts').typeValues('A3', values.map((r) => r.map((c) => (typeof c === 'string' && c !== '' ? `'${c}` : c))));
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^The Accounts sheet changed since it was loaded \(its data moved\)\. Load the sheets again and press Allocate\. Nothing was written/);
  });
});
