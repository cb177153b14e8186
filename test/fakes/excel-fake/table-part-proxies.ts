/**
 * Table columns and rows: add (shifting cells right / down within the table, as Excel inserts),
 * look-ups by name (ignoring case), id or index, and header renames (unique, non-empty).
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.tablecolumncollection
 */
import { interpretInput } from './cells.js';
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertUnprotected, type TableModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import { FakeRange } from './range-proxies.js';

const str = JSON.stringify;

/** Excel on the web's limit on the cells one operation may touch (OperationCellsExceedLimit). */
export const OPERATION_CELL_LIMIT = 33_554_000;
/** The last column index a worksheet has (16,384 columns, 0-based), as Microsoft's formula uses it. */
const LAST_COLUMN = 16_383;

/**
 * Cells `TableColumnCollection.add` touches by Microsoft's documented count: inserting a column shifts
 * every cell to the right of the table in its rows, (table rows) × (16383 − table columns).
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * (OperationCellsExceedLimit; the page says it occurs on Excel on the web only).
 */
export function columnAddCellCount(tableRows: number, tableColumns: number): number {
  return tableRows * (LAST_COLUMN - tableColumns);
}

interface ColumnModel {
  table: TableModel;
  id: number;
}

/** Writes one column's cells (header optional) as typed input. */
function writeColumn(t: TableModel, col: number, header: string | null, body: unknown[] | null): void {
  if (header !== null) t.sheet.setCell(t.rect.r0, col, header, undefined);
  body?.forEach((raw, i) => {
    if (raw === null || raw === undefined) return;
    const content = interpretInput(raw, undefined, 'TableColumnCollection.add');
    t.sheet.setCell(t.rect.r0 + 1 + i, col, content.value, content.formula);
  });
}

export class FakeTableColumnCollection extends FakeCollection<TableModel, ColumnModel, FakeTableColumn> {
  readonly _className = 'TableColumnCollection';

  _enumerate(t: TableModel): ColumnModel[] {
    return t.columnIds.map((id) => ({ table: t, id }));
  }

  _itemProxy(m: ColumnModel): FakeTableColumn {
    return new FakeTableColumn(this._ctx, `${this._path}.getItem(${m.id})`, () => m);
  }

  /**
   * Inserts a column (index null = at the end), shifting cells right within the table's rows.
   * `values` holds header + body rows, or body rows only; `name` overrides the header.
   */
  add(index?: number | null, values?: unknown[][] | null, name?: string | null): FakeTableColumn {
    let created: ColumnModel | undefined;
    this._queue('add', (x) => {
      const where = 'TableColumnCollection.add';
      const t = this._require(x);
      assertUnprotected(t.sheet, where);
      const at = index ?? t.rect.cols;
      if (!Number.isInteger(at) || at < 0 || at > t.rect.cols) throw officeError('InvalidArgument', `Column index ${String(index)} is outside 0..${t.rect.cols}.`, where);
      const touched = columnAddCellCount(t.rect.rows, t.rect.cols);
      if (x.host.options.platform === 'web' && touched > OPERATION_CELL_LIMIT) {
        throw officeError('OperationCellsExceedLimit', `The attempted operation affects more than the limit of ${OPERATION_CELL_LIMIT} cells (${t.rect.rows} table rows × (16383 − ${t.rect.cols} columns) = ${touched}).`, where);
      }
      let header: string | null = name ?? null;
      let body: unknown[] | null = null;
      if (values) {
        const flat = values.map((row) => (Array.isArray(row) && row.length === 1 ? row[0] : Symbol.for('bad')));
        if (flat.includes(Symbol.for('bad'))) throw officeError('InvalidArgument', 'Column values must be a 2-D array with one column.', where);
        if (flat.length === t.rect.rows) {
          header = name ?? (flat[0] === null || flat[0] === undefined ? null : String(flat[0]));
          body = flat.slice(1);
        } else if (flat.length === t.rect.rows - 1) {
          body = flat;
        } else {
          throw officeError('InvalidArgument', `Expected ${t.rect.rows} rows (header + body) or ${t.rect.rows - 1} (body) in the column values, got ${flat.length}.`, where);
        }
      }
      const names = new Set(Array.from({ length: t.rect.cols }, (_, i) => t.columnName(i).toLowerCase()));
      let finalName = header ?? `Column${t.rect.cols + 1}`;
      for (let n = 2, base = finalName; names.has(finalName.toLowerCase()); n++) finalName = `${base}${n}`;
      const col = t.rect.c0 + at;
      t.sheet.insertCellsRight(t.rect.r0, t.rect.rows, col, 1, x.undo);
      writeColumn(t, col, finalName, body);
      const before = { cols: t.rect.cols, ids: t.columnIds.slice() };
      t.rect = { ...t.rect, cols: t.rect.cols + 1 };
      const id = x.wb.nextColumnId();
      t.columnIds.splice(at, 0, id);
      created = { table: t, id };
      x.undo.push(() => {
        t.rect = { ...t.rect, cols: before.cols };
        t.columnIds = before.ids;
      });
      x.countWrite(t.rect.rows);
    }, () => ({ index: index ?? null, values: values ?? null, name: name ?? null }));
    return new FakeTableColumn(this._ctx, `${this._path}.add()`, () => created ?? null);
  }

