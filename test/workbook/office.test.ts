import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { OWNED_RECORD_KEY, OWNER_KEY } from '../../src/workbook/office/index.js';
import { generatedScenario, trickyScenario } from './fixtures.js';
import { cellsOutside, fakeSheetsOf, harness, OWNED, readAndRun, trimmed, WRITTEN_SHEETS } from './office-helpers.js';
import { band, BAND_PALETTE, type RunOutput } from '../../src/engine/index.js';
import type { FakeExcel } from '../fakes/excel-fake.js';
import {
  auditRowsFromEngine,
  BAND_COLOURS,
  definedDriverCount,
  driverRowsFromEngine,
  expectAuditConsistent,
  expectHandBookTables,
  expectRows,
  expectTable,
  fakeTable,
  handBook,
  handExpected,
  HEADERS,
  kpiRowsFromEngine,
  NA_TEXT,
  sensitivityRowsFromEngine,
} from './expected.js';
import { runOutput } from './fixtures.js';

/** The owned tables Excel holds carry the engine's numbers for `output` (not just the layout's). */
function expectEngineValues(fake: FakeExcel, output: RunOutput): void {
  expectTable(fakeTable(fake, 'TS_FairnessDrivers'), 'TS_FairnessDrivers', driverRowsFromEngine(output));
  const audit = fakeTable(fake, 'TS_AuditLog');
  expect(audit.headers).toEqual(HEADERS.TS_AuditLog);
  expectRows(audit.rows, auditRowsFromEngine(output), 'TS_AuditLog');
  expectAuditConsistent(audit.rows, output);
  expectTable(fakeTable(fake, 'TS_ComparisonKpi'), 'TS_ComparisonKpi', kpiRowsFromEngine(output));
  const totals = fakeTable(fake, 'TS_MovementTotals').rows;
  expect(totals.find((r) => r[0] === 'Accounts moved')![1]).toBe(output.evaluation.moved.accounts);
  expect(totals.find((r) => r[0] === 'ARR moved')![1]).toBe(output.evaluation.moved.arr);
  const sens = fakeTable(fake, 'TS_Sensitivity');
  expect(sens.headers).toEqual(HEADERS.TS_Sensitivity);
  const sampled = sens.rows.filter((r) => r[4] !== '◀ current (between samples)').map((r) => r.slice(0, 4));
  expectRows(sampled, sensitivityRowsFromEngine(output), 'TS_Sensitivity');
}

const TABLES = [
  'Fairness/TS_RunParameters', 'Fairness/TS_FairnessDrivers', 'Fairness/TS_FairnessComposites', 'Fairness/TS_Refinement', 'Fairness/TS_RepSummary', 'Fairness/TS_Warnings',
  'Comparison/TS_ComparisonKpi', 'Comparison/TS_MovementTotals', 'Comparison/TS_RepBeforeAfter', 'Comparison/TS_AccountMoves',
  'Audit Log/TS_AuditLog', 'Sensitivity/TS_Sensitivity', 'Scenarios/TS_Scenarios',
];

describe('Office adapter: reading', () => {
  it('lists sheets and reads the used range with its first row, in blocks', async () => {
    const s = generatedScenario(1200, 8, 2);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    expect(await port.listSheets()).toEqual(['Reps', 'Accounts']);
    const progress: number[] = [];
    const read = await port.readSheet('accounts', (p) => progress.push(p.rowsRead));
    expect(read.name).toBe('Accounts');
    expect(read.firstRow).toBe(1);
    expect(trimmed(read.rows)).toEqual(trimmed(s.accounts.rows));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(s.accounts.rows.length);
    expect(fake.stats.failedSyncs).toBe(0);
  });

  it('reports a missing sheet clearly', async () => {
    const { port } = harness([{ name: 'Reps', rows: [['Rep_Name']] }]);
    await expect(port.readSheet('Accounts')).rejects.toThrow('There is no sheet named "Accounts" in this workbook.');
  });
});

