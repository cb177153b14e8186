/** The Fairness sheet: run parameters, driver and composite fairness, rep summary, warnings, chart. */
import { DRIVERS, type DriverName, type SegmentResult, type Warning, type RunOutput } from '../../engine/index.js';
import { arrayTable, FORMAT, NA, numberOrNA, rowAfter, scoreCells, titleAndNote } from './cells.js';
import type { ChartLayout, OutCell, SheetLayout, StyledCell, TableLayout } from './types.js';

export const DRIVER_LABELS: Readonly<Record<DriverName, string>> = { arr: 'ARR', accounts: 'Accounts', risk: 'Risk' };

const { general, currency, thousands, integer, oneDecimal, twoDecimals, threeDecimals } = FORMAT;

function parametersTable(output: RunOutput, row: number): TableLayout {
  const { book, evaluation, generatedAt } = output;
  const s = evaluation.settings;
  const [ent, mm] = evaluation.segments;
  const entries: [string, OutCell, string][] = [
    ['Generated at', generatedAt, general],
    ['Reps sheet', book.repsSheetName, general],
    ['Accounts sheet', book.accountsSheet.name, general],
    ['Threshold (Num_Employees ≥ is Enterprise)', s.threshold, thousands],
    ['ARR weight (%)', s.weights.arr, integer],
    ['Accounts weight (%)', s.weights.accounts, integer],
    ['Risk weight (%)', s.weights.risk, integer],
    ['Geo bonus', s.geoBonus, twoDecimals],
    ['Preserve bonus', s.preserveBonus, twoDecimals],
    ['High-risk cutoff (Risk_Score ≥)', s.riskCutoff, twoDecimals],
    ['Risk balancing', book.riskEnabled ? 'On' : 'Off (no usable Risk_Score)', general],
    ['Allocation mode', s.mode === 'rebalance' ? 'Start from current books' : 'Fresh allocation', general],
    ['Move budget (% of each segment)', s.mode === 'rebalance' ? s.budget : NA, integer],
    ['Refine after greedy', s.refine ? 'On' : 'Off', general],
    ['Enterprise max accounts per rep', s.maxAccounts.Enterprise ?? 'None', integer],
    ['Mid-Market max accounts per rep', s.maxAccounts['Mid-Market'] ?? 'None', integer],
    ['Locked accounts (applied)', ent.locked + mm.locked, thousands],
    ['Reps with their own cap (Max_Accounts)', book.reps.filter((r) => r.maxAccounts !== null).length, thousands],
    ['Reps', book.reps.length, thousands],
    ['Accounts', book.accounts.count, thousands],
    ['Enterprise accounts', ent.accounts, thousands],
    ['Mid-Market accounts', mm.accounts, thousands],
    ['Enterprise ARR', ent.arr, currency],
    ['Mid-Market ARR', mm.arr, currency],
    ['Deal size ratio (E:MM)', numberOrNA(evaluation.dealSizeRatio), twoDecimals],
  ];
  const styles: StyledCell[] = entries.map(([, , f], i) => ({ row: i, column: 1, style: { numberFormat: f } }));
  return arrayTable(
    { name: 'TS_RunParameters', caption: 'Run parameters', row, column: 0, headers: ['Parameter', 'Value'], formats: [general, general], styles },
    entries.map(([label, value]) => [label, value]),
  );
}

function driversTable(output: RunOutput, row: number): TableLayout {
  const rows: OutCell[][] = [];
  const styles: StyledCell[] = [];
  for (const seg of output.evaluation.segments) {
    for (const d of DRIVERS) {
      const stats = seg.drivers?.[d] ?? null;
      const shown = scoreCells(stats ? stats.score : null);
      if (shown.style) styles.push({ row: rows.length, column: 5, style: shown.style });
      rows.push([
        seg.name,
        DRIVER_LABELS[d],
        numberOrNA(stats?.cv),
        numberOrNA(stats?.score),
        shown.shown,
        shown.band,
        numberOrNA(stats?.gini),
        numberOrNA(stats?.minMaxRatio),
        numberOrNA(stats ? seg.floorCv[d] : null),
      ]);
    }
  }
  return arrayTable(
    {
      name: 'TS_FairnessDrivers',
      caption:
        'Fairness by segment and driver (CV % = standard deviation ÷ mean × 100; Score = 100 − CV %; best achievable = the CV % no assignment can beat, locks and caps aside)',
      row,
      column: 0,
      headers: ['Segment', 'Driver', 'CV %', 'Score', 'Shown Score', 'Band', 'Gini', 'Min/Max Ratio', 'Best Achievable CV %'],
      formats: [general, general, oneDecimal, oneDecimal, integer, general, threeDecimals, twoDecimals, twoDecimals],
      styles,
    },
    rows,
  );
}

