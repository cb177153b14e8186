/** Cell-level parsing: numbers written as text, trimmed text, blank detection (SPEC §2, §14). */
import type { Cell } from './types.js';

/** True for empty cells and whitespace-only text. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string') return cell.trim() === '';
  return false;
}

/** The cell as trimmed text: numbers as JavaScript prints them (1001 → "1001"). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

// Currency symbols (Unicode Sc), thousands separators and any whitespace are stripped.
const STRIP = /[\p{Sc},\s]/gu;
// What remains must be a plain decimal: -?digits[.digits][e±digits].
const PLAIN_DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export type NumberParse = { ok: true; value: number } | { ok: false };

/** Reads a numeric cell: a finite number, or text such as "$1,200,000" or " 850 ". */
export function parseNumberCell(cell: Cell): NumberParse {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false };
  if (typeof cell !== 'string') return { ok: false };
  const stripped = cell.replace(STRIP, '');
  if (!PLAIN_DECIMAL.test(stripped)) return { ok: false };
  const value = Number(stripped);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/** Header normalisation: trim, lower-case, then space, `_` and `-` all become `_`. */
export function normalizeHeader(cell: Cell): string {
  return cellText(cell).toLowerCase().replace(/[ _-]/g, '_');
}

/** Segment text → segment, or null when it is none of the accepted spellings. */
export function parseSegment(cell: Cell): 'Enterprise' | 'Mid-Market' | null {
  const key = cellText(cell).toLowerCase();
  if (key === 'enterprise' || key === 'ent' || key === 'e') return 'Enterprise';
  if (key === 'mid-market' || key === 'mid market' || key === 'midmarket' || key === 'mm') return 'Mid-Market';
  return null;
}

/** Plain code-unit comparison (what `<` does on JS strings), as SPEC §4 orders IDs and names. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
