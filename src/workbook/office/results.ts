/**
 * Writes Segment and Assigned_Rep into the Accounts sheet: existing columns in place, new
 * ones appended after the last used column, or added as table columns when the data is an
 * Excel table. Only those two columns' cells are touched.
 */
import type { OutCell, ResultColumn, ResultColumnsLayout } from '../layout/types.js';
import { blockOp, queueRowBlocks } from './blocks.js';
import type { OfficeEnv } from './env.js';
import type { Prepared } from './prepare.js';
import { OP_OVERHEAD_BYTES, type RequestQueue } from './queue.js';

/** Column runs to write: both columns together when adjacent (Segment left of Assigned_Rep). */
function columnRuns(results: ResultColumnsLayout): { column: number; pick: (pair: [string, string]) => OutCell[] }[] {
  const { segment, assignedRep } = results;
  if (assignedRep.column === segment.column + 1) return [{ column: segment.column, pick: (p) => [p[0], p[1]] }];
  return [
    { column: segment.column, pick: (p) => [p[0]] },
    { column: assignedRep.column, pick: (p) => [p[1]] },
  ];
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
    const table = prepared.accountsTable?.table ?? null;
    await queue.add({
      bytes: OP_OVERHEAD_BYTES * 2,
      apply() {
        for (const col of added) {
          // A new table column takes its name as the header; plain columns get a header cell.
          if (table) table.columns.add(undefined, undefined, col.header);
          else blockOp(env, sheet, { row: headerIndex, column: offset + col.column, values: [[col.header]] }).apply();
        }
      },
    });
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
