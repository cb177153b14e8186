/**
 * Excel's table AutoExpansion ("Include new rows and columns in table", on by default in AutoCorrect):
 * a value written in the column just right of a table, within its rows, or in the row just below it,
 * within its columns, makes the table grow over it. Writes through the API do it too: office-js issue
 * #3191 (rows written below a table join it) and #6745 (AutoCorrect options apply to API changes). A new
 * header cell left blank gets "ColumnN"; header names are kept unique ("Segment" beside an existing
 * "Segment" becomes "Segment2").
 */
import { rectsIntersect, type Rect } from './a1.js';
import type { Exec } from './context.js';
import type { SheetModel, TableModel } from './model.js';

/** Grows the sheet's tables over a write of `rect` that touched their right column or bottom row. */
export function autoExpandTables(sheet: SheetModel, rect: Rect, x: Exec): void {
  if (!x.host.options.tableAutoExpand) return;
  const filled = (r: number, c: number) => sheet.valueAt(r, c) !== undefined;
  for (const t of x.wb.liveTables()) {
    if (t.sheet !== sheet) continue;
    // Columns: from the first column right of the table, while the write put a value in it within the table's rows.
    let cols = 0;
    for (let c = t.rect.c0 + t.rect.cols; c < rect.c0 + rect.cols && c >= rect.c0; c++) {
      let any = false;
      for (let r = Math.max(t.rect.r0, rect.r0); r < Math.min(t.rect.r0 + t.rect.rows, rect.r0 + rect.rows); r++) if (filled(r, c)) any = true;
      if (!any) break;
      cols++;
    }
    // Rows: from the first row below the table, while the write put a value in it within the table's columns.
    let rows = 0;
    const lastCol = t.rect.c0 + t.rect.cols + cols;
    for (let r = t.rect.r0 + t.rect.rows; r < rect.r0 + rect.rows && r >= rect.r0; r++) {
      let any = false;
      for (let c = Math.max(t.rect.c0, rect.c0); c < Math.min(lastCol, rect.c0 + rect.cols); c++) if (filled(r, c)) any = true;
      if (!any) break;
      rows++;
    }
    if (cols === 0 && rows === 0) continue;
    const grown: Rect = { ...t.rect, cols: t.rect.cols + cols, rows: t.rect.rows + rows };
    // A table never grows into another table.
    if (x.wb.liveTables().some((o) => o !== t && o.sheet === sheet && rectsIntersect(o.rect, grown))) continue;
    grow(t, grown, x);
  }
}

/** Gives a table a larger rectangle (same top-left), naming new header cells as Excel does. */
export function grow(t: TableModel, grown: Rect, x: Exec): void {
  const before = { rect: t.rect, ids: t.columnIds.slice() };
  x.undo.push(t.sheet.snapshot({ ...grown, rows: 1 }));
  const added = grown.cols - t.rect.cols;
  for (let i = 0; i < added; i++) t.columnIds.push(x.wb.nextColumnId());
  t.rect = grown;
  uniqueHeaders(t, before.rect.cols);
  x.undo.push(() => {
    t.rect = before.rect;
    t.columnIds = before.ids;
  });
}

/** Header cells from column `from` on become unique, non-blank text ("Column5", "Segment2"). */
function uniqueHeaders(t: TableModel, from: number): void {
  const seen = new Set<string>();
  for (let j = 0; j < from; j++) seen.add(t.columnName(j).toLowerCase());
  for (let j = from; j < t.rect.cols; j++) {
    const v = t.sheet.valueAt(t.rect.r0, t.rect.c0 + j);
    let name = v === undefined || v === '' ? `Column${j + 1}` : String(v);
    const base = name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    t.sheet.setCell(t.rect.r0, t.rect.c0 + j, name, undefined);
  }
}
