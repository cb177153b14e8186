/**
 * Rebuilds one owned sheet from its layout: clear (or create), values block by block, then
 * tables over them, number formats, band fills, widths, frozen header rows and native charts.
 */
import type { ChartKind, ChartLayout, SheetLayout, TableLayout } from '../layout/types.js';
import type { OwnedSheetPlan } from '../layout/owned.js';
import { blockOp, queueRowBlocks } from './blocks.js';
import { cellRange } from '../layout/address.js';
import { rangeAt, type OfficeEnv } from './env.js';
import { OWNER_KEY, type Prepared } from './prepare.js';
import { OP_OVERHEAD_BYTES, type RequestQueue } from './queue.js';

const CHART_TYPES: Readonly<Record<ChartKind, 'BarStacked' | 'ColumnClustered' | 'Line'>> = {
  barStacked: 'BarStacked',
  columnClustered: 'ColumnClustered',
  line: 'Line',
};

/** A small fixed-size operation. */
const smallOp = (apply: () => void, count = 1) => ({ bytes: OP_OVERHEAD_BYTES * count, apply });

/** Empties a sheet we own (charts, tables, cells, formats, panes), or adds a new one. */
async function sheetFor(queue: RequestQueue, context: Excel.RequestContext, env: OfficeEnv, plan: OwnedSheetPlan, prepared: Prepared): Promise<Excel.Worksheet> {
  const existing = plan.existingId ? prepared.existing.get(plan.existingId) : undefined;
  let sheet: Excel.Worksheet;
  if (existing) {
    sheet = existing.sheet;
    await queue.add(
      smallOp(() => {
        for (const chart of existing.charts) chart.delete();
        for (const table of existing.tables) table.delete();
        sheet.getRange().clear('All');
        if (env.supports('1.7')) sheet.freezePanes.unfreeze();
      }, 3 + existing.charts.length + existing.tables.length),
    );
    if (env.supports('1.12')) await queue.add(smallOp(() => sheet.customProperties.add(OWNER_KEY, plan.role)));
  } else {
    // A new sheet is created in a request of its own: later blocks hold its proxy, and a
    // block replayed after a payload refusal must not lose the sheet it writes to.
    await queue.flush();
    sheet = context.workbook.worksheets.add(plan.name);
    sheet.load('id,name');
    if (env.supports('1.12')) sheet.customProperties.add(OWNER_KEY, plan.role);
    await queue.commitDirect();
  }
  return sheet;
}

async function writeTable(
  queue: RequestQueue,
  env: OfficeEnv,
  sheet: Excel.Worksheet,
  table: TableLayout,
  tableName: string,
  onRows: (rows: number) => void,
): Promise<void> {
  if (table.caption !== null && table.row > 0) {
    const caption = blockOp(env, sheet, { row: table.row - 1, column: table.column, values: [[table.caption]] });
    await queue.add({ bytes: caption.bytes + OP_OVERHEAD_BYTES, apply: () => {
      caption.apply();
      rangeAt(env, sheet, table.row - 1, table.column, 1, 1).format.font.bold = true;
    } });
  }
  await queue.add(blockOp(env, sheet, { row: table.row, column: table.column, values: [table.headers] }));
  await queueRowBlocks(
    queue,
    env,
    table.rowCount,
    async (from, to) => blockOp(env, sheet, { row: table.row + 1 + from, column: table.column, values: await table.rows(from, to), formats: table.formats }),
    onRows,
  );
  // The table goes over values already written (faster than growing a table row by row). Its
  // source is a Range of this sheet: an address without a sheet name would put the table on
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

function addChart(env: OfficeEnv, sheet: Excel.Worksheet, layout: SheetLayout, chart: ChartLayout): void {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table || chart.series.length === 0) return;
  const column = (c: number) => rangeAt(env, sheet, table.row + 1, table.column + c, table.rowCount, 1);
  const categories = column(chart.categoryColumn);
  const first = chart.series[0]!;
  // Series are set explicitly (values, categories, names) rather than left to Excel's guess:
  // given a column whose first cell is text ("N/A"), Excel takes that cell as the series name
  // and plots the rest one row out of step with the categories.
  const added = sheet.charts.add(CHART_TYPES[chart.kind], column(first.column), 'Columns');
  added.name = chart.name;
  added.title.text = chart.title;
  added.legend.position = 'Bottom';
  const series = chart.series.map((s, i) => {
    const target = i === 0 ? added.series.getItemAt(0) : added.series.add(s.name);
    if (i === 0) target.name = s.name;
    target.setValues(column(s.column));
    target.setXAxisValues(categories);
    return { target, axis: s.axis };
  });
  if (env.supports('1.8')) for (const s of series) if (s.axis === 'secondary') s.target.axisGroup = 'Secondary';
  const { row, column: left, rows, columns } = chart.anchor;
  added.setPosition(cellRange(row, left, 1, 1), cellRange(row + rows - 1, left + columns - 1, 1, 1));
}

/** Rebuilds one owned sheet; the caller flushes the queue and records the part as written. */
export async function writeOwnedSheet(
  queue: RequestQueue,
  context: Excel.RequestContext,
  env: OfficeEnv,
  layout: SheetLayout,
  plan: OwnedSheetPlan,
  prepared: Prepared,
  tableNames: ReadonlyMap<string, string>,
  onRows: (rows: number) => void,
): Promise<Excel.Worksheet> {
  const sheet = await sheetFor(queue, context, env, plan, prepared);
  for (const text of layout.texts) {
    const op = blockOp(env, sheet, { row: text.row, column: text.column, values: [[text.text]] });
    await queue.add({ bytes: op.bytes + OP_OVERHEAD_BYTES, apply: () => {
      op.apply();
      const font = rangeAt(env, sheet, text.row, text.column, 1, 1).format.font;
      if (text.style === 'title') font.bold = true;
      else font.italic = true;
    } });
  }
  for (const table of layout.tables) await writeTable(queue, env, sheet, table, tableNames.get(table.name) ?? table.name, onRows);
  await queue.add(smallOp(() => {
    layout.columnWidths.forEach((width, c) => (rangeAt(env, sheet, 0, c, 1, 1).format.columnWidth = width));
    if (layout.freezeRows > 0 && env.supports('1.7')) sheet.freezePanes.freezeRows(layout.freezeRows);
  }, layout.columnWidths.length + 1));
  if (env.supports('1.7')) {
    for (const chart of layout.charts) await queue.add(smallOp(() => addChart(env, sheet, layout, chart), 12 + 4 * chart.series.length));
  }
  return sheet;
}
