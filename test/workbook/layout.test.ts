import { describe, expect, it } from 'vitest';
import {
  excelLiteral,
  excelValue,
  FORMAT,
  layoutWorkbook,
  NA,
  renderSheetValues,
  tableNames,
  type OutCell,
  type SheetLayout,
  type TableLayout,
} from '../../src/workbook/layout/index.js';
import { freeSheetName, planOwnedSheets } from '../../src/workbook/layout/owned.js';
import { BAND_PALETTE } from '../../src/engine/index.js';
import { generatedScenario, runOutput, trickyScenario } from './fixtures.js';
import { fakeSheetsOf, harness, readAndRun } from './office-helpers.js';
import { auditStepCount, type Cell, type SheetInput } from '../../src/engine/index.js';
import {
  auditRowsFromEngine,
  definedDriverCount,
  driverRowsFromEngine,
  expectAuditConsistent,
  expectHandBookTables,
  expectRows,
  expectTable,
  handBook,
  handExpected,
  HEADERS,
  layoutTable,
  layoutTables,
  NA_TEXT,
} from './expected.js';

const table = (sheet: SheetLayout, name: string): TableLayout => {
  const t = sheet.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};
const sheetOf = (sheets: readonly SheetLayout[], role: SheetLayout['role']) => sheets.find((s) => s.role === role)!;
const column = async (t: TableLayout, header: string): Promise<OutCell[]> => {
  const c = t.headers.indexOf(header);
  return (await t.rows(0, t.rowCount)).map((r) => r[c]!);
};

