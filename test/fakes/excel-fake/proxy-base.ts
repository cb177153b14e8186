/**
 * Proxy objects, as in Office.js: a proxy records what you ask for; nothing touches the
 * workbook until `context.sync()`. Properties are readable only after `load()` + `sync()`
 * (reading earlier throws PropertyNotLoaded); setting a property queues a write and, as in
 * Office.js, makes the value you set readable locally. Objects are resolved at sync time
 * (a missing sheet fails the sync with ItemNotFound, not the `getItem` call) and then stay
 * bound to what they resolved to, as Excel binds them by id.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
 */
import { officeError, propertyNotLoaded } from './errors.js';
import type { Exec, FakeRequestContext, Op } from './context.js';

type Resolved<T> = { target: T | null };

/** Load options as Office.js accepts them: "a,b/c", ["a"], {select, expand}, or {a: true, b: {c: true}}. */
export type LoadOption = string | string[] | { select?: string | string[]; expand?: string | string[] } | Record<string, unknown> | undefined;

/** Normalises any load option to a list of paths ("format/fill/color"); [] means "all scalar properties". */
export function loadPaths(option: LoadOption): string[] {
  if (option === undefined || option === null) return [];
  const split = (s: string) => s.split(',').map((p) => p.trim().replace(/\./g, '/')).filter(Boolean);
  if (typeof option === 'string') return split(option);
  if (Array.isArray(option)) return option.flatMap(split);
  const o = option as Record<string, unknown>;
  if ('select' in o || 'expand' in o) {
    const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.flatMap((s) => split(String(s))) : split(String(v)));
    return [...list(o.select), ...list(o.expand)];
  }
  const out: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k.startsWith('$')) continue;
      if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
      else if (v) out.push(`${prefix}${k}`);
    }
  };
  walk(o, '');
  return out;
}

