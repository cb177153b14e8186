/**
 * A1 addresses, sheet names and table names: parsing, formatting and Excel's naming rules.
 * Sheet-name rules: OFFICE-NOTES.md "Sheet names" (≤ 31 chars, not blank, none of \ / ? * : [ ],
 * no leading/trailing ', unique ignoring case, "History" reserved).
 */
import { officeError } from './errors.js';

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, 0-based, inclusive start, sizes ≥ 1. */
export interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

/** Column index (0-based) → letters: 0 → A, 26 → AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letters → column index (0-based), or -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Quotes a sheet name for an address when Excel would ('My Sheet' → "'My Sheet'"). */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !looksLikeCellReference(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function looksLikeCellReference(name: string): boolean {
  return /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*[Cc][0-9]*$/.test(name) || /^[RrCc]$/.test(name);
}

/** "Sheet1!A1:B2" style address of a rectangle (whole columns/rows shortened as Excel does). */
export function formatAddress(sheetName: string, rect: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect)}`;
}

/** "A1:B2" / "A1" / "A:C" / "2:5" for a rectangle. */
export function formatRect(rect: Rect): string {
  const { r0, c0, rows, cols } = rect;
  if (r0 === 0 && rows === MAX_ROWS && !(c0 === 0 && cols === MAX_COLS)) {
    return `${columnLetters(c0)}:${columnLetters(c0 + cols - 1)}`;
  }
  if (c0 === 0 && cols === MAX_COLS && !(r0 === 0 && rows === MAX_ROWS)) return `${r0 + 1}:${r0 + rows}`;
  const start = `${columnLetters(c0)}${r0 + 1}`;
  if (rows === 1 && cols === 1) return start;
  return `${start}:${columnLetters(c0 + cols - 1)}${r0 + rows}`;
}

/** A parsed address: optional sheet part plus rectangle. */
export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

/** Splits "'My Sheet'!A1:B2" into sheet + local part; undoes '' escaping. */
function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

interface CellPart {
  row?: number;
  col?: number;
}

function parseCellPart(part: string): CellPart | null {
  const m = /^\$?([A-Za-z]{1,3})?\$?([0-9]{1,7})?$/.exec(part);
  if (!m || (!m[1] && !m[2])) return null;
  const out: CellPart = {};
  if (m[1]) {
    const col = columnIndex(m[1]);
    if (col < 0 || col >= MAX_COLS) return null;
    out.col = col;
  }
  if (m[2]) {
    const row = Number(m[2]) - 1;
    if (row < 0 || row >= MAX_ROWS) return null;
    out.row = row;
  }
  return out;
}

/** Parses "A1", "A1:C3", "$A$1", "A:C", "2:5", "Sheet1!A1"; throws InvalidArgument otherwise. */
export function parseAddress(address: string): ParsedAddress {
  const { sheet, local } = splitSheet(address.trim());
  const parts = local.split(':');
  const fail = () => officeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: address '${address}'.`, 'Worksheet.getRange');
  if (parts.length < 1 || parts.length > 2) throw fail();
  const a = parseCellPart(parts[0]!);
  const b = parts.length === 2 ? parseCellPart(parts[1]!) : a;
  if (!a || !b) throw fail();
  let rect: Rect;
  if (a.col !== undefined && a.row !== undefined && b.col !== undefined && b.row !== undefined) {
    const r0 = Math.min(a.row, b.row);
    const c0 = Math.min(a.col, b.col);
    rect = { r0, c0, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined && parts.length === 2) {
    const c0 = Math.min(a.col, b.col);
    rect = { r0: 0, c0, rows: MAX_ROWS, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined && parts.length === 2) {
    const r0 = Math.min(a.row, b.row);
    rect = { r0, c0: 0, rows: Math.abs(a.row - b.row) + 1, cols: MAX_COLS };
  } else {
    throw fail();
  }
  return sheet === undefined ? { rect } : { sheet, rect };
}

/** True when the rectangle lies inside the grid. */
export function rectInGrid(rect: Rect): boolean {
  return (
    Number.isInteger(rect.r0) && Number.isInteger(rect.c0) && Number.isInteger(rect.rows) && Number.isInteger(rect.cols) &&
    rect.r0 >= 0 && rect.c0 >= 0 && rect.rows >= 1 && rect.cols >= 1 &&
    rect.r0 + rect.rows <= MAX_ROWS && rect.c0 + rect.cols <= MAX_COLS
  );
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.c0 >= outer.c0 && inner.r0 + inner.rows <= outer.r0 + outer.rows && inner.c0 + inner.cols <= outer.c0 + outer.cols;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}

/** Why a sheet name is invalid, or null when Excel accepts it (uniqueness is checked by the caller). */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'A sheet name cannot be blank.';
  if (name.length > 31) return `The sheet name '${name}' is longer than 31 characters.`;
  if (/[\\/?*:[\]]/.test(name)) return `The sheet name '${name}' contains one of \\ / ? * : [ ].`;
  if (name.startsWith("'") || name.endsWith("'")) return `The sheet name '${name}' starts or ends with an apostrophe.`;
  if (name.toLowerCase() === 'history') return 'The sheet name "History" is reserved by Excel.';
  return null;
}

/**
 * Why a table name is invalid, or null. Excel's defined-name rules: starts with a letter,
 * underscore or backslash; then letters, digits, underscores, periods; no spaces; ≤ 255
 * characters; not a cell reference (A1, R1C1) and not "C"/"R".
 */
export function tableNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'A table name cannot be blank.';
  if (name.length > 255) return 'A table name cannot be longer than 255 characters.';
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return `The table name '${name}' must start with a letter or underscore and contain only letters, digits, periods and underscores.`;
  if (looksLikeCellReference(name)) return `The table name '${name}' looks like a cell reference.`;
  return null;
}
