import { describe, expect, it } from 'vitest';
import { auditStepCount, type Cell } from '../../src/engine/index.js';
import { MemoryWorkbook, type MemorySheet } from '../../src/workbook/memory/index.js';
import { generatedScenario, runOutput, trickyScenario, type Scenario } from './fixtures.js';
import {
  auditRowsFromEngine,
  driverRowsFromEngine,
  expectAuditConsistent,
  expectHandBookTables,
  expectRows,
  expectTable,
  handBook,
  handExpected,
  HEADERS,
  kpiRowsFromEngine,
  memoryTable,
} from './expected.js';

const OWNED = ['Fairness', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios'];

function workbookOf(s: Scenario, extra: MemorySheet[] = []): MemoryWorkbook {
  const wb = new MemoryWorkbook([s.reps, s.accounts]);
  wb.sheets.push(...extra);
  return wb;
}

/** Every cell of a sheet except the given columns, trailing blanks dropped (what a user sees). */
function cellsOutside(sheet: MemorySheet, skip: readonly number[]): string[] {
  const out: string[] = [];
  sheet.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!skip.includes(c) && cell !== null && cell !== undefined) out.push(`${r + sheet.firstRow}:${c}=${JSON.stringify(cell)}`);
    });
  });
  return out;
}

const deepCopy = <T>(x: T): T => structuredClone(x);

