/** The Comparison sheet (SPEC §8): KPI before/after, movement totals, per-rep before/after, account moves. */
import { accountMoves, driverChanges, DRIVERS, movementTotals, type RunOutput } from '../../engine/index.js';
import { DRIVER_LABELS } from './fairness.js';
import { arrayTable, FORMAT, lazyTable, numberOrNA, rowAfter, titleAndNote } from './cells.js';
import type { ChartLayout, OutCell, SheetLayout, StyledCell, TableLayout } from './types.js';

const { general, currency, thousands, oneDecimal, percentPoints } = FORMAT;

/** Header row shared by the KPI table (left) and the account movement table (right). */
const HEADER_ROW = 4;
/** The movement table starts here, right of the left-hand blocks and a spacer column. */
const MOVES_COLUMN = 8;
export const UNASSIGNED_LABEL = '(unassigned)';

function kpiTable(output: RunOutput): TableLayout {
  const rows: OutCell[][] = [];
  for (const seg of output.evaluation.segments) {
    const changes = driverChanges(seg.before, seg.drivers);
    DRIVERS.forEach((d, i) => {
      const c = changes[i]!;
      rows.push([seg.name, DRIVER_LABELS[d], numberOrNA(c.cvBefore), numberOrNA(c.cvAfter), numberOrNA(c.scoreBefore), numberOrNA(c.scoreAfter), numberOrNA(c.scoreChange)]);
    });
  }
  return arrayTable(
    {
      name: 'TS_ComparisonKpi',
      caption: 'Fairness before (original books) and after allocation',
      row: HEADER_ROW,
      column: 0,
      headers: ['Segment', 'Driver', 'CV % Before', 'CV % After', 'Score Before', 'Score After', 'Score Change'],
      formats: [general, general, oneDecimal, oneDecimal, oneDecimal, oneDecimal, '+0.0;-0.0;0.0'],
    },
    rows,
  );
}

function totalsTable(output: RunOutput, row: number): TableLayout {
  const { evaluation } = output;
  const t = movementTotals(output.book, evaluation);
  // The trade-off in one place (SPEC §15): how much balance, for how much disruption.
  const entries: [string, OutCell, string][] = [
    ['Overall Balanced before (current books)', numberOrNA(evaluation.overallBefore.balanced), oneDecimal],
    ['Overall Balanced after', numberOrNA(evaluation.overall.balanced), oneDecimal],
    ['Accounts moved', t.accountsMoved, thousands],
    ['Accounts moved (%)', t.accountsMovedPct, percentPoints],
    ['ARR moved', t.arrMoved, currency],
    ['ARR moved (%)', t.arrMovedPct, percentPoints],
    ['Accounts kept with their rep', t.accountsKept, thousands],
    ['Accounts in total', output.book.accounts.count, thousands],
  ];
  if (evaluation.settings.mode === 'rebalance') {
    // Apart from accounts moved (§15.1): the budget counts accounts away from their start rep only.
    for (const seg of evaluation.segments) {
      const r = seg.refinement;
      if (r?.budget !== null && r?.budget !== undefined) entries.push([`Move budget used, ${seg.name}`, `${r.budgetUsed ?? 0} of ${r.budget}`, general]);
    }
  }
  const styles: StyledCell[] = entries.map(([, , f], i) => ({ row: i, column: 1, style: { numberFormat: f } }));
  return arrayTable(
    { name: 'TS_MovementTotals', caption: 'Account movement totals', row, column: 0, headers: ['Measure', 'Value'], formats: [general, general], styles },
    entries.map(([label, value]) => [label, value]),
  );
}

function repTable(output: RunOutput, row: number): TableLayout {
  const { book, evaluation } = output;
  const rows: OutCell[][] = [];
  for (const seg of evaluation.segments) {
    seg.reps.forEach((r, i) => {
      const before = seg.beforeLoads;
      rows.push([
        book.reps[r]!.name,
        seg.name,
        before ? before.arr[i]! : 0,
        seg.loads.arr[i]!,
        before ? before.accounts[i]! : 0,
        seg.loads.accounts[i]!,
      ]);
    });
  }
  return arrayTable(
    {
      name: 'TS_RepBeforeAfter',
      caption: 'Per rep: whole original book before, new book after',
      row,
      column: 0,
      headers: ['Rep', 'Segment', 'ARR Before', 'ARR After', 'Accounts Before', 'Accounts After'],
      formats: [general, general, currency, currency, thousands, thousands],
    },
    rows,
  );
}

function movesTable(output: RunOutput): TableLayout {
  const moves = accountMoves(output.book, output.evaluation);
  return lazyTable(
    {
      name: 'TS_AccountMoves',
      caption: 'Accounts that changed rep',
      row: HEADER_ROW,
      column: MOVES_COLUMN,
      headers: ['Account_ID', 'Account_Name', 'ARR', 'Segment', 'From', 'To'],
      formats: [general, general, currency, general, general, general],
    },
    moves.length,
    (from, to) =>
      moves.slice(from, to).map((m) => [m.accountId, m.accountName, m.arr, m.segment, m.from || UNASSIGNED_LABEL, m.to || UNASSIGNED_LABEL]),
    'No account changed rep',
  );
}

// Charts stay in columns A–G so they never cover the movement table on the right.
function repChart(name: string, title: string, valueColumns: [number, number], seriesNames: [string, string], row: number): ChartLayout {
  return {
    name,
    title,
    kind: 'columnClustered',
    table: 'TS_RepBeforeAfter',
    categoryColumn: 0,
    series: [
      { name: seriesNames[0], column: valueColumns[0], axis: 'primary' },
      { name: seriesNames[1], column: valueColumns[1], axis: 'primary' },
    ],
    anchor: { row, column: 0, rows: 18, columns: 7 },
  };
}

/** The Comparison sheet. */
export function comparisonLayout(output: RunOutput): SheetLayout {
  const kpi = kpiTable(output);
  const totals = totalsTable(output, rowAfter(kpi));
  const reps = repTable(output, rowAfter(totals));
  const moves = movesTable(output);
  const chartRow = rowAfter(reps);
  return {
    role: 'comparison',
    baseName: 'Comparison',
    // No timestamp here: the run time is one cell of the Fairness sheet's Run parameters.
    texts: titleAndNote(
      'Territory Slicer: before / after comparison',
      "Before = each rep's original book (Original_Rep); after = the new allocation. Rebuilt on every Allocate; run time and settings are in Run parameters on the Fairness sheet.",
    ),
    tables: [kpi, totals, reps, moves],
    charts: [
      repChart('TS_ArrBeforeAfterChart', 'ARR per rep: before vs after', [2, 3], ['ARR Before', 'ARR After'], chartRow),
      repChart('TS_AccountsBeforeAfterChart', 'Accounts per rep: before vs after', [4, 5], ['Accounts Before', 'Accounts After'], chartRow + 19),
    ],
    freezeRows: HEADER_ROW + 1,
    columnWidths: [170, 90, 95, 95, 95, 95, 95, 24, 100, 200, 95, 90, 130, 130],
  };
}
