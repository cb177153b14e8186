/**
 * Lays out one run's output for the workbook (SPEC §9): pure functions from a `RunOutput` to
 * a plain description (types.ts) that the Office adapter, the in-memory workbook and
 * the .xlsx writer render alike.
 */
import type { WorkbookOutput } from '../port.js';
import { auditLayout, localAuditLog } from './audit.js';
import { comparisonLayout } from './comparison.js';
import { fairnessLayout } from './fairness.js';
import { resultColumnsLayout } from './results.js';
import { scenariosLayout } from './scenarios.js';
import { sensitivityLayout } from './sensitivity.js';
import type { OutCell, SheetLayout, TableLayout, WorkbookLayout } from './types.js';

export * from './types.js';
export { resultColumnsLayout, usedWidth } from './results.js';
export { FORMAT, NA } from './cells.js';

/** Everything one Allocate press writes, in write order. */
export function layoutWorkbook(output: WorkbookOutput): WorkbookLayout {
  const auditLog = output.auditLog ?? localAuditLog(output);
  return {
    results: resultColumnsLayout(output.book, output.evaluation),
    sheets: [fairnessLayout(output), comparisonLayout(output), auditLayout(output, auditLog), sensitivityLayout(output), scenariosLayout(output)],
  };
}

/** Text Excel would read as something else (formula, number, date, boolean, error). */
const NEEDS_QUOTE_PREFIX = /^[=+\-\u2212@'#\t\r\n]|\d|^\s*(true|false)\s*$/i;

/**
 * A string as it must go into `Range.values` to stay literal text: Excel turns "=x", "+1-555",
 * "-A12", "@x" into formulas and "00123", "1/2", "TRUE" into numbers, dates and booleans.
 * A leading apostrophe is Excel's quote prefix: hidden in the cell and absent from `values`
 * when read back. Text without digits or a special first character is left bare.
 */
export function excelLiteral(text: string): string {
  return text !== '' && NEEDS_QUOTE_PREFIX.test(text) ? `'${text}` : text;
}

/** A layout cell as `Range.values` must receive it. */
export function excelValue(cell: OutCell): string | number | boolean {
  if (cell === null) return '';
  return typeof cell === 'string' ? excelLiteral(cell) : cell;
}

/** Last sheet row (0-based, exclusive) and column used by a table. */
export function tableExtent(table: TableLayout): { rows: number; columns: number } {
  return { rows: table.row + 1 + table.rowCount, columns: table.column + table.headers.length };
}

/** Every table name of a layout (each must be unique in the workbook). */
export function tableNames(sheets: readonly SheetLayout[]): string[] {
  return sheets.flatMap((s) => s.tables.map((t) => t.name));
}

/** A sheet's cells as a dense grid from A1 (for the in-memory workbook and .xlsx export). */
export async function renderSheetValues(sheet: SheetLayout): Promise<OutCell[][]> {
  let height = 0, width = 0;
  for (const t of sheet.texts) {
    height = Math.max(height, t.row + 1);
    width = Math.max(width, t.column + 1);
  }
  for (const table of sheet.tables) {
    const e = tableExtent(table);
    height = Math.max(height, e.rows);
    width = Math.max(width, e.columns);
    if (table.caption !== null) width = Math.max(width, table.column + 1);
  }
  const grid: OutCell[][] = Array.from({ length: height }, () => new Array<OutCell>(width).fill(null));
  for (const t of sheet.texts) grid[t.row]![t.column] = t.text;
  for (const table of sheet.tables) {
    if (table.caption !== null && table.row > 0) grid[table.row - 1]![table.column] = table.caption;
    table.headers.forEach((h, c) => (grid[table.row]![table.column + c] = h));
    const BLOCK = 10_000;
    for (let from = 0; from < table.rowCount; from += BLOCK) {
      (await table.rows(from, from + BLOCK)).forEach((row, i) => {
        const target = grid[table.row + 1 + from + i]!;
        row.forEach((cell, c) => (target[table.column + c] = cell === '' ? null : cell));
      });
    }
  }
  return grid;
}