function compositesTable(output: RunOutput, row: number): TableLayout {
  const { evaluation } = output;
  const w = evaluation.settings.weights;
  const rows: OutCell[][] = [];
  const styles: StyledCell[] = [];
  const add = (scope: string, reps: number, custom: number | null, balanced: number | null) => {
    const c = scoreCells(custom), b = scoreCells(balanced);
    if (c.style) styles.push({ row: rows.length, column: 4, style: c.style });
    if (b.style) styles.push({ row: rows.length, column: 7, style: b.style });
    rows.push([scope, reps, numberOrNA(custom), c.shown, c.band, numberOrNA(balanced), b.shown, b.band]);
  };
  for (const seg of evaluation.segments) add(seg.name, seg.reps.length, seg.custom, seg.balanced);
  add('Overall', evaluation.segments[0].reps.length + evaluation.segments[1].reps.length, evaluation.overall.custom, evaluation.overall.balanced);
  return arrayTable(
    {
      name: 'TS_FairnessComposites',
      caption: `Composite fairness (Custom = weighted ${w.arr} / ${w.accounts} / ${w.risk}; Balanced = equal weights; Overall = rep-weighted mean)`,
      row,
      column: 0,
      headers: ['Scope', 'Reps', 'Custom', 'Custom Shown', 'Custom Band', 'Balanced', 'Balanced Shown', 'Balanced Band'],
      formats: [general, thousands, oneDecimal, integer, general, oneDecimal, integer, general],
      styles,
    },
    rows,
  );
}

/**
 * What refinement did per segment (SPEC §15): moves, swaps, F after the greedy (or the start books in
 * rebalance mode) and at the end, and the move budget used when rebalancing.
 */
function refinementTable(output: RunOutput, row: number): TableLayout {
  const rebalance = output.evaluation.settings.mode === 'rebalance';
  const rows: OutCell[][] = output.evaluation.segments.map((seg) => {
    const r = seg.refinement;
    if (!r) return [seg.name, NA, NA, NA, NA, NA, NA];
    return [seg.name, r.moves, r.swaps, r.fGreedy, r.fFinal, rebalance ? r.budgetUsed ?? NA : NA, rebalance ? r.budget ?? NA : NA];
  });
  return arrayTable(
    {
      name: 'TS_Refinement',
      caption: 'Refinement after the greedy (F = Σ weight × (load ÷ target)², lower is more even; budget: accounts away from their start rep)',
      row,
      column: 0,
      headers: ['Segment', 'Moves', 'Swaps', 'F Before', 'F After', 'Budget Used', 'Budget'],
      formats: [general, thousands, thousands, '0.000000', '0.000000', thousands, thousands],
    },
    rows,
  );
}

/** Rep, Segment, Location, ARR, Accounts, High-risk ARR, Other ARR: Reps-sheet order. */
function repSummaryRows(output: RunOutput): OutCell[][] {
  const { book, evaluation } = output;
  const bySegment = new Map<number, { seg: SegmentResult; local: number }>();
  for (const seg of evaluation.segments) seg.reps.forEach((r, i) => bySegment.set(r, { seg, local: i }));
  return book.reps.map((rep, r) => {
    const at = bySegment.get(r);
    const arr = at ? at.seg.loads.arr[at.local]! : 0;
    const accounts = at ? at.seg.loads.accounts[at.local]! : 0;
    const risk = at ? at.seg.loads.riskArr[at.local]! : 0;
    return [rep.name, rep.segment, rep.location, arr, accounts, book.riskEnabled ? risk : NA, book.riskEnabled ? arr - risk : arr];
  });
}

