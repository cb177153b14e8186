/**
 * Tables. Names are unique across the workbook ignoring case (ItemAlreadyExists) and follow
 * Excel's defined-name rules (InvalidArgument); tables may not overlap; header cells become
 * unique text ("Column1" for blanks, "Name2" for repeats), as Excel does.
 * Columns and rows: table-part-proxies.ts. Not modelled: tables.add(address, false) (Excel inserts a header row; the fake throws
 * NotImplemented — write the headers, then add with hasHeaders = true), totals rows, filters,
 * and shifting of other objects when rows/columns are inserted.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)
 */
import { parseAddress, rectsIntersect, tableNameProblem, type Rect } from './a1.js';
import { officeError } from './errors.js';
import type { Exec, FakeRequestContext } from './context.js';
import { assertUnprotected, TableModel, type RangeRef, type SheetModel, type Undo, type WorkbookModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import { FakeRange } from './range-proxies.js';
import { FakeTableColumnCollection, FakeTableRowCollection } from './table-part-proxies.js';
import { FakeWorksheet } from './sheet-proxies.js';

const str = JSON.stringify;

/**
 * Table names: defined-name rules, unique across the workbook ignoring case, and not a workbook-scoped
 * defined name (one namespace). Excel reports a taken name with InvalidArgument, not ItemAlreadyExists.
 */
function assertTableName(wb: WorkbookModel, name: unknown, self: TableModel | null, where: string): asserts name is string {
  const problem = tableNameProblem(name);
  if (problem) throw officeError('InvalidArgument', problem, where);
  const clash = wb.findTable(name as string);
  if (clash && clash !== self && clash.name.toLowerCase() === (name as string).toLowerCase()) {
    throw officeError('InvalidArgument', `A table named '${clash.name}' already exists in this workbook (table names are workbook-wide and ignore case).`, where);
  }
  const lower = (name as string).toLowerCase();
  const defined = wb.liveNames(null).find((n) => n.name.toLowerCase() === lower);
  if (defined) throw officeError('InvalidArgument', `'${defined.name}' is a defined name (Formulas → Name Manager); a table cannot take it.`, where);
}

/** Makes header names unique text, writing them into the header cells. */
function normaliseHeaders(sheet: SheetModel, rect: Rect, undo: Undo): void {
  undo.push(sheet.snapshot({ ...rect, rows: 1 }));
  const seen = new Set<string>();
  for (let j = 0; j < rect.cols; j++) {
    const v = sheet.valueAt(rect.r0, rect.c0 + j);
    let name = v === undefined || v === '' ? `Column${j + 1}` : String(v);
    const base = name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    sheet.setCell(rect.r0, rect.c0 + j, name, undefined);
  }
}

/** Workbook-wide (owner null) or one sheet's tables. */
export class FakeTableCollection extends FakeCollection<WorkbookModel, TableModel, FakeTable> {
  readonly _className = 'TableCollection';

  constructor(ctx: FakeRequestContext, path: string, private readonly owner: FakeWorksheet | null) {
    super(ctx, path, (x) => (owner && owner._resolve(x) === null ? null : x.wb), owner?._nullable ?? false);
  }

  _enumerate(wb: WorkbookModel, x: Exec): TableModel[] {
    const sheet = this.owner?._resolve(x);
    return wb.liveTables().filter((t) => !sheet || t.sheet === sheet);
  }

  _itemProxy(table: TableModel): FakeTable {
    return new FakeTable(this._ctx, `tables.getItem(${str(table.id)})`, () => table);
  }

  /** Creates a table over existing cells (write the values first, as Excel's docs advise). */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    if (typeof address !== 'string') this._ctx._own(address, 'TableCollection.add');
    let created: TableModel | undefined;
    this._queue('add', (x) => {
      const where = 'TableCollection.add';
      const wb = this._require(x);
      const ref = this.target(address, x);
      if (!hasHeaders) throw officeError('NotImplemented', 'The fake does not model tables.add(address, false): write header cells, then add with hasHeaders = true.', where);
      assertUnprotected(ref.sheet, where);
      const rect = { ...ref.rect, rows: Math.max(2, ref.rect.rows) };
      if (wb.liveTables().some((t) => t.sheet === ref.sheet && rectsIntersect(t.rect, rect))) {
        throw officeError('InvalidArgument', 'A table cannot overlap another table.', where);
      }
      normaliseHeaders(ref.sheet, rect, x.undo);
      const table = (created = new TableModel(wb.nextTableId(), wb.nextTableName(), ref.sheet, rect, wb.nextColumnId));
      wb.tables.push(table);
      x.undo.push(() => {
        table.deleted = true;
        wb.tables.splice(wb.tables.indexOf(table), 1);
      });
    }, () => ({ address: typeof address === 'string' ? address : address._path, hasHeaders }));
    return new FakeTable(this._ctx, `${this._path}.add(${str(typeof address === 'string' ? address : '')})`, () => created ?? null);
  }

  /**
   * The sheet and cells a table goes on. "If the address does not contain a sheet name, the
   * currently-active sheet is used" (TableCollection.add, @types/office-js and the docs above):
   * that holds for a worksheet's own collection too, so `sheet.tables.add('A1:B2', true)` on a
   * sheet that is not active lands on the active sheet. Pass a Range to be sure.
   */
  private target(address: string | FakeRange, x: Exec): RangeRef {
    if (typeof address !== 'string') return address._require(x);
    const parsed = parseAddress(address);
    const own = this.owner?._require(x);
    let sheet: SheetModel | undefined = x.wb.activeSheet ?? x.wb.liveSheets()[0];
    if (parsed.sheet !== undefined) {
      sheet = x.wb.findSheet(parsed.sheet);
      if (!sheet) throw officeError('ItemNotFound', `The worksheet '${parsed.sheet}' doesn't exist.`, 'TableCollection.add');
      if (own && sheet !== own) throw officeError('InvalidArgument', `The address '${address}' is on another sheet.`, 'TableCollection.add');
    }
    if (!sheet) throw officeError('ItemNotFound', 'There is no worksheet to add the table to.', 'TableCollection.add');
    return { sheet, rect: parsed.rect };
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this._ctx, `${this._path}.getItem(${str(key)})`, (x) => this.find(key, x) ?? missingTable(key));
  }

  getItemOrNullObject(key: string): FakeTable {
    const t = new FakeTable(this._ctx, `${this._path}.getItemOrNullObject(${str(key)})`, (x) => this.find(key, x) ?? null, true);
    t._queue('resolve', (x) => void t._resolve(x));
    return t;
  }

  getItemAt(index: number): FakeTable {
    return new FakeTable(this._ctx, `${this._path}.getItemAt(${index})`, (x) => this._enumerate(this._require(x), x)[index] ?? missingTable(`#${index}`));
  }

  private find(key: string, x: Exec): TableModel | undefined {
    const wb = this._resolve(x);
    if (!wb) return undefined;
    const t = wb.findTable(key);
    return t && this._enumerate(wb, x).includes(t) ? t : undefined;
  }
}

