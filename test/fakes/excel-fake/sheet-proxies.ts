/**
 * Worksheet and its parts: protection, freeze panes, custom properties (ExcelApi 1.12).
 * Sheet protection blocks cell, format, table and chart changes (AccessDenied) but not
 * renaming, deleting, freezing panes or custom properties — those are workbook-structure or
 * view settings in Excel, not protected cell content.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.worksheet
 */
import { MAX_COLS, MAX_ROWS, parseAddress, rectInGrid, type Rect } from './a1.js';
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertSheetName, unionRects, type RangeRef, type SheetModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import { FakeRange } from './range-proxies.js';
import { FakeTableCollection } from './table-proxies.js';
import { FakeChartCollection } from './chart-proxies.js';
import { FakeNamedItemCollection } from './name-proxies.js';

const str = JSON.stringify;

export class FakeWorksheet extends FakeClientObject<SheetModel> {
  readonly _className = 'Worksheet';
  readonly _props = ['name', 'id', 'position', 'visibility', 'tabColor'] as const;
  override readonly _navs = ['protection', 'tables', 'charts', 'names', 'customProperties', 'freezePanes'];
  declare name: string;
  declare readonly id: string;
  declare position: number;
  declare visibility: string;
  declare tabColor: string;

  override _alive(sheet: SheetModel): boolean {
    return !sheet.deleted;
  }

  override _read(sheet: SheetModel, prop: string, x: Exec): unknown {
    switch (prop) {
      case 'name': return sheet.name;
      case 'id': return sheet.id;
      case 'position': return x.wb.liveSheets().indexOf(sheet);
      case 'visibility': return sheet.visibility;
      case 'tabColor': return sheet.tabColor;
      default: return super._read(sheet, prop, x);
    }
  }