function repSummaryTable(output: RunOutput, row: number): TableLayout {
  return arrayTable(
    {
      name: 'TS_RepSummary',
      caption: 'Rep summary (after allocation)',
      row,
      column: 0,
      headers: ['Rep', 'Segment', 'Location', 'ARR', 'Accounts', 'High-risk ARR', 'Other ARR'],
      formats: [general, general, general, currency, thousands, currency, currency],
    },
    repSummaryRows(output),
  );
}

/**
 * A warning's sentence, with the names or account IDs it concerns when the sentence does not
 * already name them (SPEC §2: unassigned accounts "are listed"); "…" when only the first are kept.
 */
function warningText(w: Warning): string {
  const subjects = w.subjects ?? [];
  if (subjects.length === 0 || subjects.some((s) => w.message.includes(s))) return w.message;
  const more = w.count !== undefined && w.count > subjects.length ? ', …' : '';
  const label = w.code === 'segment-without-reps' ? 'Accounts' : 'Concerns';
  return `${w.message} ${label}: ${subjects.join(', ')}${more}.`;
}

// Message is the last column so its long text runs on into the empty cells to its right.
function warningsTable(warnings: readonly Warning[], row: number): TableLayout {
  return arrayTable(
    {
      name: 'TS_Warnings',
      caption: 'Warnings',
      row,
      column: 0,
      headers: ['Code', 'Count', 'Message'],
      formats: [general, thousands, general],
    },
    warnings.map((w) => [w.code, w.count ?? w.subjects?.length ?? w.rows?.length ?? '', warningText(w)]),
    'No warnings',
  );
}

/**
 * The rep chart: high-risk vs other ARR, stacked. Without risk the High-risk column holds N/A
 * text, which Excel cannot plot (a chart made over a text-only column gets no series), so the
 * chart then shows each rep's ARR alone.
 */
function repRiskChart(output: RunOutput): ChartLayout {
  const repRows = Math.max(1, output.book.reps.length);
  const risk = output.book.riskEnabled;
  return {
    name: 'TS_RepRiskChart',
    title: risk ? 'ARR per rep: high-risk vs other' : 'ARR per rep (risk balancing off: no Risk_Score)',
    kind: 'barStacked',
    table: 'TS_RepSummary',
    categoryColumn: 0,
    series: risk
      ? [
          { name: 'High-risk ARR', column: 5, axis: 'primary' },
          { name: 'Other ARR', column: 6, axis: 'primary' },
        ]
      : [{ name: 'ARR', column: 3, axis: 'primary' }],
    anchor: { row: 3, column: 9, rows: Math.min(60, Math.max(18, Math.ceil(repRows * 0.8) + 6)), columns: 9 },
  };
}

/** The Fairness sheet (SPEC §5, §9). */
export function fairnessLayout(output: RunOutput): SheetLayout {
  const parameters = parametersTable(output, 4);
  const drivers = driversTable(output, rowAfter(parameters));
  const composites = compositesTable(output, rowAfter(drivers));
  const refinement = refinementTable(output, rowAfter(composites));
  const reps = repSummaryTable(output, rowAfter(refinement));
  const warnings = warningsTable([...output.readWarnings, ...output.evaluation.warnings], rowAfter(reps));
  return {
    role: 'fairness',
    baseName: 'Fairness',
    // The run time lives in one cell only (Run parameters, "Generated at"), so two runs of the
    // same workbook and settings differ in that cell and nowhere else.
    texts: titleAndNote(
      'Territory Slicer: fairness of the allocation',
      'Rebuilt by the add-in on every Allocate: edits on this sheet are overwritten. When and with which settings: Run parameters below.',
    ),
    tables: [parameters, drivers, composites, refinement, reps, warnings],
    charts: [repRiskChart(output)],
    freezeRows: 2,
    columnWidths: [190, 110, 80, 90, 90, 110, 100, 100],
  };
}