function missingTable(key: string): never {
  throw officeError('ItemNotFound', `The table '${key}' doesn't exist.`, 'TableCollection.getItem');
}

export class FakeTable extends FakeClientObject<TableModel> {
  readonly _className = 'Table';
  readonly _props = ['id', 'name', 'showHeaders', 'showTotals', 'style'] as const;
  override readonly _navs = ['columns', 'rows', 'worksheet'];
  declare readonly id: string;
  declare name: string;
  declare readonly showHeaders: boolean;
  declare showTotals: boolean;
  declare style: string;

  override _alive(t: TableModel): boolean {
    return !t.deleted && !t.sheet.deleted;
  }

  override _read(t: TableModel, prop: string, x: Exec): unknown {
    switch (prop) {
      case 'id': return t.id;
      case 'name': return t.name;
      case 'showHeaders': return true;
      case 'showTotals': return t.showTotals;
      case 'style': return t.style;
      default: return super._read(t, prop, x);
    }
  }

  override _write(t: TableModel, prop: string, value: unknown, x: Exec): void {
    const where = `Table.${prop}`;
    assertUnprotected(t.sheet, where);
    if (prop === 'name') {
      assertTableName(x.wb, value, t, where);
      const before = t.name;
      t.name = value;
      x.undo.push(() => (t.name = before));
    } else if (prop === 'style' || prop === 'showTotals') {
      const before = t[prop];
      (t as unknown as Record<string, unknown>)[prop] = value;
      x.undo.push(() => ((t as unknown as Record<string, unknown>)[prop] = before));
    } else {
      super._write(t, prop, value, x);
    }
  }