describe('layoutWorkbook', () => {
  const { output } = generatedScenario(300, 12, 7);
  const layout = layoutWorkbook(output);

  it('lays out the four owned sheets in write order', () => {
    expect(layout.sheets.map((s) => s.baseName)).toEqual(['Fairness', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
  });

  it('gives every table a stable, workbook-unique, valid name', () => {
    const names = tableNames(layout.sheets);
    expect(names).toEqual([
      'TS_RunParameters', 'TS_FairnessDrivers', 'TS_FairnessComposites', 'TS_Refinement', 'TS_RepSummary', 'TS_Warnings',
      'TS_ComparisonKpi', 'TS_MovementTotals', 'TS_RepBeforeAfter', 'TS_AccountMoves', 'TS_AuditLog', 'TS_Sensitivity', 'TS_Scenarios',
    ]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^TS_[A-Za-z]+$/);
    expect(tableNames(layoutWorkbook(generatedScenario(50, 4, 1).output).sheets)).toEqual(names);
  });

  it('keeps blocks of a sheet from overlapping and every row as wide as its header', async () => {
    for (const sheet of layout.sheets) {
      const taken = new Set<string>();
      const claim = (r: number, c: number) => {
        const key = `${r}:${c}`;
        expect(taken.has(key), `${sheet.baseName} ${key}`).toBe(false);
        taken.add(key);
      };
      for (const t of sheet.texts) claim(t.row, t.column);
      for (const t of sheet.tables) {
        if (t.caption !== null) claim(t.row - 1, t.column);
        expect(t.formats).toHaveLength(t.headers.length);
        for (let r = 0; r <= t.rowCount; r++) for (let c = 0; c < t.headers.length; c++) claim(t.row + r, t.column + c);
        for (const row of await t.rows(0, t.rowCount)) expect(row).toHaveLength(t.headers.length);
      }
    }
  });

  it('uses currency, one-decimal and thousands formats where they belong', () => {
    const fairness = sheetOf(layout.sheets, 'fairness');
    const drivers = table(fairness, 'TS_FairnessDrivers');
    expect(drivers.formats[drivers.headers.indexOf('CV %')]).toBe(FORMAT.oneDecimal);
    expect(drivers.formats[drivers.headers.indexOf('Shown Score')]).toBe('0');
    const reps = table(fairness, 'TS_RepSummary');
    expect(reps.formats[reps.headers.indexOf('ARR')]).toBe('$#,##0');
    expect(reps.formats[reps.headers.indexOf('Accounts')]).toBe('#,##0');
    const audit = table(sheetOf(layout.sheets, 'audit'), 'TS_AuditLog');
    expect(audit.formats[audit.headers.indexOf('Margin %')]).toBe('0.0" %"');
    expect(audit.formats[audit.headers.indexOf('ARR')]).toBe('$#,##0');
    expect(audit.formats[audit.headers.indexOf('Score')]).toBe(FORMAT.score);
    expect(audit.formats[audit.headers.indexOf('Winner')]).toBe('General');
    expect(audit.formats[audit.headers.indexOf('Reason')]).toBe('General');
  });

  it('writes one audit row per step, in step order, matching the allocation', async () => {
    const audit = table(sheetOf(layout.sheets, 'audit'), 'TS_AuditLog');
    expect(audit.rowCount).toBe(auditStepCount(output.evaluation.allocation));
    const steps = await column(audit, 'Step');
    expect(steps).toEqual(Array.from({ length: audit.rowCount }, (_, i) => i + 1));
    // Blocks give the same rows as one pass.
    expect([...(await audit.rows(0, 100)), ...(await audit.rows(100, audit.rowCount))]).toEqual(await audit.rows(0, audit.rowCount));
    // Greedy rows name the rep each step chose (its greedy log); refinement rows follow.
    const winners = await column(audit, 'Winner');
    const { steps: order, stepReps, segment, contexts } = output.evaluation.allocation;
    order.forEach((a, i) => expect(winners[i]).toBe(output.book.reps[contexts[segment[a]! as 0 | 1].reps[stepReps[i]!]!]!.name));
    expect(winners.length).toBeGreaterThan(order.length);
  });

  it('fills every band cell with the colour of its band and readable text', async () => {
    const drivers = table(sheetOf(layout.sheets, 'fairness'), 'TS_FairnessDrivers');
    const rows = await drivers.rows(0, drivers.rowCount);
    const bandColumn = drivers.headers.indexOf('Band');
    for (const s of drivers.styles) {
      expect(s.column).toBe(bandColumn);
      const bandName = rows[s.row]![bandColumn] as keyof typeof BAND_PALETTE;
      expect(s.style).toEqual(BAND_PALETTE[bandName]);
    }
    expect(drivers.styles.length).toBe(rows.filter((r) => r[bandColumn] !== NA).length);
  });

  it('places the sensitivity ratio on the secondary axis and marks the current threshold', async () => {
    const sens = sheetOf(layout.sheets, 'sensitivity');
    const chart = sens.charts[0]!;
    expect(chart.kind).toBe('line');
    expect(chart.series.map((s) => [s.name, s.axis])).toEqual([
      ['Balanced Fairness', 'primary'], ['Custom Fairness', 'primary'], ['Deal Size Ratio (E:MM)', 'secondary'],
    ]);
    const t = table(sens, 'TS_Sensitivity');
    const sampled = output.sensitivity.some((p) => p.threshold === output.evaluation.settings.threshold);
    expect(t.rowCount).toBe(output.sensitivity.length + (sampled ? 0 : 1));
    // Exactly one row is marked, and it is the current threshold.
    const rows = await t.rows(0, t.rowCount);
    const marked = rows.filter((r) => r[4] !== '');
    expect(marked).toHaveLength(1);
    expect(marked[0]![0]).toBe(output.evaluation.settings.threshold);
  });

  it('lays out the charts the spec asks for', () => {
    const charts = layout.sheets.flatMap((s) => s.charts.map((c) => [s.baseName, c.kind, c.table]));
    expect(charts).toEqual([
      ['Fairness', 'barStacked', 'TS_RepSummary'],
      ['Comparison', 'columnClustered', 'TS_RepBeforeAfter'],
      ['Comparison', 'columnClustered', 'TS_RepBeforeAfter'],
      ['Sensitivity', 'line', 'TS_Sensitivity'],
      ['Scenarios', 'columnClustered', 'TS_Scenarios'],
    ]);
  });
});

describe('N/A handling', () => {
  it('writes N/A (never 0) for risk metrics when risk is disabled, and for an empty segment', async () => {
    const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ['Ann', 'Enterprise', 'CA'], ['Ben', 'Mid-Market', 'NY']];
    const accounts: Cell[][] = [
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
      ['A1', 'Alpha', 'Ann', 100, 10, 'CA'],
      ['A2', 'Beta', 'Ben', 200, 20, 'NY'],
    ];
    const sheet = (name: string, rows: Cell[][]): SheetInput => ({ name, rows, firstRow: 1 });
    const output = runOutput(sheet('Reps', reps), sheet('Accounts', accounts), { threshold: 1000 });
    const layout = layoutWorkbook(output);
    const fairness = sheetOf(layout.sheets, 'fairness');
    const drivers = await table(fairness, 'TS_FairnessDrivers').rows(0, 6);
    // Enterprise has no accounts at 1000: every metric N/A; Mid-Market risk N/A (risk disabled).
    for (const row of drivers.slice(0, 3)) expect(row.slice(2)).toEqual([NA, NA, NA, NA, NA, NA, NA]);
    expect(drivers[5]!.slice(2)).toEqual([NA, NA, NA, NA, NA, NA, NA]);
    expect(drivers[3]!.slice(2).every((c) => typeof c === 'number' || (typeof c === 'string' && c !== NA))).toBe(true);
    const composites = await table(fairness, 'TS_FairnessComposites').rows(0, 3);
    expect(composites[0]!.slice(2)).toEqual([NA, NA, NA, NA, NA, NA]);
    const repRows = await table(fairness, 'TS_RepSummary').rows(0, 2);
    expect(repRows.map((r) => r[5])).toEqual([NA, NA]);
    const params = await table(fairness, 'TS_RunParameters').rows(0, 30);
    expect(params.find((r) => r[0] === 'Deal size ratio (E:MM)')![1]).toBe(NA);
    const kpi = await table(sheetOf(layout.sheets, 'comparison'), 'TS_ComparisonKpi').rows(0, 6);
    expect(kpi[2]!.slice(2)).toEqual([NA, NA, NA, NA, NA]);
    // Where the spec says N/A the rendered cell holds the N/A text, never a number (0): whole rows, by hand.
    // Both accounts are Mid-Market (10 and 20 employees < 1000) and go to Ben: loads [300] and [2].
    const rendered = async (role: SheetLayout['role'], name: string): Promise<OutCell[][]> => {
      const s = sheetOf(layout.sheets, role);
      const t = table(s, name);
      return (await renderSheetValues(s)).slice(t.row + 1, t.row + 1 + t.rowCount).map((r) => r.slice(t.column, t.column + t.headers.length));
    };
    const N = NA_TEXT;
    expect(await rendered('fairness', 'TS_FairnessDrivers')).toEqual([
      ['Enterprise', 'ARR', N, N, N, N, N, N, N],
      ['Enterprise', 'Accounts', N, N, N, N, N, N, N],
      ['Enterprise', 'Risk', N, N, N, N, N, N, N],
      // One rep: the best achievable CV is 0 too.
      ['Mid-Market', 'ARR', 0, 100, 100, 'Dark Green', 0, 1, 0],
      ['Mid-Market', 'Accounts', 0, 100, 100, 'Dark Green', 0, 1, 0],
      ['Mid-Market', 'Risk', N, N, N, N, N, N, N],
    ]);
    expect(await rendered('fairness', 'TS_FairnessComposites')).toEqual([
      ['Enterprise', 1, N, N, N, N, N, N],
      ['Mid-Market', 1, 100, 100, 'Dark Green', 100, 100, 'Dark Green'],
      ['Overall', 2, 100, 100, 'Dark Green', 100, 100, 'Dark Green'],
    ]);
    expect(await rendered('fairness', 'TS_RepSummary')).toEqual([['Ann', 'Enterprise', 'CA', 0, 0, N, 0], ['Ben', 'Mid-Market', 'NY', 300, 2, N, 300]]);
    expect((await rendered('fairness', 'TS_RunParameters')).find((r) => r[0] === 'Deal size ratio (E:MM)')).toEqual(['Deal size ratio (E:MM)', N]);
    // Enterprise has no accounts (after N/A) but Ann's original book [100] / [1] still gives a before.
    expect(await rendered('comparison', 'TS_ComparisonKpi')).toEqual([
      ['Enterprise', 'ARR', 0, N, 100, N, N],
      ['Enterprise', 'Accounts', 0, N, 100, N, N],
      ['Enterprise', 'Risk', N, N, N, N, N],
      ['Mid-Market', 'ARR', 0, 0, 100, 100, 0],
      ['Mid-Market', 'Accounts', 0, 0, 100, 100, 0],
      ['Mid-Market', 'Risk', N, N, N, N, N],
    ]);
    // Ben is the only Mid-Market rep: no runner-up, its score or margin.
    // Columns: step, kind, ID, …, winner (7), runner-up (9), its score (10), margin % (11).
    expect((await rendered('audit', 'TS_AuditLog')).map((r) => r.slice(0, 3).concat(r.slice(7, 8), r.slice(9, 12)))).toEqual([
      [1, 'Greedy', 'A2', 'Ben', N, N, N],
      [2, 'Greedy', 'A1', 'Ben', N, N, N],
    ]);
    // And nowhere else on those sheets. Fairness: drivers 28 (7 per N/A row), composites 6, rep summary 2,
    // deal size ratio 1, move budget 1 (fresh mode), refinement budget columns 4; Comparison 16;
    // Audit Log 8 (runner-up, its score, margin % and From for each greedy step).
    const naCells = async (role: SheetLayout['role']) => (await renderSheetValues(sheetOf(layout.sheets, role))).flat().filter((c) => c === N).length;
    expect([await naCells('fairness'), await naCells('comparison'), await naCells('audit')]).toEqual([42, 16, 8]);
  });

  it('gives an empty table one placeholder row (Excel tables need a data row)', async () => {
    const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ['Ann', 'Enterprise', 'CA']];
    const accounts: Cell[][] = [['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'], ['A1', 'Alpha', 'Ann', 100, 5000, 'CA']];
    const output = runOutput({ name: 'Reps', rows: reps, firstRow: 1 }, { name: 'Accounts', rows: accounts, firstRow: 1 });
    const moves = table(sheetOf(layoutWorkbook(output).sheets, 'comparison'), 'TS_AccountMoves');
    expect(moves.rowCount).toBe(1);
    expect((await moves.rows(0, 1))[0]![0]).toBe('No account changed rep');
  });
});