export abstract class FakeClientObject<T = unknown> {
  /** @internal */ readonly _ctx: FakeRequestContext;
  /** @internal */ readonly _path: string;
  /** @internal */ _loaded = new Map<string, unknown>();
  /** @internal */ _isNull: boolean | undefined;
  /** @internal */ _resolved: Resolved<T> | undefined;
  /** @internal */ _children = new Map<string, FakeClientObject<unknown>>();
  /** @internal */ abstract readonly _className: string;
  /** Scalar properties `load()` can fetch. @internal */
  abstract readonly _props: readonly string[];
  /** Child proxies reachable in load paths ("format/fill/color"). @internal */
  readonly _navs: readonly string[] = [];

  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly _resolver: (x: Exec) => T | null,
    /** True for *OrNullObject proxies (and children of them). @internal */
    readonly _nullable = false,
  ) {
    this._ctx = ctx;
    this._path = path;
  }

  /** The request context this proxy belongs to (typed loosely; cast to Excel.RequestContext at the boundary). */
  get context(): FakeRequestContext {
    return this._ctx;
  }

  /** Readable after a sync; only *OrNullObject proxies can be null. */
  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._isNull === undefined) throw propertyNotLoaded(this._className, 'isNullObject');
    return this._isNull;
  }

  /** Reads a scalar property's value at sync time. @internal */
  _read(_target: T, prop: string, _x: Exec): unknown {
    throw officeError('InvalidArgument', `The property '${prop}' does not exist on ${this._className}.`, this._className);
  }

  /** Applies a property write at sync time. @internal */
  _write(_target: T, prop: string, _value: unknown, _x: Exec): void {
    throw officeError('InvalidArgument', `The property '${prop}' cannot be set on ${this._className}.`, this._className);
  }

  /** Whether a bound target still exists (deleted sheets, tables, charts do not). @internal */
  _alive(_target: T): boolean {
    return true;
  }

  /** Resolves the proxy at sync time; null only for null objects. @internal */
  _resolve(x: Exec): T | null {
    if (this._resolved) {
      const t = this._resolved.target;
      if (t !== null && !this._alive(t)) throw officeError('ItemNotFound', `The ${this._className} no longer exists.`, this._className);
      return t;
    }
    const target = this._resolver(x);
    if (target !== null && !this._alive(target)) throw officeError('ItemNotFound', `The ${this._className} no longer exists.`, this._path);
    if (target === null && !this._nullable) throw officeError('ItemNotFound', `The requested ${this._className} doesn't exist.`, this._path);
    this._resolved = { target };
    x.onRollback.push(() => (this._resolved = undefined));
    x.commits.push(() => (this._isNull = target === null));
    return target;
  }

  /** Resolves or throws ItemNotFound (writes and methods on a null object fail). @internal */
  _require(x: Exec): T {
    const t = this._resolve(x);
    if (t === null) throw officeError('ItemNotFound', `The requested ${this._className} doesn't exist (it is a null object).`, this._path);
    return t;
  }

  /** Queues an operation on this object. @internal */
  _queue(name: string, exec: (x: Exec) => void, payload?: () => unknown): void {
    const op: Op = { name: `${this._className}.${name}`, path: this._path, exec, payload };
    this._ctx._enqueue(op);
  }

  /** A cached child proxy (format, fill, font, protection, ...). @internal */
  _child<C extends FakeClientObject<unknown>>(name: string, make: () => C): C {
    let child = this._children.get(name) as C | undefined;
    if (!child) this._children.set(name, (child = make()));
    return child;
  }

  /** Property getter used by defineProps. @internal */
  _get(prop: string): unknown {
    if (!this._loaded.has(prop)) throw propertyNotLoaded(this._className, prop);
    return this._loaded.get(prop);
  }

  /** Property setter used by defineProps: queue the write, remember the value locally. @internal */
  _set(prop: string, value: unknown): void {
    this._ctx._assertOpen();
    this._loaded.set(prop, value);
    this._queue(`${prop}=`, (x) => this._write(this._require(x), prop, value, x), () => value);
  }

  /** Queues a load of the given properties (see LoadOption). */
  load(option?: LoadOption): this {
    this._ctx._assertOpen();
    const paths = loadPaths(option);
    this._queue('load', (x) => this._execLoad(paths, x), () => paths);
    return this;
  }

  /** Executes a load at sync time, staging results until the batch succeeds. @internal */
  _execLoad(paths: string[], x: Exec): void {
    const target = this._resolve(x);
    const wanted = paths.length === 0 ? [...this._props] : paths;
    const staged = new Map<string, unknown>();
    const childPaths = new Map<string, string[]>();
    for (const path of wanted) {
      const [head, ...rest] = path.split('/');
      if (!head) continue;
      if (this._navs.includes(head)) {
        const list = childPaths.get(head) ?? [];
        if (rest.length) list.push(rest.join('/'));
        childPaths.set(head, list);
      } else if (this._props.includes(head) && rest.length === 0) {
        staged.set(head, target === null ? null : this._read(target, head, x));
      } else {
        throw officeError('InvalidArgument', `The property '${path}' does not exist on ${this._className}.`, `${this._className}.load`);
      }
    }
    for (const [name, sub] of childPaths) {
      const child = (this as unknown as Record<string, FakeClientObject<unknown>>)[name]!;
      child._execLoad(sub, x);
    }
    x.addResponse(Object.fromEntries(staged));
    x.commits.push(() => {
      for (const [k, v] of staged) this._loaded.set(k, v);
    });
  }

  /** Sets several properties at once, like Office.js `set({ ... })`. */
  set(properties: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(properties)) {
      if (this._navs.includes(key) && value && typeof value === 'object') {
        (this as unknown as Record<string, FakeClientObject<unknown>>)[key]!.set(value as Record<string, unknown>);
      } else {
        (this as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }

  /** Loaded values as a plain object (what Office.js's toJSON gives). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.fromEntries(this._loaded);
    for (const [name, child] of this._children) {
      const json = child.toJSON();
      if (Object.keys(json).length) out[name] = json;
    }
    return out;
  }

  /** Tracking is a no-op in the fake, but counted (stats.tracked / stats.untracked). */
  track(): this {
    this._ctx._host.stats.tracked += 1;
    return this;
  }

  untrack(): this {
    this._ctx._host.stats.untracked += 1;
    return this;
  }
}

/** Defines Office.js-style accessors: reading needs a load, writing queues an operation. */
export function defineProps(cls: { prototype: object }, readOnly: readonly string[], writable: readonly string[] = []): void {
  for (const prop of readOnly) {
    Object.defineProperty(cls.prototype, prop, {
      configurable: true,
      get(this: FakeClientObject<unknown>) {
        return this._get(prop);
      },
    });
  }
  for (const prop of writable) {
    Object.defineProperty(cls.prototype, prop, {
      configurable: true,
      get(this: FakeClientObject<unknown>) {
        return this._get(prop);
      },
      set(this: FakeClientObject<unknown>, value: unknown) {
        this._set(prop, value);
      },
    });
  }
}

/** A collection proxy: `items` after load, item proxies bound to the models that existed then. */
export abstract class FakeCollection<T, M, I extends FakeClientObject<M>> extends FakeClientObject<T> {
  /** @internal */ _items: I[] | undefined;
  readonly _props: readonly string[] = ['count'];

  /** The collection's members at sync time. @internal */
  abstract _enumerate(target: T, x: Exec): M[];
  /** A proxy bound to one member. @internal */
  abstract _itemProxy(model: M, index: number): I;

  get items(): I[] {
    if (!this._items) throw propertyNotLoaded(this._className, 'items');
    return this._items;
  }

  override _read(target: T, prop: string, x: Exec): unknown {
    if (prop === 'count') return this._enumerate(target, x).length;
    return super._read(target, prop, x);
  }

  override _execLoad(paths: string[], x: Exec): void {
    const target = this._resolve(x);
    const wantsCount = paths.includes('count');
    if (wantsCount) super._execLoad(['count'], x);
    const rest = paths.filter((p) => p !== 'count');
    if (wantsCount && rest.length === 0) return;
    // "items" alone (or nothing) loads every scalar of each item; "items/name" or "name" selects.
    const itemPaths = rest.map((p) => (p === 'items' ? '' : p.replace(/^items\//, ''))).filter((p) => p !== '');
    const models = target === null ? [] : this._enumerate(target, x);
    const items = models.map((m, i) => this._itemProxy(m, i));
    for (const item of items) item._execLoad(itemPaths, x);
    x.commits.push(() => (this._items = items));
  }

  /** Office.js `getCount()`: a ClientResult readable after sync. */
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this._queue('getCount', (x) => {
      const t = this._resolve(x);
      const n = t === null ? 0 : this._enumerate(t, x).length;
      x.commits.push(() => result._set(n));
    });
    return result;
  }
}

/** `OfficeExtension.ClientResult<T>`: `value` readable after the sync that computes it. */
export class FakeClientResult<T> {
  private _has = false;
  private _value: T | undefined;

  get value(): T {
    if (!this._has) throw officeError('ValueNotLoaded', 'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.');
    return this._value as T;
  }

  /** @internal */
  _set(value: T): void {
    this._value = value;
    this._has = true;
  }
}