  private range(name: string, rect: (t: TableModel) => Rect): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.${name}()`, (x) => {
      const t = this._resolve(x);
      return t ? { sheet: t.sheet, rect: rect(t) } : null;
    }, this._nullable);
  }

  getRange(): FakeRange {
    return this.range('getRange', (t) => ({ ...t.rect }));
  }

  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange', (t) => t.headerRect);
  }

  getDataBodyRange(): FakeRange {
    return this.range('getDataBodyRange', (t) => t.bodyRect);
  }

  /** Removes the table and its cells' contents. */
  delete(): void {
    this._queue('delete', (x) => {
      const t = this._require(x);
      assertUnprotected(t.sheet, 'Table.delete');
      x.undo.push(t.sheet.snapshot(t.rect));
      for (let r = t.rect.r0; r < t.rect.r0 + t.rect.rows; r++) for (let c = t.rect.c0; c < t.rect.c0 + t.rect.cols; c++) t.sheet.setCell(r, c, undefined, undefined);
      t.deleted = true;
      x.undo.push(() => (t.deleted = false));
    });
  }

  /**
   * ExcelApi 1.13: the table over a new range on its sheet, header in the same row, overlapping the
   * old range, no other table in the way (Table.resize docs).
   */
  resize(newRange: string | FakeRange): void {
    if (typeof newRange !== 'string') this._ctx._own(newRange, 'Table.resize');
    this._queue('resize', (x) => {
      const where = 'Table.resize';
      x.requireApi('1.13', where);
      const t = this._require(x);
      assertUnprotected(t.sheet, where);
      const ref = typeof newRange === 'string' ? { sheet: t.sheet, rect: parseAddress(newRange).rect } : newRange._require(x);
      if (ref.sheet !== t.sheet) throw officeError('InvalidArgument', 'A table can only be resized on its own sheet.', where);
      const rect = ref.rect;
      if (rect.r0 !== t.rect.r0 || rect.rows < 2 || !rectsIntersect(rect, t.rect)) {
        throw officeError('InvalidArgument', 'The new range must keep the header row where it is and overlap the table.', where);
      }
      if (x.wb.liveTables().some((o) => o !== t && o.sheet === t.sheet && rectsIntersect(o.rect, rect))) {
        throw officeError('InvalidArgument', 'A table cannot overlap another table.', where);
      }
      const before = { rect: t.rect, ids: t.columnIds.slice() };
      x.undo.push(t.sheet.snapshot({ ...rect, rows: 1 }));
      const ids = t.columnIds.slice(0, Math.min(rect.cols, t.columnIds.length));
      while (ids.length < rect.cols) ids.push(x.wb.nextColumnId());
      t.columnIds = ids;
      t.rect = { ...rect };
      normaliseHeaders(t.sheet, t.rect, x.undo);
      x.undo.push(() => {
        t.rect = before.rect;
        t.columnIds = before.ids;
      });
    }, () => (typeof newRange === 'string' ? newRange : newRange._path));
  }

  /** Keeps the cells, drops the table. */
  convertToRange(): FakeRange {
    const range = this.getRange();
    this._queue('convertToRange', (x) => {
      const t = this._require(x);
      t.deleted = true;
      x.undo.push(() => (t.deleted = false));
    });
    return range;
  }

  clearFilters(): void {
    this._queue('clearFilters', (x) => void this._require(x));
  }

  get columns(): FakeTableColumnCollection {
    return this._child('columns', () => new FakeTableColumnCollection(this._ctx, `${this._path}.columns`, (x) => this._resolve(x), this._nullable));
  }

  get rows(): FakeTableRowCollection {
    return this._child('rows', () => new FakeTableRowCollection(this._ctx, `${this._path}.rows`, (x) => this._resolve(x), this._nullable));
  }

  get worksheet(): FakeWorksheet {
    return this._child('worksheet', () => new FakeWorksheet(this._ctx, `${this._path}.worksheet`, (x) => this._resolve(x)?.sheet ?? null, this._nullable));
  }
}
defineProps(FakeTable, ['id', 'showHeaders'], ['name', 'showTotals', 'style']);