  override _write(sheet: SheetModel, prop: string, value: unknown, x: Exec): void {
    const wb = x.wb;
    if (prop === 'name') {
      if (wb.structureProtected) throw officeError('AccessDenied', 'The workbook structure is protected: unprotect it (Review → Protect Workbook) to rename sheets.', 'Worksheet.name');
      assertSheetName(wb, value, sheet, 'Worksheet.name');
      const before = sheet.name;
      sheet.name = value;
      x.undo.push(() => (sheet.name = before));
    } else if (prop === 'position') {
      const live = wb.liveSheets();
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= live.length) {
        throw officeError('InvalidArgument', `Position ${String(value)} is outside 0..${live.length - 1}.`, 'Worksheet.position');
      }
      const before = wb.sheets.slice();
      wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
      const anchor = live.filter((s) => s !== sheet)[value];
      wb.sheets.splice(anchor ? wb.sheets.indexOf(anchor) : wb.sheets.length, 0, sheet);
      x.undo.push(() => wb.sheets.splice(0, wb.sheets.length, ...before));
    } else if (prop === 'visibility' || prop === 'tabColor') {
      if (prop === 'visibility' && !['Visible', 'Hidden', 'VeryHidden'].includes(String(value))) {
        throw officeError('InvalidArgument', `Unknown visibility '${String(value)}'.`, 'Worksheet.visibility');
      }
      if (prop === 'visibility' && value !== 'Visible' && wb.liveSheets().filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
        throw officeError('InvalidOperation', 'A workbook must keep at least one visible sheet.', 'Worksheet.visibility');
      }
      const before = sheet[prop];
      (sheet as unknown as Record<string, unknown>)[prop] = value;
      x.undo.push(() => ((sheet as unknown as Record<string, unknown>)[prop] = before));
    } else {
      super._write(sheet, prop, value, x);
    }
  }

  activate(): void {
    this._queue('activate', (x) => {
      const sheet = this._require(x);
      const before = x.wb.activeSheet;
      x.wb.activeSheet = sheet;
      x.undo.push(() => (x.wb.activeSheet = before));
    });
  }

  /** Deletes the sheet and its tables and charts; the last visible sheet cannot go. */
  delete(): void {
    this._queue('delete', (x) => {
      const sheet = this._require(x);
      const wb = x.wb;
      if (wb.structureProtected) throw officeError('AccessDenied', 'The workbook structure is protected: unprotect it (Review → Protect Workbook) to delete sheets.', 'Worksheet.delete');
      if (wb.liveSheets().filter((s) => s !== sheet && s.visibility === 'Visible').length === 0) {
        throw officeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.', 'Worksheet.delete');
      }
      const index = wb.sheets.indexOf(sheet);
      const active = wb.activeSheet;
      wb.sheets.splice(index, 1);
      sheet.deleted = true;
      if (active === sheet) wb.activeSheet = wb.liveSheets()[Math.max(0, index - 1)] ?? null;
      x.undo.push(() => {
        sheet.deleted = false;
        wb.sheets.splice(index, 0, sheet);
        wb.activeSheet = active;
      });
    });
  }

  /** A range by A1 address (the sheet part, if any, must name this sheet); no address = whole sheet. */
  getRange(address?: string): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.getRange(${str(address ?? '')})`, (x) => {
      const sheet = this._resolve(x);
      if (sheet === null) return null;
      if (address === undefined || address === '') return { sheet, rect: { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const parsed = parseAddress(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw officeError('InvalidArgument', `The address '${address}' refers to another sheet than '${sheet.name}'.`, 'Worksheet.getRange');
      }
      return { sheet, rect: parsed.rect };
    }, this._nullable);
  }

  /** ExcelApi 1.7: 0-based start row/column plus size. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, (x) => {
      x.requireApi('1.7', 'Worksheet.getRangeByIndexes');
      const sheet = this._resolve(x);
      if (sheet === null) return null;
      const rect: Rect = { r0: startRow, c0: startColumn, rows: rowCount, cols: columnCount };
      if (!rectInGrid(rect)) throw officeError('InvalidArgument', `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet or empty.`, 'Worksheet.getRangeByIndexes');
      return { sheet, rect };
    }, this._nullable);
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRange().getCell(row, column);
  }

  /** The used range; a blank sheet gives A1, as Excel does. valuesOnly ignores formatting. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.getUsedRange(${valuesOnly})`, (x) => {
      const sheet = this._resolve(x);
      if (sheet === null) return null;
      return { sheet, rect: usedRect(sheet, valuesOnly) ?? { r0: 0, c0: 0, rows: 1, cols: 1 } };
    }, this._nullable);
  }

  /** ExcelApi 1.4: a null object for a blank sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const range = new FakeRange(this._ctx, `${this._path}.getUsedRangeOrNullObject(${valuesOnly})`, (x): RangeRef | null => {
      x.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
      const sheet = this._resolve(x);
      const rect = sheet && usedRect(sheet, valuesOnly);
      return sheet && rect ? { sheet, rect } : null;
    }, true);
    range._queue('resolve', (x) => void range._resolve(x));
    return range;
  }

  get protection(): FakeWorksheetProtection {
    return this._child('protection', () => new FakeWorksheetProtection(this._ctx, `${this._path}.protection`, (x) => this._resolve(x), this._nullable));
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    return this._child('freezePanes', () => new FakeWorksheetFreezePanes(this._ctx, `${this._path}.freezePanes`, (x) => this._resolve(x), this._nullable));
  }

  get customProperties(): FakeWorksheetCustomPropertyCollection {
    return this._child('customProperties', () => new FakeWorksheetCustomPropertyCollection(this._ctx, `${this._path}.customProperties`, (x) => {
      x.requireApi('1.12', 'Worksheet.customProperties');
      return this._resolve(x);
    }, this._nullable));
  }

  get tables(): FakeTableCollection {
    return this._child('tables', () => new FakeTableCollection(this._ctx, `${this._path}.tables`, this));
  }

  /** Names scoped to this sheet (ExcelApi 1.4). */
  get names(): FakeNamedItemCollection {
    return this._child('names', () => new FakeNamedItemCollection(this._ctx, `${this._path}.names`, (x) => {
      x.requireApi('1.4', 'Worksheet.names');
      return this._require(x);
    }, this._nullable));
  }

  get charts(): FakeChartCollection {
    return this._child('charts', () => new FakeChartCollection(this._ctx, `${this._path}.charts`, (x) => this._resolve(x), this._nullable));
  }
}
defineProps(FakeWorksheet, ['id'], ['name', 'position', 'visibility', 'tabColor']);

function usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
  return valuesOnly ? sheet.valueBounds() : unionRects([sheet.valueBounds(), sheet.formatBounds()]);
}

export class FakeWorksheetProtection extends FakeClientObject<SheetModel> {
  readonly _className = 'WorksheetProtection';
  readonly _props = ['protected'] as const;
  declare readonly protected: boolean;

  override _read(sheet: SheetModel, prop: string, x: Exec): unknown {
    return prop === 'protected' ? sheet.protected : super._read(sheet, prop, x);
  }

  protect(_options?: unknown, _password?: string): void {
    this._queue('protect', (x) => this.setProtected(x, true));
  }

  unprotect(_password?: string): void {
    this._queue('unprotect', (x) => this.setProtected(x, false));
  }

  private setProtected(x: Exec, on: boolean): void {
    const sheet = this._require(x);
    const before = sheet.protected;
    sheet.protected = on;
    x.undo.push(() => (sheet.protected = before));
  }
}
defineProps(FakeWorksheetProtection, ['protected']);

/** ExcelApi 1.7 freeze panes; the frozen area is visible in workbookState. */
export class FakeWorksheetFreezePanes extends FakeClientObject<SheetModel> {
  readonly _className = 'WorksheetFreezePanes';
  readonly _props = [] as const;

  freezeRows(count = 1): void {
    this.freeze('freezeRows', count, 0);
  }

  freezeColumns(count = 1): void {
    this.freeze('freezeColumns', 0, count);
  }

  unfreeze(): void {
    this.freeze('unfreeze', 0, 0);
  }