describe('layout values against the engine', () => {
  it.each([
    ['a generated book with risk', () => generatedScenario(300, 12, 7).output],
    ['a generated book at another threshold and weights', () => generatedScenario(150, 9, 5, { threshold: 3000, weights: { arr: 60, accounts: 10, risk: 30 } }).output],
    ['the tricky book (idle reps, orphan, no-risk account)', () => trickyScenario().output],
  ])('TS_FairnessDrivers rows are the evaluation\'s driver statistics: %s', async (_, make) => {
    const output = make();
    const layout = layoutWorkbook(output);
    expect(definedDriverCount(output)).toBeGreaterThan(0);
    expectTable(await layoutTable(layout, 'TS_FairnessDrivers'), 'TS_FairnessDrivers', driverRowsFromEngine(output));
  });

  it.each([
    ['a generated book', () => generatedScenario(300, 12, 7).output],
    ['the tricky book', () => trickyScenario().output],
  ])('TS_AuditLog rows are auditRecords(book, allocation): %s', async (_, make) => {
    const output = make();
    const audit = await layoutTable(layoutWorkbook(output), 'TS_AuditLog');
    expect(audit.headers).toEqual(HEADERS.TS_AuditLog);
    expectRows(audit.rows, auditRowsFromEngine(output), 'TS_AuditLog');
    expectAuditConsistent(audit.rows, output);
  });

  it.each([
    ['a Mid-Market rep takes the orphan, blank and cross-segment accounts', false],
    ['no Mid-Market rep: those accounts stay unassigned', true],
  ])('hand-made book, Comparison and Audit Log equal the hand computation: %s', async (_, withoutMidMarketRep) => {
    const h = handBook(withoutMidMarketRep);
    const output = runOutput(h.reps, h.accounts, h.settings);
    const layout = layoutWorkbook(output);
    const tables = await layoutTables(layout);
    expectHandBookTables((name) => tables.get(name)!, output, withoutMidMarketRep);
    expect(layout.results.values(0, 6).map((p) => p[1])).toEqual(handExpected(withoutMidMarketRep).assigned);
  });
});

