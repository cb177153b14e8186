/** The Segment and Assigned_Rep columns on the Accounts sheet (SPEC §9). */
import { SEGMENTS, type Book, type Evaluation } from '../../engine/index.js';
import type { ResultColumn, ResultColumnsLayout } from './types.js';

/** Width of the used range as read: the widest row (rows may be ragged outside Office). */
export function usedWidth(book: Book): number {
  let width = book.accountsLayout.headers.length;
  for (const row of book.accountsSheet.rows) if (row.length > width) width = row.length;
  return width;
}

/**
 * Where the two columns go: existing ones (found by header) are updated in place, missing
 * ones are appended after the last used column, Segment first.
 */
export function resultColumnsLayout(book: Book, evaluation: Evaluation): ResultColumnsLayout {
  const layout = book.accountsLayout;
  const acc = book.accounts;
  const appendAt = usedWidth(book);
  let next = appendAt;
  const place = (header: ResultColumn['header'], found: number): ResultColumn =>
    found >= 0 ? { header, column: found, existing: true } : { header, column: next++, existing: false };
  const segment = place('Segment', layout.segmentColumn);
  const assignedRep = place('Assigned_Rep', layout.assignedRepColumn);

  const firstDataRow = layout.headerRow + 1;
  let lastRow = layout.headerRow;
  for (let k = 0; k < acc.count; k++) if (acc.row[k]! > lastRow) lastRow = acc.row[k]!;
  const rowCount = lastRow - layout.headerRow;
  // Account index by row offset; -1 for blank rows between accounts.
  const accountAt = new Int32Array(rowCount).fill(-1);
  for (let k = 0; k < acc.count; k++) accountAt[acc.row[k]! - firstDataRow] = k;

  const { allocation } = evaluation;
  return {
    sheet: book.accountsSheet.name,
    headerRow: layout.headerRow,
    firstDataRow,
    rowCount,
    appendAt,
    segment,
    assignedRep,
    values(from, to) {
      const out: [string, string][] = [];
      for (let i = Math.max(0, from); i < Math.min(rowCount, to); i++) {
        const k = accountAt[i]!;
        if (k < 0) {
          out.push(['', '']);
          continue;
        }
        const r = allocation.assigned[k]!;
        out.push([SEGMENTS[allocation.segment[k]!]!, r < 0 ? '' : book.reps[r]!.name]);
      }
      return out;
    },
  };
}
