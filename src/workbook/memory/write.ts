/**
 * Renders a WorkbookLayout into MemorySheets: the same columns, sheets, tables and charts the
 * Office adapter writes, as plain data (values exactly as Excel's `Range.values` reads back).
 */
import type { Cell } from '../../engine/index.js';
import { blockAddress } from '../layout/address.js';
import { renderSheetValues } from '../layout/index.js';
import type { CellStyle, ChartKind, ResultColumnsLayout, SheetLayout } from '../layout/types.js';

/** An Excel table as recorded in the memory workbook. */
export interface MemoryTable {
  readonly name: string;
  /** `'Sheet'!A5:H11`, header row included. */
  readonly address: string;
  readonly headers: readonly string[];
  readonly rowCount: number;
  readonly formats: readonly string[];
}

export interface MemoryChartSeries {
  readonly name: string;
  readonly values: string;
  readonly categories: string;
  readonly axis: 'primary' | 'secondary';
}

/** A native chart as recorded in the memory workbook. */
export interface MemoryChart {
  readonly name: string;
  readonly title: string;
  readonly kind: ChartKind;
  readonly series: readonly MemoryChartSeries[];
  /** Cells the chart covers, e.g. `'Fairness'!J4:R22`. */
  readonly anchor: string;
}

/** Owned-sheet extras: what Excel would carry beyond cell values. */
export interface MemorySheetDecor {
  tables: MemoryTable[];
  charts: MemoryChart[];
  frozenRows: number;
  columnWidths: number[];
  /** Styled cells (0-based sheet coordinates): band fills, per-cell number formats, titles. */
  styles: { row: number; column: number; style: CellStyle }[];
}

/** Values of an owned sheet from A1, with `null` for empty cells. */
export async function ownedSheetRows(layout: SheetLayout): Promise<Cell[][]> {
  return (await renderSheetValues(layout)).map((row) => row.map((c) => (c === '' ? null : c)));
}

/** Tables, charts, styles and freeze panes of an owned sheet named `sheetName`. */
export function ownedSheetDecor(layout: SheetLayout, sheetName: string, tableNames: ReadonlyMap<string, string>): MemorySheetDecor {
  const tables: MemoryTable[] = layout.tables.map((t) => ({
    name: tableNames.get(t.name) ?? t.name,
    address: blockAddress(sheetName, t.row, t.column, t.rowCount + 1, t.headers.length),
    headers: [...t.headers],
    rowCount: t.rowCount,
    formats: [...t.formats],
  }));
  const charts: MemoryChart[] = layout.charts.map((chart) => {
    const table = layout.tables.find((t) => t.name === chart.table)!;
    const column = (c: number) => blockAddress(sheetName, table.row + 1, table.column + c, table.rowCount, 1);
    return {
      name: chart.name,
      title: chart.title,
      kind: chart.kind,
      series: chart.series.map((s) => ({ name: s.name, values: column(s.column), categories: column(chart.categoryColumn), axis: s.axis })),
      anchor: blockAddress(sheetName, chart.anchor.row, chart.anchor.column, chart.anchor.rows, chart.anchor.columns),
    };
  });
  const styles: MemorySheetDecor['styles'] = [];
  for (const t of layout.texts) styles.push({ row: t.row, column: t.column, style: { bold: t.style === 'title' } });
  for (const t of layout.tables) {
    if (t.caption !== null && t.row > 0) styles.push({ row: t.row - 1, column: t.column, style: { bold: true } });
    for (const s of t.styles) styles.push({ row: t.row + 1 + s.row, column: t.column + s.column, style: s.style });
  }
  return { tables, charts, frozenRows: layout.freezeRows, columnWidths: [...layout.columnWidths], styles };
}

/** Writes Segment / Assigned_Rep into an Accounts sheet's rows (rows[0] = Excel row `firstRow`). */
export function writeResultColumns(rows: Cell[][], firstRow: number, results: ResultColumnsLayout): void {
  const set = (excelRow: number, column: number, value: Cell) => {
    const i = excelRow - firstRow;
    while (rows.length <= i) rows.push([]);
    const row = rows[i]!;
    if (value === null && (row[column] === null || row[column] === undefined)) return;
    while (row.length <= column) row.push(null);
    row[column] = value;
  };
  for (const col of [results.segment, results.assignedRep]) {
    if (!col.existing) set(results.headerRow, col.column, col.header);
  }
  const BLOCK = 50_000;
  for (let from = 0; from < results.rowCount; from += BLOCK) {
    results.values(from, from + BLOCK).forEach(([segment, rep], i) => {
      const excelRow = results.firstDataRow + from + i;
      set(excelRow, results.segment.column, segment === '' ? null : segment);
      set(excelRow, results.assignedRep.column, rep === '' ? null : rep);
    });
  }
}