  /** By name (ignoring case) or id. */
  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this._ctx, `${this._path}.getItem(${str(key)})`, (x) => this.find(key, x) ?? missingColumn(key));
  }

  getItemOrNullObject(key: string | number): FakeTableColumn {
    const c = new FakeTableColumn(this._ctx, `${this._path}.getItemOrNullObject(${str(key)})`, (x) => this.find(key, x) ?? null, true);
    c._queue('resolve', (x) => void c._resolve(x));
    return c;
  }

  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this._ctx, `${this._path}.getItemAt(${index})`, (x) => {
      const t = this._require(x);
      const id = t.columnIds[index];
      return id === undefined ? missingColumn(`#${index}`) : { table: t, id };
    });
  }

  private find(key: string | number, x: Exec): ColumnModel | undefined {
    const t = this._resolve(x);
    if (!t) return undefined;
    const byId = t.columnIds.find((id) => String(id) === String(key));
    if (byId !== undefined) return { table: t, id: byId };
    const i = t.columnIds.findIndex((_, i) => t.columnName(i).toLowerCase() === String(key).toLowerCase());
    return i < 0 ? undefined : { table: t, id: t.columnIds[i]! };
  }
}

function missingColumn(key: string | number): never {
  throw officeError('ItemNotFound', `The table column '${String(key)}' doesn't exist.`, 'TableColumnCollection.getItem');
}

export class FakeTableColumn extends FakeClientObject<ColumnModel> {
  readonly _className = 'TableColumn';
  readonly _props = ['id', 'index', 'name', 'values'] as const;
  declare readonly id: number;
  declare readonly index: number;
  declare name: string;
  declare values: unknown[][];

  override _alive(m: ColumnModel): boolean {
    return !m.table.deleted && m.table.columnIds.includes(m.id);
  }

  private index_(m: ColumnModel): number {
    return m.table.columnIds.indexOf(m.id);
  }

  override _read(m: ColumnModel, prop: string, x: Exec): unknown {
    const i = this.index_(m);
    switch (prop) {
      case 'id': return m.id;
      case 'index': return i;
      case 'name': return m.table.columnName(i);
      case 'values': {
        const { rect, sheet } = m.table;
        x.countRead(rect.rows, 'TableColumn.values');
        return Array.from({ length: rect.rows }, (_, r) => [sheet.valueAt(rect.r0 + r, rect.c0 + i) ?? '']);
      }
      default: return super._read(m, prop, x);
    }
  }

  override _write(m: ColumnModel, prop: string, value: unknown, x: Exec): void {
    const t = m.table;
    assertUnprotected(t.sheet, `TableColumn.${prop}`);
    if (prop !== 'name') return super._write(m, prop, value, x);
    const i = this.index_(m);
    if (typeof value !== 'string' || value === '') throw officeError('InvalidArgument', 'A column name must be non-empty text.', 'TableColumn.name');
    const clash = t.columnIds.some((_, j) => j !== i && t.columnName(j).toLowerCase() === value.toLowerCase());
    if (clash) throw officeError('ItemAlreadyExists', `The table already has a column named '${value}'.`, 'TableColumn.name');
    x.undo.push(t.sheet.snapshot({ r0: t.rect.r0, c0: t.rect.c0 + i, rows: 1, cols: 1 }));
    t.sheet.setCell(t.rect.r0, t.rect.c0 + i, value, undefined);
  }