describe('Office adapter: writing', () => {
  it('first run creates exactly the owned sheets, tables and native charts', async () => {
    const s = generatedScenario(300, 12, 7);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    const report = await port.writeResults(output);
    expect(report.message).toMatch(/^Wrote Segment and Assigned_Rep for 300 accounts/);
    expect(report.ok).toBe(true);
    expect(report.written).toEqual(['Accounts: Segment, Assigned_Rep', ...OWNED]);
    const state = fake.workbookState;
    expect(state.sheetNames()).toEqual(WRITTEN_SHEETS);
    expect(state.tables().map((t) => `${t.sheet}/${t.name}`)).toEqual(TABLES);
    const charts = OWNED.flatMap((n) => state.sheet(n).charts().map((c) => `${n}/${c.type}/${c.name}`));
    expect(charts).toEqual([
      'Fairness/BarStacked/TS_RepRiskChart',
      'Comparison/ColumnClustered/TS_ArrBeforeAfterChart',
      'Comparison/ColumnClustered/TS_AccountsBeforeAfterChart',
      'Sensitivity/Line/TS_SensitivityChart',
      'Scenarios/ColumnClustered/TS_ScenariosChart',
    ]);
    const line = state.sheet('Sensitivity').charts()[0]!;
    expect(line.series.map((x) => [x.name, x.axisGroup])).toEqual([
      ['Balanced Fairness', 'Primary'], ['Custom Fairness', 'Primary'], ['Deal Size Ratio (E:MM)', 'Secondary'],
    ]);
    expect(line.series[0]!.xValues).toBe(`Sensitivity!A5:A${4 + output.sensitivity.length}`);
    for (const [i, n] of OWNED.entries()) {
      expect(state.sheet(n).customProperties[OWNER_KEY]).toBe(['fairness', 'comparison', 'audit', 'sensitivity', 'scenarios'][i]);
    }
    const record = JSON.parse(String(state.settings()[OWNED_RECORD_KEY]));
    expect(record.audit).toBe(state.sheet('Audit Log').id);
    expect(state.sheet('Audit Log').frozenRows).toBe(1);
    expect(state.sheet('Audit Log').numberFormat('F2')).toBe('$#,##0');
    // The values Excel holds are exactly what the in-memory workbook renders from the same layout.
    const memory = new MemoryWorkbook([s.reps, s.accounts]);
    await memory.writeResults(output);
    for (const n of [...OWNED, 'Accounts']) expect(trimmed(state.sheet(n).values()), n).toEqual(trimmed(memory.sheet(n)!.rows));
    // ...and, independently of the layout both draw, those values are the engine's.
    expectEngineValues(fake, output);
  });

  it.each([
    ['a generated book', () => generatedScenario(200, 10, 3), {}, 0],
    // Without Risk_Score the Risk rows are N/A; at 100,000 employees Enterprise has no accounts.
    ['a book with N/A rows', () => {
      const t = trickyScenario();
      return { ...t, accounts: { ...t.accounts, rows: t.accounts.rows.map((r) => r.slice(0, 6)) } };
    }, { threshold: 100_000 }, 4],
  ])('fills band cells with the band colour and readable text: %s', async (_, make, overrides, naRows) => {
    const s = make();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port, overrides);
    await port.writeResults(output);
    const fairness = fake.workbookState.sheet('Fairness');
    const drivers = fake.workbookState.table('TS_FairnessDrivers')!;
    const top = Number(/!?[A-Z]+(\d+):/.exec(drivers.address)![1]);
    const bandColumn = drivers.headers.indexOf('Band');
    expect(bandColumn).toBe(5);
    // Band of each segment × driver from the engine, in table order; null where the driver is N/A.
    const bands = output.evaluation.segments.flatMap((seg) => (['arr', 'accounts', 'risk'] as const).map((d) => {
      const stats = seg.drivers?.[d];
      return stats ? band(stats.score) : null;
    }));
    expect(drivers.rows).toHaveLength(bands.length);
    expect(bands.filter((b) => b === null)).toHaveLength(naRows);
    let checked = 0;
    drivers.rows.forEach((row, i) => {
      const format = fairness.format(`F${top + 1 + i}`);
      const want = bands[i];
      if (want === undefined || want === null) {
        expect(want, `row ${i}: a row beyond the segment × driver grid`).toBeNull();
        expect(row[bandColumn]).toBe(NA_TEXT);
        expect(format.fill, `row ${i}: an N/A band has no fill`).toBe('#FFFFFF');
        return;
      }
      expect(row[bandColumn]).toBe(want);
      expect(format.fill).toBe(BAND_COLOURS[want]!.fill);
      expect(format.fontColor).toBe(BAND_COLOURS[want]!.fontColor);
      // The layout's own style table agrees with the documented colours.
      expect(BAND_PALETTE[want].fill.toUpperCase()).toBe(BAND_COLOURS[want]!.fill);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBe(definedDriverCount(output));
    expect(checked).toBe(drivers.rows.filter((r) => r[bandColumn] !== NA_TEXT).length);
  });

  it('a second run with other settings keeps the same sheets, tables and charts with new values', async () => {
    const s = generatedScenario(250, 10, 12);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const first = await readAndRun(port);
    await port.writeResults(first);
    const state = fake.workbookState;
    const ids = state.sheetNames().map((n) => state.sheet(n).id);
    const accountsWidth = state.sheet('Accounts').values()[0]!.length;
    const second = await readAndRun(port, { weights: { arr: 70, accounts: 20, risk: 10 }, preserveBonus: 0 });
    const report = await port.writeResults(second);
    expect(report.ok).toBe(true);
    expect(state.sheetNames()).toEqual(WRITTEN_SHEETS);
    expect(state.sheetNames().map((n) => state.sheet(n).id)).toEqual(ids);
    expect(state.tables().map((t) => `${t.sheet}/${t.name}`)).toEqual(TABLES);
    expect(OWNED.map((n) => state.sheet(n).charts().length)).toEqual([1, 2, 0, 1, 1]);
    expect(state.sheet('Accounts').values()[0]!.length).toBe(accountsWidth);
    const params = state.table('TS_RunParameters')!.rows;
    expect(params.find((r) => r[0] === 'ARR weight (%)')![1]).toBe(70);
    const memory = new MemoryWorkbook([s.reps, s.accounts]);
    await memory.writeResults(second);
    for (const n of OWNED) expect(trimmed(state.sheet(n).values()), n).toEqual(trimmed(memory.sheet(n)!.rows));
    expect(driverRowsFromEngine(second)).not.toEqual(driverRowsFromEngine(first));
    expectEngineValues(fake, second);
  });

  it.each([
    ['a Mid-Market rep takes the orphan, blank and cross-segment accounts', false],
    ['no Mid-Market rep: those accounts stay unassigned', true],
  ])('hand-made book: Comparison, Audit Log and Assigned_Rep in Excel equal the hand computation: %s', async (_, withoutMidMarketRep) => {
    const h = handBook(withoutMidMarketRep);
    const { fake, port } = harness(fakeSheetsOf(h.reps, h.accounts));
    const output = await readAndRun(port, h.settings);
    expect((await port.writeResults(output)).ok).toBe(true);
    expectHandBookTables((name) => fakeTable(fake, name), output, withoutMidMarketRep);
    expect(runOutput(h.reps, h.accounts, h.settings).evaluation.moved).toEqual(output.evaluation.moved);
    const accounts = fake.workbookState.sheet('Accounts').values();
    expect(accounts[0]!.slice(6)).toEqual(['Segment', 'Assigned_Rep']);
    expect(accounts.slice(1).map((r) => r[6])).toEqual(['Enterprise', 'Enterprise', 'Enterprise', 'Mid-Market', 'Mid-Market', 'Mid-Market']);
    expect(accounts.slice(1).map((r) => r[7] ?? '')).toEqual(handExpected(withoutMidMarketRep).assigned);
  });

  it('keeps formula-like text literal everywhere: no cell becomes a formula', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const report = await port.writeResults(await readAndRun(port));
    expect(report.ok).toBe(true);
    const state = fake.workbookState;
    for (const n of state.sheetNames()) expect(state.sheet(n).formulas(), n).toEqual({});
    const audit = state.table('TS_AuditLog')!;
    const names = audit.rows.map((r) => r[3]);
    expect(names).toEqual(expect.arrayContaining(['=HYPERLINK("x")', '+1-555', '-A12', '@x', 'TRUE', "'quoted"]));
    expect(audit.rows.map((r) => r[2])).toEqual(expect.arrayContaining(['00123', '1001', '+1-555']));
    const accounts = state.sheet('Accounts').values();
    expect(accounts.map((r) => r[9])).toContain('=HYPERLINK("x")');
    expect(accounts.map((r) => r[9])).toContain('-A12');
    const reps = state.table('TS_RepSummary')!.rows;
    expect(reps.map((r) => r[2])).toEqual(['+1-555', 'CA', '@x', 'CA']);
  });

  it('leaves every user cell outside the two result columns identical', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const state = fake.workbookState;
    const reps = state.sheet('Reps').values();
    const accounts = state.sheet('Accounts').values();
    await port.writeResults(await readAndRun(port));
    await port.writeResults(await readAndRun(port, { threshold: 100 }));
    expect(state.sheet('Reps').values()).toEqual(reps);
    expect(cellsOutside(state.sheet('Accounts').values(), [8, 9])).toEqual(cellsOutside(accounts, [8, 9]));
    expect(state.sheet('Accounts').values()[0]!.slice(8)).toEqual(['Segment', 'Assigned_Rep']);
  });

  it("never writes over the user's own Segment column: ours is appended, and found again on a re-run", async () => {
    const s = trickyScenario();
    const withOwn = { ...s.accounts, rows: s.accounts.rows.map((r, i) => [...r, i === 0 ? 'Segment' : 'CRM tier']) };
    const { fake, port } = harness(fakeSheetsOf(s.reps, withOwn));
    const state = fake.workbookState;
    const before = state.sheet('Accounts').values();
    await port.writeResults(await readAndRun(port));
    await port.writeResults(await readAndRun(port, { threshold: 100 }));
    const after = state.sheet('Accounts').values();
    expect(after[0]!.slice(8)).toEqual(['Segment', 'Segment', 'Assigned_Rep']);
    expect(cellsOutside(after, [9, 10])).toEqual(cellsOutside(before, [9, 10]));
    expect(after.slice(1).every((r) => r[8] === 'CRM tier')).toBe(true);
  });

  it('writes the result columns where the data sits when the used range does not start at A1', async () => {
    const s = trickyScenario();
    const shifted = [[], [], ...s.accounts.rows.map((r) => [null, null, ...r])];
    const { fake, port } = harness([{ name: 'Reps', rows: s.reps.rows }, { name: 'Accounts', rows: shifted }]);
    const output = await readAndRun(port);
    expect(output.book.accountsSheet.firstRow).toBe(3);
    expect((await port.writeResults(output)).ok).toBe(true);
    const values = fake.workbookState.sheet('Accounts').values();
    expect(values[2]!.slice(10)).toEqual(['Segment', 'Assigned_Rep']);
    expect(values[3]!.slice(10)).toEqual(['Enterprise', 'Minnie']);
    expect(cellsOutside(values, [10, 11])).toEqual(cellsOutside(shifted, [10, 11]));
  });

  it('adds the result columns as table columns when the data is an Excel table, and updates them in place', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Accounts').tables.add('Accounts!A1:H7', true).name = 'AccountsData';
      await context.sync();
    });
    await port.writeResults(await readAndRun(port));
    let table = fake.workbookState.table('AccountsData')!;
    expect(table.headers.slice(-2)).toEqual(['Segment', 'Assigned_Rep']);
    expect(table.address).toBe('Accounts!A1:J7');
    await port.writeResults(await readAndRun(port, { threshold: 10 }));
    table = fake.workbookState.table('AccountsData')!;
    expect(table.address).toBe('Accounts!A1:J7');
    expect(table.rows.map((r) => r[8])).toEqual(Array(6).fill('Enterprise'));
  });
});
