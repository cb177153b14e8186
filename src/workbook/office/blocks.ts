/** Row-block writes sized to the request budget, shared by the result columns and the owned sheets. */
import { excelValue } from '../layout/index.js';
import type { OutCell } from '../layout/types.js';
import { jsonBytes, rangeAt, type OfficeEnv } from './env.js';
import { OP_OVERHEAD_BYTES, type RequestQueue, type WriteOp } from './queue.js';

/** A block of cells at 0-based sheet coordinates, with optional per-column number formats. */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly values: readonly (readonly OutCell[])[];
  /** Number format per column; 'General' (or undefined) columns are left alone. */
  readonly formats?: readonly (string | undefined)[];
}

/** Values first, then number formats (one column range per formatted column). */
export function blockOp(env: OfficeEnv, sheet: Excel.Worksheet, block: CellBlock): WriteOp {
  const rows = block.values.length;
  const width = block.values[0]?.length ?? 0;
  const values = block.values.map((r) => r.map(excelValue));
  const formatted = (block.formats ?? []).flatMap((f, c) => (f && f !== 'General' ? [{ c, f }] : []));
  const bytes = jsonBytes(values) + formatted.reduce((n, { f }) => n + rows * (f.length + 5), 0) + OP_OVERHEAD_BYTES * (1 + formatted.length);
  return {
    bytes,
    apply() {
      if (rows === 0 || width === 0) return;
      rangeAt(env, sheet, block.row, block.column, rows, width).values = values;
      for (const { c, f } of formatted) {
        rangeAt(env, sheet, block.row, block.column + c, rows, 1).numberFormat = Array.from({ length: rows }, () => [f]);
      }
    },
    split() {
      if (rows < 2) return [];
      const half = Math.ceil(rows / 2);
      return [
        blockOp(env, sheet, { ...block, values: block.values.slice(0, half) }),
        blockOp(env, sheet, { ...block, row: block.row + half, values: block.values.slice(half) }),
      ];
    },
  };
}

/**
 * Queues rows [0, total) in blocks: each block is built by `makeOp(from, to)` (its rows may come
 * from the compute worker), shrunk until its estimate fits the budget, then grown back towards
 * `maxBlockRows` as rows allow.
 */
export async function queueRowBlocks(
  queue: RequestQueue,
  env: OfficeEnv,
  total: number,
  makeOp: (from: number, to: number) => WriteOp | Promise<WriteOp>,
  onRows?: (rows: number) => void,
): Promise<void> {
  let size = Math.min(env.maxBlockRows, 2_000);
  let from = 0;
  while (from < total) {
    const n = Math.min(size, total - from);
    const op = await makeOp(from, from + n);
    if (op.bytes > env.requestBudget && n > 1) {
      size = Math.max(1, Math.floor((n * env.requestBudget * 0.9) / op.bytes));
      continue;
    }
    await queue.add(op);
    onRows?.(n);
    from += n;
    const perRow = op.bytes / n;
    size = Math.max(1, Math.min(env.maxBlockRows, Math.floor((env.requestBudget * 0.9) / Math.max(1, perRow))));
  }
}
