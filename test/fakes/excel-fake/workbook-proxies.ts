/**
 * Workbook-level proxies: Workbook, Application, WorksheetCollection, SettingCollection,
 * WorkbookProtection (structure protection blocks adding, deleting and renaming sheets).
 * Worksheet naming rules are enforced at sync (InvalidArgument / ItemAlreadyExists), see
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)
 */
import { officeError } from './errors.js';
import type { Exec, FakeRequestContext } from './context.js';
import { assertSheetName, SheetModel, type WorkbookModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import { FakeWorksheet } from './sheet-proxies.js';
import { FakeTableCollection } from './table-proxies.js';
import { FakeNamedItemCollection } from './name-proxies.js';

const str = JSON.stringify;

export class FakeWorkbook extends FakeClientObject<WorkbookModel> {
  readonly _className = 'Workbook';
  readonly _props = ['name'] as const;
  override readonly _navs = ['application', 'worksheets', 'tables', 'names', 'settings', 'protection'];
  declare readonly name: string;

  constructor(ctx: FakeRequestContext) {
    super(ctx, 'workbook', (x) => x.wb);
  }

  override _read(_wb: WorkbookModel, prop: string, x: Exec): unknown {
    return prop === 'name' ? 'Book1' : super._read(_wb, prop, x);
  }

  get application(): FakeApplication {
    return this._child('application', () => new FakeApplication(this._ctx));
  }

  get worksheets(): FakeWorksheetCollection {
    return this._child('worksheets', () => new FakeWorksheetCollection(this._ctx));
  }

  /** Every table in the workbook (names are unique across it). */
  get tables(): FakeTableCollection {
    return this._child('tables', () => new FakeTableCollection(this._ctx, 'workbook.tables', null));
  }

  /** Workbook-scoped defined names (ExcelApi 1.1; add 1.4). */
  get names(): FakeNamedItemCollection {
    return this._child('names', () => new FakeNamedItemCollection(this._ctx, 'workbook.names', () => null));
  }

  /** Workbook settings (ExcelApi 1.4): JSON values by key. */
  get settings(): FakeSettingCollection {
    return this._child('settings', () => new FakeSettingCollection(this._ctx));
  }

  /** Workbook (structure) protection, ExcelApi 1.7. */
  get protection(): FakeWorkbookProtection {
    return this._child('protection', () => new FakeWorkbookProtection(this._ctx, 'workbook.protection', (x) => {
      x.requireApi('1.7', 'Workbook.protection');
      return x.wb;
    }));
  }
}
defineProps(FakeWorkbook, ['name']);

/** Review → Protect Workbook: `protected` plus protect()/unprotect() (ExcelApi 1.7). */
export class FakeWorkbookProtection extends FakeClientObject<WorkbookModel> {
  readonly _className = 'WorkbookProtection';
  readonly _props = ['protected'] as const;
  declare readonly protected: boolean;

  override _read(wb: WorkbookModel, prop: string, x: Exec): unknown {
    return prop === 'protected' ? wb.structureProtected : super._read(wb, prop, x);
  }

  protect(_password?: string): void {
    this._queue('protect', (x) => this.setProtected(x, true));
  }

  unprotect(_password?: string): void {
    this._queue('unprotect', (x) => this.setProtected(x, false));
  }

  private setProtected(x: Exec, on: boolean): void {
    const wb = this._require(x);
    const before = wb.structureProtected;
    wb.structureProtected = on;
    x.undo.push(() => (wb.structureProtected = before));
  }
}
defineProps(FakeWorkbookProtection, ['protected']);

/** Sheets cannot be added, deleted or renamed while the workbook structure is protected. */
export function assertStructureUnprotected(wb: WorkbookModel, where: string): void {
  if (wb.structureProtected) throw officeError('AccessDenied', 'The workbook structure is protected: unprotect it (Review → Protect Workbook) to add, delete or rename sheets.', where);
}

export class FakeApplication extends FakeClientObject<WorkbookModel> {
  readonly _className = 'Application';
  readonly _props = ['calculationMode'] as const;
  declare readonly calculationMode: string;

  constructor(ctx: FakeRequestContext) {
    super(ctx, 'workbook.application', (x) => x.wb);
  }

  override _read(wb: WorkbookModel, prop: string, x: Exec): unknown {
    return prop === 'calculationMode' ? 'Automatic' : super._read(wb, prop, x);
  }

  /** ExcelApi 1.9. Marks this sync's record (stats.syncs[i].screenUpdatingSuspended). */
  suspendScreenUpdatingUntilNextSync(): void {
    this._queue('suspendScreenUpdatingUntilNextSync', (x) => {
      x.requireApi('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
      x.record.screenUpdatingSuspended = true;
    });
  }

  /** ExcelApi 1.6. Marks this sync's record (calculationSuspended). */
  suspendApiCalculationUntilNextSync(): void {
    this._queue('suspendApiCalculationUntilNextSync', (x) => {
      x.requireApi('1.6', 'Application.suspendApiCalculationUntilNextSync');
      x.record.calculationSuspended = true;
    });
  }

  calculate(_calculationType?: string): void {
    this._queue('calculate', () => undefined);
  }
}
defineProps(FakeApplication, ['calculationMode']);

export class FakeWorksheetCollection extends FakeCollection<WorkbookModel, SheetModel, FakeWorksheet> {
  readonly _className = 'WorksheetCollection';

  constructor(ctx: FakeRequestContext) {
    super(ctx, 'workbook.worksheets', (x) => x.wb);
  }

  _enumerate(wb: WorkbookModel): SheetModel[] {
    return wb.liveSheets();
  }

  _itemProxy(sheet: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this._ctx, `worksheets.getItem(${str(sheet.id)})`, () => sheet);
  }

  /** By name (ignoring case) or id; a missing sheet fails the sync with ItemNotFound. */
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this._ctx, `worksheets.getItem(${str(key)})`, (x) => x.wb.findSheet(key) ?? missingSheet(key));
  }

  /** ExcelApi 1.4: a null object (isNullObject true after sync) when missing. */
  getItemOrNullObject(key: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this._ctx, `worksheets.getItemOrNullObject(${str(key)})`, (x) => {
      x.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
      return x.wb.findSheet(key) ?? null;
    }, true);
    sheet._queue('resolve', (x) => void sheet._resolve(x));
    return sheet;
  }

  /** Adds a sheet (default name "SheetN"); it does not become active, as in Excel. */
  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this._queue('add', (x) => {
      const wb = x.wb;
      assertStructureUnprotected(wb, 'WorksheetCollection.add');
      const sheetName = name ?? wb.nextSheetName();
      assertSheetName(wb, sheetName, null, 'WorksheetCollection.add');
      const sheet = (created = new SheetModel(sheetName));
      wb.sheets.push(sheet);
      if (!wb.activeSheet) wb.activeSheet = sheet;
      x.undo.push(() => {
        sheet.deleted = true; // proxies still holding it must fail, not write into a ghost
        wb.sheets.splice(wb.sheets.indexOf(sheet), 1);
        if (wb.activeSheet === sheet) wb.activeSheet = wb.liveSheets()[0] ?? null;
      });
    }, () => name ?? null);
    return new FakeWorksheet(this._ctx, `worksheets.add(${str(name ?? '')})`, () => created ?? missingSheet(name ?? '(new sheet)'));
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this._ctx, 'worksheets.getActiveWorksheet()', (x) => x.wb.activeSheet ?? x.wb.liveSheets()[0] ?? missingSheet('(active)'));
  }

  getFirst(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this._ctx, 'worksheets.getFirst()', (x) => visibleSheets(x.wb, visibleOnly)[0] ?? missingSheet('(first)'));
  }

  getLast(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this._ctx, 'worksheets.getLast()', (x) => visibleSheets(x.wb, visibleOnly).at(-1) ?? missingSheet('(last)'));
  }
}