describe('result columns', () => {
  it('appends Segment and Assigned_Rep after the last used column', () => {
    const { output } = trickyScenario();
    const results = layoutWorkbook(output).results;
    expect(results.segment).toEqual({ header: 'Segment', column: 8, existing: false });
    expect(results.assignedRep).toEqual({ header: 'Assigned_Rep', column: 9, existing: false });
    expect(results.headerRow).toBe(1);
    expect(results.rowCount).toBe(6);
  });

  it('updates existing columns in place and leaves blank rows blank', () => {
    const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ['Ann', 'Enterprise', 'CA'], ['Ben', 'MM', 'NY']];
    const accounts: Cell[][] = [
      ['Title row', null, null, null, null, null, null, null],
      ['Account_ID', 'Assigned_Rep', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Segment'],
      ['A1', 'old', 'Alpha', 'Ann', 100, 5000, 'CA', 'old'],
      [null, null, null, null, null, null, null, null],
      ['A2', 'old', 'Beta', 'Ben', 200, 20, 'NY', 'old'],
    ];
    const output = runOutput({ name: 'Reps', rows: reps, firstRow: 1 }, { name: 'Accounts', rows: accounts, firstRow: 3 });
    const results = layoutWorkbook(output).results;
    expect(results.segment).toEqual({ header: 'Segment', column: 7, existing: true });
    expect(results.assignedRep).toEqual({ header: 'Assigned_Rep', column: 1, existing: true });
    expect(results.headerRow).toBe(4);
    expect(results.firstDataRow).toBe(5);
    expect(results.values(0, 3)).toEqual([['Enterprise', 'Ann'], ['', ''], ['Mid-Market', 'Ben']]);
  });
});