  private freeze(name: string, rows: number, cols: number): void {
    this._queue(name, (x) => {
      x.requireApi('1.7', `WorksheetFreezePanes.${name}`);
      const sheet = this._require(x);
      if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || rows >= MAX_ROWS || cols >= MAX_COLS) {
        throw officeError('InvalidArgument', `Cannot freeze ${rows} rows / ${cols} columns.`, `WorksheetFreezePanes.${name}`);
      }
      const before = [sheet.frozenRows, sheet.frozenColumns] as const;
      sheet.frozenRows = rows;
      sheet.frozenColumns = cols;
      x.undo.push(() => ([sheet.frozenRows, sheet.frozenColumns] = before));
    }, () => [rows, cols]);
  }

  /** The frozen cells, or a null object when nothing is frozen. */
  getLocationOrNullObject(): FakeRange {
    const range = new FakeRange(this._ctx, `${this._path}.getLocationOrNullObject()`, (x) => {
      const sheet = this._resolve(x);
      if (!sheet || (sheet.frozenRows === 0 && sheet.frozenColumns === 0)) return null;
      const rows = sheet.frozenRows || MAX_ROWS;
      const cols = sheet.frozenColumns || MAX_COLS;
      return { sheet, rect: { r0: 0, c0: 0, rows, cols } };
    }, true);
    range._queue('resolve', (x) => void range._resolve(x));
    return range;
  }
}

interface CustomPropertyModel {
  key: string;
  value: string;
}

/** ExcelApi 1.12: keys ≤ 255 characters, case-insensitive; values are strings. */
export class FakeWorksheetCustomPropertyCollection extends FakeCollection<SheetModel, CustomPropertyModel, FakeWorksheetCustomProperty> {
  readonly _className = 'WorksheetCustomPropertyCollection';

  _enumerate(sheet: SheetModel): CustomPropertyModel[] {
    return [...sheet.customProperties.values()];
  }

  _itemProxy(model: CustomPropertyModel): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this._ctx, `${this._path}.getItem(${str(model.key)})`, () => model);
  }

  /** Adds a property, or replaces the value of an existing key (as Excel does). */
  add(key: string, value: string): FakeWorksheetCustomProperty {
    let model: CustomPropertyModel | undefined;
    this._queue('add', (x) => {
      const sheet = this._require(x);
      if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
        throw officeError('InvalidArgument', 'A custom property key must be 1 to 255 characters.', 'WorksheetCustomPropertyCollection.add');
      }
      if (typeof value !== 'string') throw officeError('InvalidArgument', 'Custom property values are strings.', 'WorksheetCustomPropertyCollection.add');
      const k = key.toLowerCase();
      const before = sheet.customProperties.get(k);
      model = before ?? { key, value };
      const oldValue = model.value;
      model.value = value;
      sheet.customProperties.set(k, model);
      x.undo.push(() => {
        if (before) before.value = oldValue;
        else sheet.customProperties.delete(k);
      });
    }, () => ({ key, value }));
    return new FakeWorksheetCustomProperty(this._ctx, `${this._path}.add(${str(key)})`, () => model ?? null);
  }

  getItem(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this._ctx, `${this._path}.getItem(${str(key)})`, (x) => {
      const m = this._require(x).customProperties.get(key.toLowerCase());
      if (!m) throw officeError('ItemNotFound', `The custom property '${key}' doesn't exist.`, 'WorksheetCustomPropertyCollection.getItem');
      return m;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheetCustomProperty {
    const p = new FakeWorksheetCustomProperty(this._ctx, `${this._path}.getItemOrNullObject(${str(key)})`, (x) => {
      const sheet = this._resolve(x);
      return sheet?.customProperties.get(key.toLowerCase()) ?? null;
    }, true);
    p._queue('resolve', (x) => void p._resolve(x));
    return p;
  }
}

export class FakeWorksheetCustomProperty extends FakeClientObject<CustomPropertyModel> {
  readonly _className = 'WorksheetCustomProperty';
  readonly _props = ['key', 'value', 'type'] as const;
  declare readonly key: string;
  declare value: string;
  declare readonly type: string;

  override _read(m: CustomPropertyModel, prop: string, x: Exec): unknown {
    if (prop === 'key') return m.key;
    if (prop === 'value') return m.value;
    if (prop === 'type') return 'String';
    return super._read(m, prop, x);
  }

  override _write(m: CustomPropertyModel, prop: string, value: unknown, x: Exec): void {
    if (prop !== 'value') return super._write(m, prop, value, x);
    if (typeof value !== 'string') throw officeError('InvalidArgument', 'Custom property values are strings.', 'WorksheetCustomProperty.value');
    const before = m.value;
    m.value = value;
    x.undo.push(() => (m.value = before));
  }

  delete(): void {
    this._queue('delete', (x) => {
      const m = this._require(x);
      for (const sheet of x.wb.liveSheets()) {
        const k = m.key.toLowerCase();
        if (sheet.customProperties.get(k) === m) {
          sheet.customProperties.delete(k);
          x.undo.push(() => sheet.customProperties.set(k, m));
        }
      }
    });
  }
}
defineProps(FakeWorksheetCustomProperty, ['key', 'type'], ['value']);
