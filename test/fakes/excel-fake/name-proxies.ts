/**
 * Defined names (`workbook.names`, `worksheet.names`): one namespace with table names. Excel refuses
 * a table name that a workbook-scoped name (or another table) already holds, and a defined name a
 * table holds; the fake raises InvalidArgument for both, as Excel does for duplicate table names.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection
 */
import { tableNameProblem } from './a1.js';
import { officeError } from './errors.js';
import type { Exec, FakeRequestContext } from './context.js';
import type { NameModel, SheetModel, WorkbookModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';

const str = JSON.stringify;

/** Throws InvalidArgument when `name` is not a valid defined name or its namespace already holds it. */
export function assertFreeName(wb: WorkbookModel, name: unknown, scope: SheetModel | null, where: string): asserts name is string {
  const problem = tableNameProblem(name);
  if (problem) throw officeError('InvalidArgument', problem.replace('table name', 'name'), where);
  const lower = (name as string).toLowerCase();
  if (wb.findTable(name as string)) throw officeError('InvalidArgument', `The name '${name as string}' is taken by a table (table names and defined names share one namespace).`, where);
  if (wb.liveNames(scope).some((n) => n.name.toLowerCase() === lower)) throw officeError('InvalidArgument', `The name '${name as string}' is already defined in this scope.`, where);
}

/** Names of one scope: the workbook's (sheet null) or one sheet's (ExcelApi 1.4). */
export class FakeNamedItemCollection extends FakeCollection<WorkbookModel, NameModel, FakeNamedItem> {
  readonly _className = 'NamedItemCollection';

  constructor(ctx: FakeRequestContext, path: string, private readonly scope: (x: Exec) => SheetModel | null, nullable = false) {
    super(ctx, path, (x) => x.wb, nullable);
  }

  _enumerate(wb: WorkbookModel, x: Exec): NameModel[] {
    return wb.liveNames(this.scope(x));
  }

  _itemProxy(model: NameModel): FakeNamedItem {
    return new FakeNamedItem(this._ctx, `${this._path}.getItem(${str(model.name)})`, () => model);
  }

  /** ExcelApi 1.4. `reference`: a formula ("=Sheet1!$A$1") or a Range proxy. */
  add(name: string, reference: string | { _path: string }, comment = ''): FakeNamedItem {
    let created: NameModel | undefined;
    this._queue('add', (x) => {
      const where = 'NamedItemCollection.add';
      x.requireApi('1.4', where);
      const wb = this._require(x);
      const scope = this.scope(x);
      assertFreeName(wb, name, scope, where);
      const formula = typeof reference === 'string' ? (reference.startsWith('=') ? reference : `=${reference}`) : `=${reference._path}`;
      const model: NameModel = (created = { name, formula, sheet: scope, comment, visible: true, deleted: false });
      wb.names.push(model);
      x.undo.push(() => {
        model.deleted = true;
        wb.names.splice(wb.names.indexOf(model), 1);
      });
    }, () => ({ name, reference: typeof reference === 'string' ? reference : reference._path, comment }));
    return new FakeNamedItem(this._ctx, `${this._path}.add(${str(name)})`, () => created ?? null);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this._ctx, `${this._path}.getItem(${str(name)})`, (x) => {
      const found = this.find(name, x);
      if (!found) throw officeError('ItemNotFound', `The name '${name}' doesn't exist.`, 'NamedItemCollection.getItem');
      return found;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    const item = new FakeNamedItem(this._ctx, `${this._path}.getItemOrNullObject(${str(name)})`, (x) => {
      x.requireApi('1.4', 'NamedItemCollection.getItemOrNullObject');
      return this.find(name, x) ?? null;
    }, true);
    item._queue('resolve', (x) => void item._resolve(x));
    return item;
  }

  private find(name: string, x: Exec): NameModel | undefined {
    const wb = this._require(x);
    return this._enumerate(wb, x).find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
}

export class FakeNamedItem extends FakeClientObject<NameModel> {
  readonly _className = 'NamedItem';
  readonly _props = ['name', 'type', 'value', 'formula', 'visible', 'comment', 'scope'] as const;
  declare readonly name: string;
  declare readonly type: string;
  declare readonly value: unknown;
  declare readonly formula: string;
  declare visible: boolean;
  declare comment: string;
  declare readonly scope: string;

  override _alive(m: NameModel): boolean {
    return !m.deleted && !m.sheet?.deleted;
  }

  override _read(m: NameModel, prop: string, x: Exec): unknown {
    switch (prop) {
      case 'name': return m.name;
      case 'type': return /^=('?[^!]+'?!)?\$?[A-Z]+\$?\d+/i.test(m.formula) ? 'Range' : 'String';
      case 'value': return m.formula.slice(1);
      case 'formula': return m.formula;
      case 'visible': return m.visible;
      case 'comment': return m.comment;
      case 'scope': return m.sheet ? 'Worksheet' : 'Workbook';
      default: return super._read(m, prop, x);
    }
  }

  override _write(m: NameModel, prop: string, value: unknown, x: Exec): void {
    if (prop !== 'visible' && prop !== 'comment') return super._write(m, prop, value, x);
    const before = m[prop];
    (m as unknown as Record<string, unknown>)[prop] = prop === 'visible' ? Boolean(value) : String(value);
    x.undo.push(() => ((m as unknown as Record<string, unknown>)[prop] = before));
  }

  /** ExcelApi 1.4. */
  delete(): void {
    this._queue('delete', (x) => {
      x.requireApi('1.4', 'NamedItem.delete');
      const m = this._require(x);
      m.deleted = true;
      x.undo.push(() => (m.deleted = false));
    });
  }
}
defineProps(FakeNamedItem, ['name', 'type', 'value', 'formula', 'scope'], ['visible', 'comment']);