describe('MemoryWorkbook.writeResults', () => {
  it('first run creates exactly the four owned sheets with their tables and charts', async () => {
    const s = generatedScenario(200, 10, 3);
    const wb = workbookOf(s);
    const report = await wb.writeResults(s.output);
    expect(report.ok).toBe(true);
    expect(report.written).toEqual(['Accounts: Segment, Assigned_Rep', ...OWNED]);
    expect(report.notWritten).toEqual([]);
    expect(report.sheets).toEqual({ fairness: 'Fairness', comparison: 'Comparison', audit: 'Audit Log', sensitivity: 'Sensitivity', scenarios: 'Scenarios' });
    expect(await wb.listSheets()).toEqual(['Reps', 'Accounts', ...OWNED]);
    const tables = wb.sheets.flatMap((sh) => (sh.decor?.tables ?? []).map((t) => `${sh.name}/${t.name}`));
    expect(tables).toEqual([
      'Fairness/TS_RunParameters', 'Fairness/TS_FairnessDrivers', 'Fairness/TS_FairnessComposites', 'Fairness/TS_Refinement', 'Fairness/TS_RepSummary', 'Fairness/TS_Warnings',
      'Comparison/TS_ComparisonKpi', 'Comparison/TS_MovementTotals', 'Comparison/TS_RepBeforeAfter', 'Comparison/TS_AccountMoves',
      'Audit Log/TS_AuditLog', 'Sensitivity/TS_Sensitivity', 'Scenarios/TS_Scenarios',
    ]);
    const charts = wb.sheets.flatMap((sh) => (sh.decor?.charts ?? []).map((c) => `${sh.name}/${c.kind}`));
    expect(charts).toEqual(['Fairness/barStacked', 'Comparison/columnClustered', 'Comparison/columnClustered', 'Sensitivity/line', 'Scenarios/columnClustered']);
    const audit = wb.sheet('Audit Log')!;
    expect(audit.rows[0]![0]).toBe('Step');
    expect(audit.rows.length).toBe(1 + auditStepCount(s.output.evaluation.allocation));
    expect(audit.decor!.frozenRows).toBe(1);
    const sensChart = wb.sheet('Sensitivity')!.decor!.charts[0]!;
    expect(sensChart.series.map((x) => x.axis)).toEqual(['primary', 'primary', 'secondary']);
    expect(sensChart.series[0]!.categories).toBe(`'Sensitivity'!A5:A${4 + s.output.sensitivity.length}`);
  });

  it('writes Segment and Assigned_Rep for every account, after the last used column', async () => {
    const s = generatedScenario(120, 8, 5);
    const wb = workbookOf(s);
    await wb.writeResults(s.output);
    const rows = wb.sheet('Accounts')!.rows;
    const width = Math.max(...s.accounts.rows.map((r) => r.length));
    expect(rows[0]!.slice(width)).toEqual(['Segment', 'Assigned_Rep']);
    const { book, evaluation } = s.output;
    for (let k = 0; k < book.accounts.count; k++) {
      const row = rows[book.accounts.row[k]! - 1]!;
      const r = evaluation.allocation.assigned[k]!;
      expect(row[width]).toBe(evaluation.allocation.segment[k] === 0 ? 'Enterprise' : 'Mid-Market');
      expect(row[width + 1]).toBe(r < 0 ? null : book.reps[r]!.name);
    }
  });

  it('a second run with other settings updates the same columns and sheets in place (idempotent)', async () => {
    const s = generatedScenario(150, 10, 11);
    const wb = workbookOf(s);
    await wb.writeResults(s.output);
    const idsAfterFirst = wb.sheets.map((sh) => sh.id);
    const widthAfterFirst = wb.sheet('Accounts')!.rows[0]!.length;

    // The pane reads the sheets again (now with the result columns) and allocates with other weights.
    const again = runOutput(await wb.readSheet('Reps'), await wb.readSheet('Accounts'), { weights: { arr: 60, accounts: 20, risk: 20 }, geoBonus: 0.02 });
    const report = await wb.writeResults(again);
    expect(report.ok).toBe(true);
    expect(wb.sheets.map((sh) => sh.id)).toEqual(idsAfterFirst);
    expect(await wb.listSheets()).toEqual(['Reps', 'Accounts', ...OWNED]);
    expect(wb.sheet('Accounts')!.rows[0]!.length).toBe(widthAfterFirst);
    const params = wb.sheet('Fairness')!.rows.find((r) => r[0] === 'ARR weight (%)');
    expect(params![1]).toBe(60);

    // Same input again → identical state.
    const snapshot = deepCopy(wb.sheets);
    await wb.writeResults(again);
    expect(wb.sheets).toEqual(snapshot);
  });

  it('is deterministic: the same input gives identical memory state', async () => {
    const a = generatedScenario(100, 6, 21);
    const b = generatedScenario(100, 6, 21);
    const wa = workbookOf(a), wbb = workbookOf(b);
    await wa.writeResults(a.output);
    await wbb.writeResults(b.output);
    expect(wa.sheets).toEqual(wbb.sheets);
  });

  it('keeps the run time in one cell: runs that differ only in time differ only in "Generated at"', async () => {
    const s = generatedScenario(100, 6, 22);
    const early = workbookOf(s), late = workbookOf(s);
    await early.writeResults(s.output);
    await late.writeResults({ ...s.output, generatedAt: '2031-12-31T23:59:59.000Z' });
    const differences: string[] = [];
    early.sheets.forEach((sheet, i) => sheet.rows.forEach((row, r) => row.forEach((cell, c) => {
      if (late.sheets[i]!.rows[r]![c] !== cell) differences.push(`${sheet.name}!${r}:${c}=${String(cell)}`);
    })));
    const fairness = early.sheet('Fairness')!.rows;
    const at = fairness.findIndex((r) => r[0] === 'Generated at');
    expect(differences).toEqual([`Fairness!${at}:1=${s.output.generatedAt}`]);
    expect(late.sheets.map((x) => x.decor)).toEqual(early.sheets.map((x) => x.decor));
  });

  it('never touches a user sheet named Fairness: output goes to Fairness (2)', async () => {
    const s = generatedScenario(80, 6, 2);
    const userFairness: MemorySheet = { name: 'Fairness', rows: [['my notes', 1], [null, '=SUM(A1)']], firstRow: 1 };
    const before = deepCopy(userFairness);
    const wb = workbookOf(s, [userFairness]);
    const report = await wb.writeResults(s.output);
    expect(report.ok).toBe(true);
    expect(report.sheets!.fairness).toBe('Fairness (2)');
    expect(report.message).toContain('Fairness (2)');
    expect(wb.sheet('Fairness')!.rows).toEqual(before.rows);
    expect(wb.sheet('Fairness')!.owner).toBeUndefined();
    expect(wb.sheet('Fairness (2)')!.owner).toBe('fairness');
    // A second run reuses Fairness (2) rather than making Fairness (3).
    await wb.writeResults(s.output);
    expect(await wb.listSheets()).toEqual(['Reps', 'Accounts', 'Fairness', 'Fairness (2)', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
  });

  it('rebuilds a renamed owned sheet instead of adding a duplicate', async () => {
    const s = generatedScenario(80, 6, 4);
    const wb = workbookOf(s);
    await wb.writeResults(s.output);
    wb.sheet('Audit Log')!.name = 'Why';
    const report = await wb.writeResults(s.output);
    expect(report.sheets!.audit).toBe('Why');
    expect(await wb.listSheets()).toEqual(['Reps', 'Accounts', 'Fairness', 'Comparison', 'Why', 'Sensitivity', 'Scenarios']);
    expect(wb.sheet('Why')!.decor!.tables[0]!.address.startsWith("'Why'!")).toBe(true);
  });

  it('leaves every user cell outside the two result columns identical', async () => {
    const s = trickyScenario();
    const wb = workbookOf(s);
    const reps = deepCopy(wb.sheet('Reps')!);
    const accounts = deepCopy(wb.sheet('Accounts')!);
    await wb.writeResults(s.output);
    await wb.writeResults(runOutput(s.reps, s.accounts, { threshold: 100 }));
    expect(wb.sheet('Reps')).toEqual(reps);
    const after = wb.sheet('Accounts')!;
    expect(cellsOutside(after, [8, 9])).toEqual(cellsOutside(accounts, [8, 9]));
    // Formula-like names stay literal text in the result column.
    expect(after.rows.map((r) => r[9])).toContain('=HYPERLINK("x")');
  });

  it('refuses a protected Accounts sheet and writes nothing', async () => {
    const s = generatedScenario(60, 4, 9);
    const wb = workbookOf(s);
    wb.sheet('Accounts')!.protected = true;
    const before = deepCopy(wb.sheets);
    const report = await wb.writeResults(s.output);
    expect(report.ok).toBe(false);
    expect(report.written).toEqual([]);
    expect(report.notWritten).toEqual(['Accounts: Segment, Assigned_Rep', ...OWNED]);
    expect(report.message).toMatch(/Unprotect the Accounts sheet \(Review → Unprotect Sheet\) and press Allocate again\. Nothing was written/);
    expect(wb.sheets).toEqual(before);
  });

  it('keeps its read API: readSheet gives what the constructor got', async () => {
    const rows: Cell[][] = [['a', 1], [null, true]];
    const wb = new MemoryWorkbook([{ name: 'S', rows, firstRow: 4 }]);
    const read = await wb.readSheet('s');
    expect(read).toEqual({ name: 'S', rows, firstRow: 4 });
    await expect(wb.readSheet('nope')).rejects.toThrow(/no sheet named "nope"/);
  });
});

describe('MemoryWorkbook: values on the owned sheets against the engine', () => {
  it('TS_FairnessDrivers, TS_AuditLog and TS_ComparisonKpi hold the evaluation\'s numbers, also after a re-run', async () => {
    const s = generatedScenario(200, 10, 3);
    const wb = workbookOf(s);
    await wb.writeResults(s.output);
    const check = (output: typeof s.output) => {
      expectTable(memoryTable(wb, 'TS_FairnessDrivers'), 'TS_FairnessDrivers', driverRowsFromEngine(output));
      const audit = memoryTable(wb, 'TS_AuditLog');
      expect(audit.headers).toEqual(HEADERS.TS_AuditLog);
      expectRows(audit.rows, auditRowsFromEngine(output), 'TS_AuditLog');
      expectAuditConsistent(audit.rows, output);
      expectTable(memoryTable(wb, 'TS_ComparisonKpi'), 'TS_ComparisonKpi', kpiRowsFromEngine(output));
    };
    check(s.output);
    // Other settings: the rebuilt sheets carry the new run's numbers, not the first run's.
    const again = runOutput(await wb.readSheet('Reps'), await wb.readSheet('Accounts'), { threshold: 2000, weights: { arr: 70, accounts: 20, risk: 10 }, preserveBonus: 0 });
    expect(driverRowsFromEngine(again)).not.toEqual(driverRowsFromEngine(s.output));
    await wb.writeResults(again);
    check(again);
  });

  it.each([
    ['a Mid-Market rep takes the orphan, blank and cross-segment accounts', false],
    ['no Mid-Market rep: those accounts stay unassigned', true],
  ])('hand-made book: Comparison, Audit Log and Assigned_Rep equal the hand computation: %s', async (_, withoutMidMarketRep) => {
    const h = handBook(withoutMidMarketRep);
    const output = runOutput(h.reps, h.accounts, h.settings);
    const wb = new MemoryWorkbook([h.reps, h.accounts]);
    expect((await wb.writeResults(output)).ok).toBe(true);
    expectHandBookTables((name) => memoryTable(wb, name), output, withoutMidMarketRep);
    const rows = wb.sheet('Accounts')!.rows;
    expect(rows[0]!.slice(6)).toEqual(['Segment', 'Assigned_Rep']);
    expect(rows.slice(1).map((r) => r[6])).toEqual(['Enterprise', 'Enterprise', 'Enterprise', 'Mid-Market', 'Mid-Market', 'Mid-Market']);
    expect(rows.slice(1).map((r) => r[7] ?? '')).toEqual(handExpected(withoutMidMarketRep).assigned);
  });
});
