/**
 * `Office.context.document.settings` (Common API): the add-in's property bag in the document, the
 * same store ExcelApi's `workbook.settings` reads and writes. As Microsoft documents it, the add-in
 * works on an in-memory copy loaded when it starts; `set` / `remove` change only that copy;
 * `saveAsync` writes that copy into the document; and `refreshAsync` reads the document's settings
 * into the copy again.
 * https://learn.microsoft.com/javascript/api/office/office.settings
 * The fake takes the worst reading of "writes the copy": the store becomes exactly the copy, so a
 * save from a stale copy drops or reverts keys written since through `workbook.settings` (the
 * ownership record). Adapters must refresh, or carry those keys, before they save.
 */
import type { WorkbookModel } from './model.js';

/** What an Office callback receives (Office.AsyncResult): status "succeeded" / "failed". */
export interface FakeAsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}

type Callback<T> = (result: FakeAsyncResult<T>) => void;

const clone = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

export class FakeDocumentSettings {
  private copy = new Map<string, unknown>();
  /** The message of the next failing saveAsync (set by FakeExcel.failNextSettingsSave). @internal */
  _nextSaveFailure: string | null = null;
  /** saveAsync calls that reached the document. */
  saves = 0;

  constructor(private readonly wb: WorkbookModel) {
    this.load();
  }

  /** The value saved under `name` in the in-memory copy, or null. */
  get(name: string): unknown {
    return this.copy.has(name) ? clone(this.copy.get(name)) : null;
  }

  /** Sets a value in the in-memory copy only. */
  set(name: string, value: unknown): void {
    if (typeof name !== 'string' || name === '') throw new Error('A setting name must be a non-empty string.');
    this.copy.set(name, clone(value));
  }

  /** Removes a value from the in-memory copy only. */
  remove(name: string): void {
    this.copy.delete(name);
  }

  /** Writes the whole in-memory copy to the document (the store becomes the copy). */
  saveAsync(optionsOrCallback?: { asyncContext?: unknown } | Callback<void>, maybeCallback?: Callback<void>): void {
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    const asyncContext = typeof optionsOrCallback === 'object' ? optionsOrCallback?.asyncContext : undefined;
    const failure = this._nextSaveFailure;
    this._nextSaveFailure = null;
    const snapshot = new Map([...this.copy].map(([k, v]) => [k, clone(v)]));
    setTimeout(() => {
      if (failure !== null) {
        callback?.({ status: 'failed', value: undefined, error: { code: 5001, name: 'Internal Error', message: failure }, asyncContext });
        return;
      }
      this.wb.settings.clear();
      for (const [key, value] of snapshot) this.wb.settings.set(key, { key, value });
      this.saves++;
      callback?.({ status: 'succeeded', value: undefined, asyncContext });
    }, 0);
  }

  /** Reads the document's settings into the in-memory copy. */
  refreshAsync(callback?: Callback<FakeDocumentSettings>): void {
    setTimeout(() => {
      this.load();
      callback?.({ status: 'succeeded', value: this });
    }, 0);
  }

  addHandlerAsync(_type: unknown, _handler: unknown, callback?: Callback<void>): void {
    setTimeout(() => callback?.({ status: 'succeeded', value: undefined }), 0);
  }

  removeHandlerAsync(_type: unknown, callback?: Callback<void>): void {
    setTimeout(() => callback?.({ status: 'succeeded', value: undefined }), 0);
  }

  /** Keys of the in-memory copy (test inspection). */
  keys(): string[] {
    return [...this.copy.keys()];
  }

  private load(): void {
    this.copy = new Map([...this.wb.settings.values()].map((s) => [s.key, clone(s.value)]));
  }
}
