/** CSV export (SPEC §9) and a small RFC 4180 reader for CLI input (SPEC §13, §14). */
import type { Allocation } from './allocate.js';
import { isBlank } from './cells.js';
import { SEGMENTS, type Book, type Cell } from './types.js';

// Text that a spreadsheet would run as a formula: = + − (hyphen or minus sign) @ tab CR.
const FORMULA_START = /^[=+\-\u2212@\t\r]/;

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell for export: guarded against formula injection, then RFC 4180 quoted. */
export function csvText(text: string): string {
  return field(FORMULA_START.test(text) ? `'${text}` : text);
}

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return field(String(cell));
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return csvText(cell);
}

/**
 * All original Accounts columns in order (Current_Rep renamed Original_Rep), then Segment and
 * Assigned_Rep; UTF-8 BOM, CRLF. Result columns from an earlier run are replaced, not repeated.
 */
export function exportCsv(book: Book, allocation: Allocation): string {
  const layout = book.accountsLayout;
  const sheet = book.accountsSheet;
  const skip = new Set([layout.segmentColumn, layout.assignedRepColumn].filter((c) => c >= 0));
  let width = layout.headers.length;
  for (let k = 0; k < book.accounts.count; k++) {
    width = Math.max(width, sheet.rows[book.accounts.sourceIndex[k]!]!.length);
  }
  // Trailing columns with neither a header nor any value are not part of the table.
  const used = Array.from({ length: width }, (_, c) => !skip.has(c));
  const keep = used.map((u, c) => u && (layout.headers[c] !== undefined && layout.headers[c] !== '' || hasData(book, c)));
  const columns = keep.flatMap((k, c) => (k ? [c] : []));
  const repColumn = layout.columns.Original_Rep;
  const header = columns.map((c) =>
    c === repColumn && layout.usesCurrentRepAlias ? 'Original_Rep' : csvText(layout.headers[c] ?? ''),
  );
  const lines = [[...header, 'Segment', 'Assigned_Rep'].join(',')];
  for (let k = 0; k < book.accounts.count; k++) {
    const row = sheet.rows[book.accounts.sourceIndex[k]!]!;
    const r = allocation.assigned[k]!;
    const cells = columns.map((c) => csvCell(row[c]));
    cells.push(SEGMENTS[allocation.segment[k]!]!, r < 0 ? '' : csvText(book.reps[r]!.name));
    lines.push(cells.join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function hasData(book: Book, c: number): boolean {
  const rows = book.accountsSheet.rows;
  for (let k = 0; k < book.accounts.count; k++) if (!isBlank(rows[book.accounts.sourceIndex[k]!]![c])) return true;
  return false;
}

/**
 * Parses RFC 4180 CSV into rows of text. A blank line is an empty row (it still counts as a
 * record, so row numbers match the file); a quoted newline stays inside its field.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(fieldText);
    fieldText = '';
    fieldStarted = false;
  };
  const endRow = () => {
    if (row.length === 0 && !fieldStarted && fieldText === '') rows.push([]);
    else {
      endField();
      rows.push(row);
    }
    row = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      fieldText += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldText === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === ',') {
      endField();
      fieldStarted = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      fieldText += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted || fieldStarted || fieldText !== '' || row.length > 0) endRow();
  return rows;
}
