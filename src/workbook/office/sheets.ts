/**
 * Rebuilds one owned sheet from its layout: clear (or create), every value block by block, then the
 * tables over them, number formats, band fills, widths, frozen header rows and native charts.
 *
 * All values go in before the first table exists: Excel grows a table over anything written just
 * right of it or below it (AutoCorrect's "Include new rows and columns in table" applies to API
 * writes), so a caption or a neighbouring table written after it could end up inside it.
 */
import type { OutCell } from '../layout/types.js';
import type { ChartKind, ChartLayout, SheetLayout, TableLayout } from '../layout/types.js';
import type { OwnedSheetPlan } from '../layout/owned.js';
import { blockOp, queueRowBlocks } from './blocks.js';
import { cellRange } from '../layout/address.js';
import { createOwnedSheet } from './create-sheet.js';
import { rangeAt, type OfficeEnv } from './env.js';
import { OWNER_KEY } from './keys.js';
import type { Prepared } from './prepare.js';
import { OP_OVERHEAD_BYTES, type RequestQueue } from './queue.js';

const CHART_TYPES: Readonly<Record<ChartKind, 'BarStacked' | 'ColumnClustered' | 'Line'>> = {
  barStacked: 'BarStacked',
  columnClustered: 'ColumnClustered',
  line: 'Line',
};

/** A small fixed-size operation. */
const smallOp = (apply: () => void, count = 1) => ({ bytes: OP_OVERHEAD_BYTES * count, apply });

/** Which columns of each table hold at least one number (charts need to know, see addChart). */
type NumericColumns = Map<string, boolean[]>;

/** Empties a sheet we own (charts, tables, cells, formats, panes), or adds a new one. */
async function sheetFor(queue: RequestQueue, context: Excel.RequestContext, env: OfficeEnv, plan: OwnedSheetPlan, prepared: Prepared): Promise<{ sheet: Excel.Worksheet; name: string }> {
  const existing = plan.existingId ? prepared.existing.get(plan.existingId) : undefined;
  if (!existing) return createOwnedSheet(queue, context, env, prepared.record, plan.role, plan.name, prepared.takenSheetNames);
  const sheet = existing.sheet;
  await queue.add(
    smallOp(() => {
      for (const chart of existing.charts) chart.delete();
      for (const table of existing.tables) table.delete();
      sheet.getRange().clear('All');
      if (env.supports('1.7')) sheet.freezePanes.unfreeze();
    }, 3 + existing.charts.length + existing.tables.length),
  );
  if (env.supports('1.12')) await queue.add(smallOp(() => sheet.customProperties.add(OWNER_KEY, plan.role)));
  return { sheet, name: plan.name };
}

/** Caption, header and data rows of a table, as plain values (the Excel table is added later). */
async function writeTableValues(queue: RequestQueue, env: OfficeEnv, sheet: Excel.Worksheet, table: TableLayout, numeric: NumericColumns, onRows: (rows: number) => void): Promise<void> {
  if (table.caption !== null && table.row > 0) {
    const caption = blockOp(env, sheet, { row: table.row - 1, column: table.column, values: [[table.caption]] });
    await queue.add({ bytes: caption.bytes + OP_OVERHEAD_BYTES, apply: () => {
      caption.apply();
      rangeAt(env, sheet, table.row - 1, table.column, 1, 1).format.font.bold = true;
    } });
  }
  await queue.add(blockOp(env, sheet, { row: table.row, column: table.column, values: [table.headers] }));
  const hasNumber = table.headers.map(() => false);
  numeric.set(table.name, hasNumber);
  const note = (rows: readonly (readonly OutCell[])[]) => {
    for (const row of rows) row.forEach((cell, c) => (hasNumber[c] ||= typeof cell === 'number'));
    return rows;
  };
  await queueRowBlocks(
    queue,
    env,
    table.rowCount,
    async (from, to) => blockOp(env, sheet, { row: table.row + 1 + from, column: table.column, values: note(await table.rows(from, to)), formats: table.formats }),
    onRows,
  );
}

/** The Excel table over values already written, then its per-cell styles. */
async function addTable(queue: RequestQueue, env: OfficeEnv, sheet: Excel.Worksheet, table: TableLayout, tableName: string): Promise<void> {
  // Its source is a Range of this sheet: an address without a sheet name would put the table on
  // the *active* sheet (TableCollection.add docs), which is usually the user's Accounts sheet.
  await queue.add(smallOp(() => {
    const added = sheet.tables.add(rangeAt(env, sheet, table.row, table.column, table.rowCount + 1, table.headers.length), true);
    added.name = tableName;
  }, 2));
  for (const cell of table.styles) {
    await queue.add(smallOp(() => {
      const range = rangeAt(env, sheet, table.row + 1 + cell.row, table.column + cell.column, 1, 1);
      const { fill, fontColor, bold, numberFormat } = cell.style;
      if (fill) range.format.fill.color = fill;
      if (fontColor) range.format.font.color = fontColor;
      if (bold !== undefined) range.format.font.bold = bold;
      if (numberFormat) range.numberFormat = [[numberFormat]];
    }, 4));
  }
}