describe('literal text', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1-555', `'+1-555`],
    ['-A12', `'-A12`],
    ['@x', `'@x`],
    ['00123', `'00123`],
    ['1/2/2024', `'1/2/2024`],
    ['TRUE', `'TRUE`],
    ["'quoted", `''quoted`],
    ['#N/A', `'#N/A`],
    ['Acme Corp', 'Acme Corp'],
    ['N/A', 'N/A'],
    ['', ''],
  ])('%s is written as %s', (text, written) => {
    expect(excelLiteral(text)).toBe(written);
  });

  it('keeps formula-like names, IDs and locations as literal text in the layout', async () => {
    const { output } = trickyScenario();
    const layout = layoutWorkbook(output);
    const audit = table(sheetOf(layout.sheets, 'audit'), 'TS_AuditLog');
    const names = await column(audit, 'Account_Name');
    expect(names).toContain('=HYPERLINK("x")');
    expect(names).toContain('+1-555');
    // Everything a writer sends for those cells starts with the quote prefix.
    for (const n of names) if (typeof n === 'string' && /^[=+\-@]/.test(n)) expect(excelValue(n)).toBe(`'${n}`);
    expect(layout.results.values(0, 6).map((p) => p[1])).toContain('=HYPERLINK("x")');
    const ids = await column(audit, 'Account_ID');
    expect(ids).toContain('00123');
    expect(ids).toContain('1001');
  });

  it('never produces a formula: no layout string is passed to Excel without its guard', async () => {
    // The Office adapter writes the tricky book into the fake, which turns unguarded "=x", "+1-555",
    // "-A12" and "@x" into formulas the way Excel does.
    const { reps, accounts } = trickyScenario();
    const { fake, port } = harness(fakeSheetsOf(reps, accounts));
    const output = await readAndRun(port);
    expect((await port.writeResults(output)).ok).toBe(true);
    const layout = layoutWorkbook(output);
    let formulaLike = 0;
    for (const s of layout.sheets) {
      const written = fake.workbookState.sheet(s.baseName);
      expect(written.formulas(), s.baseName).toEqual({});
      const grid = await renderSheetValues(s);
      grid.forEach((row, r) => row.forEach((c, col) => {
        if (typeof c !== 'string' || !/^[=+\-@]/.test(c)) return;
        formulaLike++;
        expect(written.values()[r]![col], `${s.baseName} row ${r + 1} column ${col + 1}`).toBe(c);
      }));
    }
    expect(formulaLike).toBeGreaterThan(0);
    // And the Assigned_Rep column on Accounts, where '=HYPERLINK("x")' and '-A12' are reps' names.
    const results = layout.results;
    const assigned = fake.workbookState.sheet('Accounts').values().slice(results.firstDataRow - 1).map((r) => r[results.assignedRep.column]);
    expect(assigned).toEqual(expect.arrayContaining(['=HYPERLINK("x")', '-A12']));
    expect(fake.workbookState.sheet('Accounts').formulas()).toEqual({});
  });
});

