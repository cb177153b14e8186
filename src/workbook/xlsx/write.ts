/**
 * MemoryWorkbook → .xlsx through ExcelJS, for preview mode's "download workbook":
 * every sheet's values, and on owned sheets the Excel tables, number formats, band fills,
 * column widths and frozen header rows. Charts are not written (ExcelJS cannot create them);
 * the tables they would plot are all there.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../../engine/index.js';
import type { MemorySheet, MemoryTable } from '../memory/index.js';

/** Points → ExcelJS column width (characters of the default font, ≈ 5.25 pt each). */
const POINTS_PER_CHARACTER = 5.25;

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** 'Sheet'!B5:H11 → { top-left "B5", 0-based row 4, column 1 }. */
function tableOrigin(table: MemoryTable): { ref: string; row: number; column: number } {
  const local = table.address.slice(table.address.lastIndexOf('!') + 1).split(':')[0]!;
  const m = /^([A-Z]+)(\d+)$/.exec(local);
  if (!m) throw new Error(`Unexpected table address ${table.address}`);
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { ref: local, row: Number(m[2]) - 1, column: column - 1 };
}

function cellValue(cell: Cell): ExcelJS.CellValue {
  return cell === undefined ? null : cell;
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: MemorySheet): void {
  sheet.rows.forEach((row, i) => {
    if (row.length === 0) return;
    const target = ws.getRow(sheet.firstRow + i);
    row.forEach((cell, c) => {
      if (cell !== null && cell !== undefined) target.getCell(c + 1).value = cellValue(cell);
    });
  });
  const decor = sheet.decor;
  if (!decor) return;
  for (const table of decor.tables) {
    const origin = tableOrigin(table);
    const width = table.headers.length;
    const rows = sheet.rows.slice(origin.row + 1, origin.row + 1 + table.rowCount).map((r) =>
      Array.from({ length: width }, (_, c) => cellValue(r[origin.column + c] ?? null)),
    );
    ws.addTable({
      name: table.name,
      ref: origin.ref,
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: table.headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
    table.formats.forEach((format, c) => {
      if (format === 'General') return;
      for (let r = 0; r < table.rowCount; r++) ws.getCell(origin.row + 2 + r, origin.column + c + 1).numFmt = format;
    });
  }
  for (const { row, column, style } of decor.styles) {
    const cell = ws.getCell(row + 1, column + 1);
    if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
    if (style.fontColor || style.bold !== undefined) {
      cell.font = { ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}), ...(style.bold !== undefined ? { bold: style.bold } : {}) };
    }
    if (style.numberFormat) cell.numFmt = style.numberFormat;
  }
  decor.columnWidths.forEach((points, c) => (ws.getColumn(c + 1).width = Math.round((points / POINTS_PER_CHARACTER) * 10) / 10));
  if (decor.frozenRows > 0) ws.views = [{ state: 'frozen', ySplit: decor.frozenRows }];
}

/**
 * The workbook as .xlsx bytes. `modified` fixes the document properties' dates; the zip entries
 * still carry the time of writing (ExcelJS gives JSZip no date), so bytes differ between runs.
 */
export async function writeXlsx(sheets: readonly MemorySheet[], modified = new Date(Date.UTC(2000, 0, 1))): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Territory Slicer';
  wb.created = modified;
  wb.modified = modified;
  for (const sheet of sheets) writeSheet(wb.addWorksheet(sheet.name), sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