/**
 * A native chart with every series given its values and categories explicitly (values, categories,
 * names), rather than left to Excel's guess: given a column whose first cell is text ("N/A"), Excel
 * takes that cell as the series name and plots the rest one row out of step. Excel makes the chart
 * from a source range and creates series from it only where there are numbers: an all-"N/A" column
 * gives no series at all. So the source is the first series' column that holds a number (exactly one
 * series comes from it, at index 0); the others are added at their positions around it.
 */
async function addChart(queue: RequestQueue, env: OfficeEnv, sheet: Excel.Worksheet, layout: SheetLayout, chart: ChartLayout, numeric: NumericColumns): Promise<void> {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table || chart.series.length === 0) return;
  const column = (c: number) => rangeAt(env, sheet, table.row + 1, table.column + c, table.rowCount, 1);
  const hasNumber = numeric.get(table.name) ?? [];
  const source = chart.series.findIndex((s) => hasNumber[s.column] === true);
  const place = (added: Excel.Chart) => {
    added.name = chart.name;
    added.title.text = chart.title;
    added.legend.position = 'Bottom';
    const { row, column: left, rows, columns } = chart.anchor;
    added.setPosition(cellRange(row, left, 1, 1), cellRange(row + rows - 1, left + columns - 1, 1, 1));
  };
  const fill = (target: Excel.ChartSeries, i: number) => {
    const s = chart.series[i]!;
    target.name = s.name;
    target.setValues(column(s.column));
    target.setXAxisValues(column(chart.categoryColumn));
    if (s.axis === 'secondary' && env.supports('1.8')) target.axisGroup = 'Secondary';
  };
  if (source >= 0) {
    await queue.add(smallOp(() => {
      const added = sheet.charts.add(CHART_TYPES[chart.kind], column(chart.series[source]!.column), 'Columns');
      place(added);
      // Fill Excel's own series while it is still the first, then put the others in layout order.
      fill(added.series.getItemAt(0), source);
      chart.series.forEach((_, i) => {
        if (i !== source) fill(i < source ? added.series.add(chart.series[i]!.name, i) : added.series.add(chart.series[i]!.name), i);
      });
    }, 12 + 4 * chart.series.length));
    return;
  }
  // Not one number to plot: ask Excel which series it made, remove them, then add ours (one request more).
  let created: Excel.Chart | null = null;
  await queue.add(smallOp(() => {
    created = sheet.charts.add(CHART_TYPES[chart.kind], column(chart.series[0]!.column), 'Columns');
    place(created);
    created.series.load('items/name');
  }, 8));
  await queue.flush();
  const added = created as Excel.Chart | null;
  if (!added) return;
  const made = added.series.items.length;
  await queue.add(smallOp(() => {
    for (let k = made - 1; k >= 0; k--) added.series.getItemAt(k).delete();
    chart.series.forEach((s, i) => fill(added.series.add(s.name), i));
  }, 4 + made + 4 * chart.series.length));
}

/** Rebuilds one owned sheet; the caller flushes the queue and records the part as written. Returns the sheet and its name. */
export async function writeOwnedSheet(
  queue: RequestQueue,
  context: Excel.RequestContext,
  env: OfficeEnv,
  layout: SheetLayout,
  plan: OwnedSheetPlan,
  prepared: Prepared,
  tableNames: ReadonlyMap<string, string>,
  onRows: (rows: number) => void,
): Promise<{ sheet: Excel.Worksheet; name: string }> {
  const target = await sheetFor(queue, context, env, plan, prepared);
  const { sheet } = target;
  for (const text of layout.texts) {
    const op = blockOp(env, sheet, { row: text.row, column: text.column, values: [[text.text]] });
    await queue.add({ bytes: op.bytes + OP_OVERHEAD_BYTES, apply: () => {
      op.apply();
      const font = rangeAt(env, sheet, text.row, text.column, 1, 1).format.font;
      if (text.style === 'title') font.bold = true;
      else font.italic = true;
    } });
  }
  const numeric: NumericColumns = new Map();
  for (const table of layout.tables) await writeTableValues(queue, env, sheet, table, numeric, onRows);
  for (const table of layout.tables) await addTable(queue, env, sheet, table, tableNames.get(table.name) ?? table.name);
  await queue.add(smallOp(() => {
    layout.columnWidths.forEach((width, c) => (rangeAt(env, sheet, 0, c, 1, 1).format.columnWidth = width));
    if (layout.freezeRows > 0 && env.supports('1.7')) sheet.freezePanes.freezeRows(layout.freezeRows);
  }, layout.columnWidths.length + 1));
  if (env.supports('1.7')) {
    for (const chart of layout.charts) await addChart(queue, env, sheet, layout, chart, numeric);
  }
  return target;
}
