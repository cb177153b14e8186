/** The owned Scenarios sheet (SPEC §16): current settings and saved scenarios side by side, stale ones marked. */
import { describe, expect, it } from 'vitest';
import { evaluate, inputHash, scenarioResults, settingsToFile, type Scenario } from '../../src/engine/index.js';
import { layoutWorkbook } from '../../src/workbook/layout/index.js';
import { CURRENT_SCENARIO, SCENARIO_HEADERS } from '../../src/workbook/layout/scenarios.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { generatedScenario } from './fixtures.js';

describe('Scenarios sheet', () => {
  const s = generatedScenario(600, 12, 5);
  const { book, evaluation } = s.output;
  const rebalance = { ...evaluation.settings, mode: 'rebalance' as const, budget: 10 };
  const saved: Scenario[] = [
    { name: 'Rebalance 10', settings: settingsToFile(rebalance), savedAt: '2026-12-07T09:00:00.000Z', inputHash: inputHash(book), results: scenarioResults(book, evaluate(book, rebalance)) },
    { name: 'Old data', settings: settingsToFile(evaluation.settings), savedAt: '2026-11-30T09:00:00.000Z', inputHash: 'ffffffffffffffff', results: scenarioResults(book, evaluation) },
  ];
  const output = { ...s.output, scenarios: saved };

  it('lists the current settings, then each scenario, with its balance and disruption; a scenario on other data is stale', async () => {
    const sheet = layoutWorkbook(output).sheets.find((x) => x.role === 'scenarios')!;
    const table = sheet.tables[0]!;
    expect(table.name).toBe('TS_Scenarios');
    expect(table.headers).toEqual(SCENARIO_HEADERS);
    const rows = await table.rows(0, table.rowCount);
    const col = (name: (typeof SCENARIO_HEADERS)[number]) => SCENARIO_HEADERS.indexOf(name);
    expect(rows.map((r) => [r[0], r[col('Stale')], r[col('Mode')]])).toEqual([
      [CURRENT_SCENARIO, 'N/A', 'Fresh allocation'],
      ['Rebalance 10', 'No', 'Start from current books'],
      ['Old data', 'Stale: saved on other data', 'Fresh allocation'],
    ]);
    expect(rows[0]![col('Overall Balanced')]).toBe(evaluation.overall.balanced);
    expect(rows[1]![col('Accounts Moved')]).toBe(saved[0]!.results.accountsMoved);
    // Rebalancing moves fewer accounts than a fresh allocation on this book.
    expect(rows[1]![col('Accounts Moved %')] as number).toBeLessThan(rows[0]![col('Accounts Moved %')] as number);
    expect(rows[0]![col('Move Budget %')]).toBe('N/A');
    expect(rows[1]![col('Move Budget %')]).toBe(10);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]!.series.map((x) => [x.name, x.column])).toEqual([['Overall Balanced', col('Overall Balanced')], ['Accounts Moved %', col('Accounts Moved %')]]);
  });

  it('is an owned sheet of the workbook, rebuilt in place, with the run time nowhere on it', async () => {
    const wb = new MemoryWorkbook([s.reps, s.accounts]);
    const first = await wb.writeResults(output);
    expect(first.ok).toBe(true);
    expect(first.sheets?.scenarios).toBe('Scenarios');
    const cells = wb.sheet('Scenarios')!.rows.flat();
    expect(cells).not.toContain(output.generatedAt);
    expect(cells).toContain('Rebalance 10');
    // A scenario deleted in the pane disappears on the next Allocate.
    await wb.writeResults({ ...output, scenarios: saved.slice(0, 1) });
    expect(wb.sheet('Scenarios')!.rows.flat()).not.toContain('Old data');
    expect((await wb.listSheets()).filter((n) => n.startsWith('Scenarios'))).toEqual(['Scenarios']);
  });
});