  private range(name: string, rows: (t: TableModel) => [number, number]): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.${name}()`, (x) => {
      const m = this._resolve(x);
      if (!m) return null;
      const [r0, n] = rows(m.table);
      return { sheet: m.table.sheet, rect: { r0, c0: m.table.rect.c0 + this.index_(m), rows: n, cols: 1 } };
    }, this._nullable);
  }

  getRange(): FakeRange {
    return this.range('getRange', (t) => [t.rect.r0, t.rect.rows]);
  }

  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange', (t) => [t.rect.r0, 1]);
  }

  getDataBodyRange(): FakeRange {
    return this.range('getDataBodyRange', (t) => [t.bodyRect.r0, t.bodyRect.rows]);
  }
}
defineProps(FakeTableColumn, ['id', 'index', 'values'], ['name']);

interface RowModel {
  table: TableModel;
  index: number;
}

export class FakeTableRowCollection extends FakeCollection<TableModel, RowModel, FakeTableRow> {
  readonly _className = 'TableRowCollection';

  _enumerate(t: TableModel): RowModel[] {
    return Array.from({ length: t.rect.rows - 1 }, (_, index) => ({ table: t, index }));
  }

  _itemProxy(m: RowModel): FakeTableRow {
    return new FakeTableRow(this._ctx, `${this._path}.getItemAt(${m.index})`, () => m);
  }

  /** Inserts body rows (index null = at the end), shifting cells below down within the table's columns. */
  add(index?: number | null, values?: unknown[][] | null): void {
    this._queue('add', (x) => {
      const where = 'TableRowCollection.add';
      const t = this._require(x);
      assertUnprotected(t.sheet, where);
      const bodyRows = t.rect.rows - 1;
      const at = index ?? bodyRows;
      if (!Number.isInteger(at) || at < 0 || at > bodyRows) throw officeError('InvalidArgument', `Row index ${String(index)} is outside 0..${bodyRows}.`, where);
      const rows = values ?? [new Array(t.rect.cols).fill(null)];
      if (!Array.isArray(rows) || rows.length === 0 || !rows.every((r) => Array.isArray(r) && r.length === t.rect.cols)) {
        throw officeError('InvalidArgument', `Row values must be a 2-D array with ${t.rect.cols} columns.`, where);
      }
      const firstRow = t.rect.r0 + 1 + at;
      t.sheet.insertCellsDown(t.rect.c0, t.rect.cols, firstRow, rows.length, x.undo);
      rows.forEach((row, i) => row.forEach((raw, j) => {
        if (raw === null || raw === undefined) return;
        const content = interpretInput(raw, t.sheet.numberFormatAt(firstRow + i, t.rect.c0 + j), where);
        t.sheet.setCell(firstRow + i, t.rect.c0 + j, content.value, content.formula);
      }));
      const before = t.rect;
      t.rect = { ...t.rect, rows: t.rect.rows + rows.length };
      x.undo.push(() => (t.rect = before));
      x.countWrite(rows.length * t.rect.cols);
    }, () => ({ index: index ?? null, values: values ?? null }));
  }
}

export class FakeTableRow extends FakeClientObject<RowModel> {
  readonly _className = 'TableRow';
  readonly _props = ['index', 'values'] as const;
  declare readonly index: number;
  declare readonly values: unknown[][];

  override _read(m: RowModel, prop: string, x: Exec): unknown {
    if (prop === 'index') return m.index;
    if (prop === 'values') {
      const { rect, sheet } = m.table;
      return [Array.from({ length: rect.cols }, (_, j) => sheet.valueAt(rect.r0 + 1 + m.index, rect.c0 + j) ?? '')];
    }
    return super._read(m, prop, x);
  }
}
defineProps(FakeTableRow, ['index', 'values']);