describe('owned sheet planning', () => {
  it('uses the base names in a fresh workbook', () => {
    const plans = planOwnedSheets([{ id: '1', name: 'Reps', role: null }, { id: '2', name: 'Accounts', role: null }], {});
    expect(plans.map((p) => [p.name, p.existingId])).toEqual([['Fairness', null], ['Comparison', null], ['Audit Log', null], ['Sensitivity', null], ['Scenarios', null]]);
  });

  it('never takes a user sheet that has our name: Fairness (2)', () => {
    const plans = planOwnedSheets([{ id: '1', name: 'fairness', role: null }, { id: '2', name: 'Fairness (2)', role: null }], {});
    expect(plans[0]).toEqual({ role: 'fairness', existingId: null, name: 'Fairness (3)' });
    expect(freeSheetName('Audit Log', new Set(['audit log']))).toBe('Audit Log (2)');
  });

  it('finds renamed owned sheets by mark or by the workbook record', () => {
    const sheets = [
      { id: 'a', name: 'My fairness', role: 'fairness' as const },
      { id: 'b', name: 'Old comparison', role: null },
      { id: 'c', name: 'Copy of fairness', role: 'fairness' as const },
    ];
    const plans = planOwnedSheets(sheets, { comparison: 'b', fairness: 'c' });
    expect(plans[0]).toEqual({ role: 'fairness', existingId: 'c', name: 'Copy of fairness' });
    expect(plans[1]).toEqual({ role: 'comparison', existingId: 'b', name: 'Old comparison' });
  });

  it('never rebuilds the sheets being read', () => {
    const plans = planOwnedSheets([{ id: 'a', name: 'Fairness', role: 'fairness' }], {}, ['fairness']);
    expect(plans[0]).toEqual({ role: 'fairness', existingId: null, name: 'Fairness (2)' });
  });
});
