/**
 * .xlsx ↔ plain sheets through ExcelJS, for the CLI (Node) and preview mode (browser).
 * Cells arrive as Office.js would give them: numbers (dates as serial numbers), text, booleans.
 */
import ExcelJS from 'exceljs';
import type { Cell, SheetInput } from '../../engine/index.js';
import { DAMAGED_ZIP, isZipFailure, NotXlsxError, notXlsxReason } from './check.js';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An ExcelJS cell value as the plain value Office.js `Range.values` would return. */
export function plainCellValue(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return plainCellValue((value as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in value && 'text' in value) return plainCellValue((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/**
 * Every worksheet's used range (from its first to its last non-empty row, columns from A).
 * Throws NotXlsxError, with a reason in the user's words, for anything that is not a workbook.
 */
export async function readXlsxSheets(data: ArrayBuffer | Uint8Array): Promise<SheetInput[]> {
  const reason = notXlsxReason(data instanceof Uint8Array ? data : new Uint8Array(data));
  if (reason !== null) throw new NotXlsxError(reason);
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's typing asks for a Node Buffer; an ArrayBuffer works in Node and the browser alike.
  await workbook.xlsx.load(data as unknown as ArrayBuffer).catch((error: unknown) => {
    throw isZipFailure(error) ? new NotXlsxError(DAMAGED_ZIP) : error;
  });
  if (workbook.worksheets.length === 0) throw new NotXlsxError(DAMAGED_ZIP);
  return workbook.worksheets.map((ws) => worksheetValues(ws));
}

function worksheetValues(ws: ExcelJS.Worksheet): SheetInput {
  const rows: Cell[][] = [];
  let first = 0;
  let last = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (first === 0) first = rowNumber;
    last = rowNumber;
  });
  if (first === 0) return { name: ws.name, rows: [], firstRow: 1 };
  for (let r = first; r <= last; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) cells.push(plainCellValue(row.getCell(c).value));
    rows.push(cells);
  }
  return { name: ws.name, rows, firstRow: first };
}
