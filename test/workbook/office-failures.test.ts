import { describe, expect, it } from 'vitest';
import { auditStepCount } from '../../src/engine/index.js';
import { LAST_WRITTEN_KEY, OWNED_RECORD_KEY, OWNER_KEY } from '../../src/workbook/office/index.js';
import { generatedScenario, trickyScenario } from './fixtures.js';
import { fakeSheetsOf, harness, OWNED, readAndRun, WRITTEN_SHEETS, RECORD_SHEET } from './office-helpers.js';

/** Everything a user could see: names, values, formulas, tables, charts, per sheet. */
function snapshot(fake: ReturnType<typeof harness>['fake']) {
  const state = fake.workbookState;
  return {
    sheets: state.sheetNames().map((n) => ({ n, values: state.sheet(n).values(), formulas: state.sheet(n).formulas(), charts: state.sheet(n).charts() })),
    tables: state.tables(),
  };
}

describe('Office adapter: ownership', () => {
  it('never touches a user sheet named Fairness: output goes to Fairness (2), reused next time', async () => {
    const s = generatedScenario(100, 6, 5);
    const { fake, port } = harness([...fakeSheetsOf(s.reps, s.accounts), { name: 'Fairness', rows: [['my own notes'], [42]] }]);
    const report = await port.writeResults(await readAndRun(port));
    expect(report.ok).toBe(true);
    expect(report.sheets!.fairness).toBe('Fairness (2)');
    expect(report.message).toContain('"Fairness (2)"');
    const state = fake.workbookState;
    expect(state.sheet('Fairness').values()).toEqual([['my own notes'], [42]]);
    expect(state.sheet('Fairness').customProperties).toEqual({});
    await port.writeResults(await readAndRun(port, { geoBonus: 0.1 }));
    expect(state.sheetNames()).toEqual(['Reps', 'Accounts', 'Fairness', RECORD_SHEET, 'Fairness (2)', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
    expect(state.sheet('Fairness').values()).toEqual([['my own notes'], [42]]);
  });

  it('rebuilds a renamed owned sheet in place instead of adding a duplicate', async () => {
    const s = generatedScenario(100, 6, 6);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    await port.writeResults(await readAndRun(port));
    const state = fake.workbookState;
    const id = state.sheet('Fairness').id;
    state.sheet('Fairness').rename('Q3 fairness');
    const report = await port.writeResults(await readAndRun(port, { threshold: 500 }));
    expect(report.sheets!.fairness).toBe('Q3 fairness');
    expect(state.sheetNames()).toEqual(['Reps', 'Accounts', RECORD_SHEET, 'Q3 fairness', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
    expect(state.sheet('Q3 fairness').id).toBe(id);
    expect(state.sheet('Q3 fairness').charts()).toHaveLength(1);
    expect(state.table('TS_RepSummary')!.sheet).toBe('Q3 fairness');
  });

  it('falls back to the workbook setting when worksheet custom properties (1.12) are missing', async () => {
    const s = generatedScenario(100, 6, 8);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { apiVersion: '1.11' });
    await port.writeResults(await readAndRun(port));
    const state = fake.workbookState;
    expect(state.sheet('Fairness').customProperties[OWNER_KEY]).toBeUndefined();
    expect(Object.keys(state.settings()).sort()).toEqual([LAST_WRITTEN_KEY, OWNED_RECORD_KEY]);
    state.sheet('Audit Log').rename('Steps');
    const report = await port.writeResults(await readAndRun(port, { geoBonus: 0 }));
    expect(report.ok).toBe(true);
    expect(state.sheetNames()).toEqual(['Reps', 'Accounts', RECORD_SHEET, 'Fairness', 'Comparison', 'Steps', 'Sensitivity', 'Scenarios']);
  });

  it('falls back to the primary axis without ExcelApi 1.8 and still writes everything', async () => {
    const s = generatedScenario(80, 6, 9);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { apiVersion: '1.7' });
    const report = await port.writeResults(await readAndRun(port));
    expect(report.ok).toBe(true);
    const line = fake.workbookState.sheet('Sensitivity').charts()[0]!;
    expect(line.series.map((x) => x.axisGroup)).toEqual(['Primary', 'Primary', 'Primary']);
  });
});

describe('Office adapter: failures', () => {
  it('a protected Accounts sheet gives a clear message and nothing is written', async () => {
    const s = generatedScenario(100, 6, 10);
    const { fake, port } = harness([{ name: 'Reps', rows: s.reps.rows }, { name: 'Accounts', rows: s.accounts.rows, protected: true }]);
    const output = await readAndRun(port);
    const before = snapshot(fake);
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toBe(
      'The Accounts sheet is protected. Unprotect the Accounts sheet (Review → Unprotect Sheet) and press Allocate again. ' +
        'Nothing was written: Accounts: Segment, Assigned_Rep, Fairness, Comparison, Audit Log, Sensitivity and Scenarios.',
    );
    expect(report.written).toEqual([]);
    expect(report.notWritten).toEqual(['Accounts: Segment, Assigned_Rep', ...OWNED]);
    expect(snapshot(fake)).toEqual(before);
  });

  it('a protected owned sheet is reported before anything is written', async () => {
    const s = generatedScenario(100, 6, 11);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    await port.writeResults(await readAndRun(port));
    fake.workbookState.sheet('Comparison').protected = true;
    const output = await readAndRun(port, { threshold: 200 });
    const before = snapshot(fake);
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^The Comparison sheet is protected\. Unprotect the Comparison sheet/);
    expect(snapshot(fake)).toEqual(before);
  });

  it('a failure midway reports exactly what was written and what was not', async () => {
    const s = generatedScenario(100, 6, 12);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    await port.writeResults(await readAndRun(port));
    const output = await readAndRun(port, { threshold: 300 });
    const syncsBefore = fake.stats.syncCount;
    // Re-run: prepare (2 requests + 1 reading back the Account_ID column), result columns (1), the
    // record of Assigned_Rep (1), Fairness (1), then the Comparison request fails.
    fake.failSyncAt(syncsBefore + 7, 'GeneralException');
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.written).toEqual(['Accounts: Segment, Assigned_Rep', 'Fairness']);
    expect(report.notWritten).toEqual(['Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
    // Excel keeps what ran of a failed request, so the sheet it was writing may be partly written.
    expect(report.message).toMatch(/^Excel could not write the Comparison sheet \(GeneralException: .*\)\. Press Allocate again; .* Written: Accounts: Segment, Assigned_Rep and Fairness\. Partly written: Comparison\. Not written: Audit Log, Sensitivity and Scenarios\.$/);
    // Pressing Allocate again completes the workbook.
    expect((await port.writeResults(output)).ok).toBe(true);
    expect(fake.workbookState.sheetNames()).toEqual(WRITTEN_SHEETS);
  });

  it('splits a request Excel rejects as too large and retries', async () => {
    const s = generatedScenario(3000, 12, 13);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { payloadLimitBytes: 256 * 1024 }, { requestBudgetBytes: 1024 * 1024, responseBudgetBytes: 128 * 1024 });
    const output = await readAndRun(port, {}, false);
    const report = await port.writeResults(output);
    expect(report.ok).toBe(true);
    expect(fake.stats.syncs.some((x) => x.errorCode === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    // 3,000 greedy steps, then the refinement steps.
    expect(fake.workbookState.table('TS_AuditLog')!.rows).toHaveLength(auditStepCount(output.evaluation.allocation));
    expect(output.evaluation.allocation.steps.length).toBe(3000);
  });
});

describe('Office adapter: cell-edit mode', () => {
  it('with delayForCellEdit (1.11+) the write waits for the user to leave the cell', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    fake.setCellEditMode(true);
    const pending = port.writeResults(output);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.workbookState.sheetNames()).toEqual(['Reps', 'Accounts']);
    fake.setCellEditMode(false);
    expect((await pending).ok).toBe(true);
    expect(fake.workbookState.sheetNames()).toEqual(WRITTEN_SHEETS);
  });

  it('without it, the batch is retried and succeeds once editing ends', async () => {
    const s = trickyScenario();
    let waits = 0;
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { apiVersion: '1.10' }, {
      sleep: async () => {
        waits++;
        if (waits === 2) fake.setCellEditMode(false);
      },
    });
    const output = await readAndRun(port);
    fake.setCellEditMode(true);
    expect((await port.writeResults(output)).ok).toBe(true);
    expect(waits).toBe(2);
  });

  it('without it, lasting cell edit ends in a clear message and nothing written', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { apiVersion: '1.10' });
    const output = await readAndRun(port);
    const before = snapshot(fake);
    fake.setCellEditMode(true);
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^Excel is busy: a cell is being edited\. Press Enter or Esc to leave the cell, then press Allocate again\. Nothing was written/);
    fake.setCellEditMode(false);
    expect(snapshot(fake)).toEqual(before);
  });
});
