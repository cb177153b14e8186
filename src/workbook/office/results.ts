/**
 * Writes Segment and Assigned_Rep into the Accounts sheet: existing columns in place, new
 * ones appended after the last used column, or added as table columns when the data is an
 * Excel table. Only those two columns' cells are touched.
 */
import type { OutCell, ResultColumn, ResultColumnsLayout } from '../layout/types.js';
import { blockOp, queueRowBlocks } from './blocks.js';
import { rangeAt, type OfficeEnv } from './env.js';
import type { AccountsTable, Prepared } from './prepare.js';
import { OP_OVERHEAD_BYTES, type RequestQueue, type WriteOp } from './queue.js';

/** Column runs to write: both columns together when adjacent (Segment left of Assigned_Rep). */
function columnRuns(results: ResultColumnsLayout): { column: number; pick: (pair: [string, string]) => OutCell[] }[] {
  const { segment, assignedRep } = results;
  if (assignedRep.column === segment.column + 1) return [{ column: segment.column, pick: (p) => [p[0], p[1]] }];
  return [
    { column: segment.column, pick: (p) => [p[0]] },
    { column: assignedRep.column, pick: (p) => [p[1]] },
  ];
}

/** Excel on the web refuses an operation that touches more cells than this (OperationCellsExceedLimit). */
const OPERATION_CELL_LIMIT = 33_554_000;

/**
 * Can `TableColumnCollection.add` add `count` columns to this table on Excel on the web? Microsoft's
 * count of the cells it touches: (table rows) × (16383 − table columns), which passes the limit at
 * about 2,050 rows for a 10-column table (error-handling page, OperationCellsExceedLimit).
 */
export function tableCanAddColumns(rows: number, columns: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (rows * (16_383 - (columns + k)) > OPERATION_CELL_LIMIT) return false;
  return true;
}

/**
 * New columns (0-based sheet columns, contiguous from the right edge of the data) with their headers.
 * Beside an Excel table they become table columns: `columns.add` while the table is small enough for
 * it on the web; a larger one gets its header cells written just right of it (Excel grows the table
 * over them, AutoCorrect willing), then, from ExcelApi 1.13, a resize that makes sure of it. Without
 * a table, header cells are written.
 */
export function addColumnsOp(env: OfficeEnv, sheet: Excel.Worksheet, table: AccountsTable | null, headerIndex: number, columns: readonly { column: number; header: string }[]): WriteOp {
  const asColumns = table !== null && tableCanAddColumns(table.rowCount, table.columnCount, columns.length);
  return {
    bytes: OP_OVERHEAD_BYTES * (2 + columns.length),
    apply() {
      for (const col of columns) {
        // A new table column takes its name as the header; plain columns get a header cell.
        if (asColumns && table) table.table.columns.add(undefined, undefined, col.header);
        else blockOp(env, sheet, { row: headerIndex, column: col.column, values: [[col.header]] }).apply();
      }
      if (table && !asColumns && env.supports('1.13')) {
        table.table.resize(rangeAt(env, sheet, table.rowIndex, table.columnIndex, table.rowCount, table.columnCount + columns.length));
      }
    },
  };
}

export async function writeResultColumns(
  queue: RequestQueue,
  env: OfficeEnv,
  prepared: Prepared,
  results: ResultColumnsLayout,
  onRows: (rows: number) => void,
): Promise<void> {
  const sheet = prepared.accounts;
  const offset = prepared.firstColumn;
  const headerIndex = results.headerRow - 1;
  const added: ResultColumn[] = [results.segment, results.assignedRep].filter((c) => !c.existing).sort((a, b) => a.column - b.column);
  if (added.length > 0) {
    await queue.add(addColumnsOp(env, sheet, prepared.accountsTable, headerIndex, added.map((c) => ({ column: offset + c.column, header: c.header }))));
  }
  const firstIndex = results.firstDataRow - 1;
  const runs = columnRuns(results);
  await queueRowBlocks(
    queue,
    env,
    results.rowCount,
    (from, to) => {
      const pairs = results.values(from, to);
      const ops = runs.map((run) => blockOp(env, sheet, { row: firstIndex + from, column: offset + run.column, values: pairs.map(run.pick) }));
      return {
        bytes: ops.reduce((n, op) => n + op.bytes, 0),
        apply: () => ops.forEach((op) => op.apply()),
        split: () => ops.flatMap((op) => op.split?.() ?? [op]),
      };
    },
    onRows,
  );
}