function visibleSheets(wb: WorkbookModel, visibleOnly: boolean): SheetModel[] {
  return wb.liveSheets().filter((s) => !visibleOnly || s.visibility === 'Visible');
}

function missingSheet(key: string): never {
  throw officeError('ItemNotFound', `The worksheet '${key}' doesn't exist. Check the name, or use getItemOrNullObject.`, 'WorksheetCollection.getItem');
}

interface SettingModel {
  key: string;
  value: unknown;
}

export class FakeSettingCollection extends FakeCollection<WorkbookModel, SettingModel, FakeSetting> {
  readonly _className = 'SettingCollection';

  constructor(ctx: FakeRequestContext) {
    super(ctx, 'workbook.settings', (x) => {
      x.requireApi('1.4', 'Workbook.settings');
      return x.wb;
    });
  }

  _enumerate(wb: WorkbookModel): SettingModel[] {
    return [...wb.settings.values()];
  }

  _itemProxy(model: SettingModel): FakeSetting {
    return new FakeSetting(this._ctx, `settings.getItem(${str(model.key)})`, () => model);
  }

  /** Adds or replaces a setting; the value must survive JSON. */
  add(key: string, value: unknown): FakeSetting {
    let model: SettingModel | undefined;
    this._queue('add', (x) => {
      const wb = this._require(x);
      if (typeof key !== 'string' || key === '') throw officeError('InvalidArgument', 'A setting key must be a non-empty string.', 'SettingCollection.add');
      const before = wb.settings.get(key);
      model = { key, value: JSON.parse(JSON.stringify(value ?? null)) as unknown };
      wb.settings.set(key, model);
      x.undo.push(() => (before ? wb.settings.set(key, before) : wb.settings.delete(key)));
    }, () => ({ key, value }));
    return new FakeSetting(this._ctx, `settings.add(${str(key)})`, () => model ?? null);
  }

  getItem(key: string): FakeSetting {
    return new FakeSetting(this._ctx, `settings.getItem(${str(key)})`, (x) => {
      const m = this._require(x).settings.get(key);
      if (!m) throw officeError('ItemNotFound', `The setting '${key}' doesn't exist.`, 'SettingCollection.getItem');
      return m;
    });
  }

  getItemOrNullObject(key: string): FakeSetting {
    const s = new FakeSetting(this._ctx, `settings.getItemOrNullObject(${str(key)})`, (x) => this._require(x).settings.get(key) ?? null, true);
    s._queue('resolve', (x) => void s._resolve(x));
    return s;
  }
}

export class FakeSetting extends FakeClientObject<SettingModel> {
  readonly _className = 'Setting';
  readonly _props = ['key', 'value'] as const;
  declare readonly key: string;
  declare value: unknown;

  override _read(m: SettingModel, prop: string, x: Exec): unknown {
    if (prop === 'key') return m.key;
    if (prop === 'value') return m.value;
    return super._read(m, prop, x);
  }

  override _write(m: SettingModel, prop: string, value: unknown, x: Exec): void {
    if (prop !== 'value') return super._write(m, prop, value, x);
    const before = m.value;
    m.value = JSON.parse(JSON.stringify(value ?? null)) as unknown;
    x.undo.push(() => (m.value = before));
  }

  delete(): void {
    this._queue('delete', (x) => {
      const m = this._require(x);
      x.wb.settings.delete(m.key);
      x.undo.push(() => x.wb.settings.set(m.key, m));
    });
  }
}
defineProps(FakeSetting, ['key'], ['value']);
