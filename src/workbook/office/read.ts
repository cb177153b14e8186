/**
 * Reads a sheet's used range in row blocks sized to Excel's limits: the dimensions first,
 * then values (only values) block by block, one sync per block. The block size follows the
 * measured bytes per row, halving on a payload refusal; no block exceeds 5,000,000 cells.
 */
import type { Cell, SheetInput } from '../../engine/index.js';
import type { ReadProgress } from '../port.js';
import { jsonBytes, rangeAt, type OfficeEnv } from './env.js';
import { syncBlock, WorkbookError } from './errors.js';

/** Where a sheet's used range starts (0-based), for writing back to the right columns. */
export interface SheetOrigin {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly columnCount: number;
}

const MAX_CELLS_PER_READ = 5_000_000;
/** First block: small, to measure the bytes per row before sizing the rest. */
const PROBE_ROWS = 500;

function plainCell(value: unknown): Cell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Reads one sheet; returns its values (from the used range's first row and column) and origin. */
export async function readSheetBlocks(
  context: Excel.RequestContext,
  env: OfficeEnv,
  name: string,
  onProgress?: (progress: ReadProgress) => void,
): Promise<{ input: SheetInput; origin: SheetOrigin }> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load('name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  if (sheet.isNullObject) throw new WorkbookError(`There is no sheet named "${name}" in this workbook.`);
  if (used.isNullObject) {
    onProgress?.({ rowsRead: 0, totalRows: 0 });
    return { input: { name: sheet.name, rows: [], firstRow: 1 }, origin: { rowIndex: 0, columnIndex: 0, columnCount: 0 } };
  }
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  const maxRowsByCells = Math.max(1, Math.floor(MAX_CELLS_PER_READ / Math.max(1, columnCount)));
  const cap = Math.min(env.maxBlockRows, maxRowsByCells);
  const rows: Cell[][] = [];
  let blockRows = Math.min(PROBE_ROWS, cap);
  let bytesPerRow = 0;
  while (rows.length < rowCount) {
    const take = Math.min(blockRows, rowCount - rows.length);
    const range = rangeAt(env, sheet, rowIndex + rows.length, columnIndex, take, columnCount);
    range.load('values');
    if (!(await syncBlock(context, take))) {
      blockRows = Math.max(1, Math.floor(take / 2));
      continue;
    }
    const values = range.values;
    bytesPerRow = Math.max(bytesPerRow, jsonBytes(values) / Math.max(1, values.length));
    for (const row of values) rows.push(row.map(plainCell));
    range.untrack();
    onProgress?.({ rowsRead: rows.length, totalRows: rowCount });
    // Size the next block from the widest rows seen so far, within the response budget.
    blockRows = Math.max(1, Math.min(cap, Math.floor(env.responseBudget / Math.max(1, bytesPerRow))));
  }
  return {
    input: { name: sheet.name, rows, firstRow: rowIndex + 1 },
    origin: { rowIndex, columnIndex, columnCount },
  };
}
