/**
 * What a reader of the shared workbook sees without the add-in (SPEC §9), on the Office.js fake:
 * books without risk, segments without reps, the current threshold, and a sheet edited between
 * Load and Allocate.
 */
import { describe, expect, it } from 'vitest';
import { bookThresholdSlider, sliderPosition, type Cell, type SheetInput } from '../../src/engine/index.js';
import { CURRENT_MARK } from '../../src/workbook/layout/sensitivity.js';
import { trickyScenario } from './fixtures.js';
import { fakeSheetsOf, harness, OWNED, readAndRun } from './office-helpers.js';

/** `Sheet!B5:B54` → [5, 54]: the rows a series reads. */
const rowSpan = (address: string | null): [number, number] => {
  const m = /!\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/.exec(address ?? '');
  if (!m) throw new Error(`not a range address: ${address}`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
};

const withoutRisk = (s: SheetInput): SheetInput => ({ ...s, rows: s.rows.map((r) => r.slice(0, 6)) });

describe('Office adapter: content of the owned sheets', () => {
  it('writes every sheet and a plottable rep chart when the book has no Risk_Score column', async () => {
    // The High-risk ARR column then holds N/A text: a chart over it would have no series at all.
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, withoutRisk(s.accounts)));
    const output = await readAndRun(port);
    expect(output.book.riskEnabled).toBe(false);
    const report = await port.writeResults(output);
    expect(report.ok, report.message).toBe(true);
    expect(report.written).toEqual(['Accounts: Segment, Assigned_Rep', ...OWNED]);
    const chart = fake.workbookState.sheet('Fairness').charts()[0]!;
    const reps = fake.workbookState.table('TS_RepSummary')!;
    expect(chart.title).toBe('ARR per rep (risk balancing off: no Risk_Score)');
    expect(chart.series.map((x) => x.name)).toEqual(['ARR']);
    const top = rowSpan(reps.address)[0] + 1;
    expect(chart.series[0]!.values).toBe(`Fairness!D${top}:D${top + reps.rows.length - 1}`);
    expect(reps.rows.map((r) => r[5])).toEqual(['N/A', 'N/A', 'N/A', 'N/A']);
  });

  it('plots every series over the same rows as its categories, even when the first value is N/A', async () => {
    // No Enterprise reps: at the lowest threshold every account is Enterprise, so Overall fairness is N/A there.
    const s = trickyScenario();
    const reps: SheetInput = { ...s.reps, rows: s.reps.rows.filter((r, i) => i === 0 || r[1] !== 'Enterprise') };
    const { fake, port } = harness(fakeSheetsOf(reps, s.accounts));
    const output = await readAndRun(port);
    expect(output.sensitivity[0]!.balanced).toBeNull();
    expect((await port.writeResults(output)).ok).toBe(true);
    const state = fake.workbookState;
    expect(state.table('TS_Sensitivity')!.rows[0]!.slice(1, 3)).toEqual(['N/A', 'N/A']);
    const charts = OWNED.flatMap((n) => state.sheet(n).charts());
    expect(charts).toHaveLength(5);
    for (const chart of charts) {
      for (const series of chart.series) expect(rowSpan(series.values), `${chart.name} / ${series.name}`).toEqual(rowSpan(series.xValues));
    }
    // The accounts nobody can take are listed on the Fairness sheet.
    const warning = state.table('TS_Warnings')!.rows.find((r) => r[0] === 'segment-without-reps')!;
    expect(warning[2]).toMatch(/stay unassigned.*Unassigned: 00123/);
  });

  it('marks the current threshold on the Sensitivity sheet, a sample of its own between positions', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port, { threshold: 2450 });
    const slider = bookThresholdSlider(output.book);
    // 2450 is no slider position, so the engine added it as a sample (SPEC §6) and its row is marked.
    expect(Array.from({ length: slider.count }, (_, i) => sliderPosition(slider, i))).not.toContain(2450);
    expect((await port.writeResults(output)).ok).toBe(true);
    const rows = fake.workbookState.table('TS_Sensitivity')!.rows;
    expect(rows).toHaveLength(output.sensitivity.length);
    const marked = rows.filter((r) => r[4] !== '');
    const sample = output.sensitivity.find((p) => p.threshold === 2450)!;
    expect(marked).toEqual([[2450, sample.balanced, sample.custom, sample.dealSizeRatio, CURRENT_MARK]]);
    const thresholds = rows.map((r) => r[0] as number);
    expect(thresholds).toEqual([...thresholds].sort((a, b) => a - b));

    // On a slider position the sample row itself carries the mark, and no row is added.
    const sampled = output.sensitivity[3]!.threshold;
    const atPosition = await readAndRun(port, { threshold: sampled });
    expect((await port.writeResults(atPosition)).ok).toBe(true);
    const again = fake.workbookState.table('TS_Sensitivity')!.rows;
    expect(again).toHaveLength(output.sensitivity.length - 1);
    expect(again.filter((r) => r[4] !== '').map((r) => [r[0], r[4]])).toEqual([[sampled, CURRENT_MARK]]);
  });
});

describe('Office adapter: the Accounts sheet changed between Load and Allocate', () => {
  /** Values as a user would type them back (text with the quote prefix, so it stays text). */
  const typed = (rows: readonly (readonly Cell[])[]) => rows.map((r) => r.map((c) => (typeof c === 'string' && c !== '' ? `'${c}` : c ?? '')));

  it('refuses to write when the rows were sorted since they were read, and changes nothing', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    const accounts = fake.workbookState.sheet('Accounts');
    // The user sorts the data rows (here: reverses them) after Load.
    accounts.typeValues('A2', typed([...s.accounts.rows.slice(1)].reverse()));
    const before = accounts.values();
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toBe(
      'The Accounts sheet changed since it was loaded (row 2 now holds Account_ID "A-6" where "00123" was read: rows were sorted, inserted or deleted), ' +
        'so the results would land beside the wrong accounts. Load the sheets again and press Allocate. ' +
        'Nothing was written: Accounts: Segment, Assigned_Rep, Fairness, Comparison, Audit Log, Sensitivity and Scenarios.',
    );
    expect(accounts.values()).toEqual(before);
    expect(fake.workbookState.sheetNames()).toEqual(['Reps', 'Accounts']);
    // Loading again and pressing Allocate writes beside the right accounts.
    const fresh = await readAndRun(port);
    expect((await port.writeResults(fresh)).ok).toBe(true);
    const after = accounts.values();
    expect(after.find((r) => r[0] === '00123')!.slice(8)).toEqual(['Enterprise', 'Minnie']);
  });

  it('refuses to write when a column was inserted before the data since it was read', async () => {
    const s = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    const accounts = fake.workbookState.sheet('Accounts');
    // A column inserted after Account_ID shifts every header from B on.
    accounts.typeValues('A1', typed(s.accounts.rows.map((r) => [r[0] ?? null, null, ...r.slice(1)])));
    const report = await port.writeResults(output);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^The Accounts sheet changed since it was loaded \(its header row no longer reads "Account_Name" where it did\)/);
    expect(fake.workbookState.sheetNames()).toEqual(['Reps', 'Accounts']);
  });
});
