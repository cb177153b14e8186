/**
 * An in-memory fake of the Office.js Excel API, for testing the workbook adapter without Excel.
 * Code written against `Excel.run` / `Excel.RequestContext` runs unchanged against `fake.run`.
 *
 *   const fake = createFakeExcel({ sheets: [{ name: 'Accounts', values: [['Account_ID'], ['A1']] }] });
 *   await fake.run(async (context) => { ... await context.sync(); });
 *   expect(fake.stats.syncCount).toBe(1);
 *   expect(fake.workbookState.sheet('Accounts').values()).toEqual(...);
 *
 * What it models, and how, is listed in test/fakes/README.md; the implementation lives in
 * test/fakes/excel-fake/ (one file per area, each under ~400 lines).
 */
import { FakeExcelHost, FakeRequestContext, compareVersions, type FakeExcelOptions, type FakeExcelStats } from './excel-fake/context.js';
import { officeError, FakeOfficeError, type FakeErrorCode } from './excel-fake/errors.js';
import { WorkbookState } from './excel-fake/inspect.js';
import { CHART_TYPES } from './excel-fake/chart-rules.js';
import { FakeDocumentSettings } from './excel-fake/document-settings.js';
import { FakeClientObject } from './excel-fake/proxy-base.js';
import type { CellValue } from './excel-fake/cells.js';

export { FakeOfficeError, isOfficeError } from './excel-fake/errors.js';
export type { FakeErrorCode } from './excel-fake/errors.js';
export type { FakeExcelOptions, FakeExcelStats, SyncRecord } from './excel-fake/context.js';
export { PAYLOAD_LIMIT_BYTES, READ_CELL_LIMIT, FakeRequestContext } from './excel-fake/context.js';
export type { WorkbookState, SheetState, ChartState, TableState, CellFormatState } from './excel-fake/inspect.js';
export { UNEVALUATED_FORMULA, type CellValue } from './excel-fake/cells.js';
export { FakeDocumentSettings, type FakeAsyncResult } from './excel-fake/document-settings.js';
export { OPERATION_CELL_LIMIT, columnAddCellCount } from './excel-fake/table-part-proxies.js';

/** Initial workbook: sheets in order; values are stored as given (a user's typed-in data). */
export interface FakeExcelInit {
  sheets: Array<{ name: string; values: ReadonlyArray<ReadonlyArray<CellValue | null>>; protected?: boolean }>;
  /** Name of the active sheet (default: the first). */
  activeSheet?: string;
}

/** The fake: `run` has Excel.run's signature; the rest is for tests. */
export interface FakeExcel {
  /** Same signature as `Excel.run`: run(batch), run({ delayForCellEdit }, batch), run(object, batch). */
  run: typeof Excel.run;
  /** A long-lived context (never closed), for code that takes a RequestContext directly. */
  context: Excel.RequestContext;
  /** Synchronous inspection (and user-style setup) of the workbook. */
  workbookState: WorkbookState;
  /** sync() count, payload bytes and cells per request, tracked/untracked counts. */
  stats: FakeExcelStats;
  /** Makes the next sync fail with this error (or code) before anything applies. */
  failNextSync(error: Error | FakeErrorCode): void;
  /**
   * Makes the n-th sync (1-based, counting all syncs so far) fail with this code. With `afterOps: k`
   * the request's first k operations run before the failure (and stay, with batchFailure 'partial').
   */
  failSyncAt(n: number, error: FakeErrorCode | Error, options?: { afterOps?: number }): void;
  /** While on, batches fail (InvalidOperation) unless run with { delayForCellEdit: true }, which wait. */
  setCellEditMode(on: boolean): void;
  /**
   * `Office.context.document.settings` of this session: an in-memory copy of the document's settings
   * loaded when the session opened, the same store as `workbook.settings` (see document-settings.ts).
   */
  documentSettings: FakeDocumentSettings;
  /** Makes the next `documentSettings.saveAsync` fail (status "failed", this message); nothing is saved. */
  failNextSettingsSave(message?: string): void;
  /**
   * The same document opened again in a new session (closing the pane and opening the workbook):
   * cells, sheets, tables and saved settings carry over; unsaved document-settings changes do not.
   */
  reopen(options?: FakeExcelOptions): FakeExcel;
  /** `Office.context.requirements.isSetSupported` for this host. */
  isSetSupported(name: string, minVersion?: string): boolean;
  /** The ExcelApi version this fake host claims. */
  readonly apiVersion: string;
}

/** Creates a fake Excel host holding the given workbook. */
export function createFakeExcel(initial?: FakeExcelInit, options: FakeExcelOptions = {}): FakeExcel {
  const host = new FakeExcelHost(options);
  const workbookState = new WorkbookState(host.wb);
  const sheets = initial?.sheets ?? [{ name: 'Sheet1', values: [] }];
  for (const s of sheets) workbookState.addSheet(s.name, s.values, { protected: s.protected ?? false });
  if (initial?.activeSheet) host.wb.activeSheet = host.wb.findSheet(initial.activeSheet) ?? host.wb.activeSheet;
  return session(host, options);
}

/** One add-in session over a document: its own stats, faults and document-settings copy. */
function session(host: FakeExcelHost, options: FakeExcelOptions): FakeExcel {
  const workbookState = new WorkbookState(host.wb);
  const documentSettings = new FakeDocumentSettings(host.wb);
  const isSetSupported = (name: string, minVersion = '1.1') => name === 'ExcelApi' && compareVersions(host.apiVersion, minVersion) >= 0;
  return {
    documentSettings,
    failNextSettingsSave: (message = 'The settings could not be saved.') => (documentSettings._nextSaveFailure = message),
    reopen: (next = options) => session(new FakeExcelHost(next, host.wb), next),
    run: makeRun(host),
    context: new FakeRequestContext(host, false) as unknown as Excel.RequestContext,
    workbookState,
    stats: host.stats,
    failNextSync: (e) => host.failNextSync(e),
    failSyncAt: (n, e, o) => host.failSyncAt(n, e, o),
    setCellEditMode: (on) => host.setCellEditMode(on),
    isSetSupported,
    apiVersion: host.apiVersion,
  };
}

type Batch = (context: Excel.RequestContext) => Promise<unknown>;

function makeRun(host: FakeExcelHost): typeof Excel.run {
  async function run(...args: unknown[]): Promise<unknown> {
    const batch = args[args.length - 1] as Batch;
    if (typeof batch !== 'function') throw officeError('InvalidArgument', 'Excel.run needs a batch function as its last argument.');
    const first = args.length > 1 ? args[0] : undefined;
    const existing = contextOf(first);
    const ctx = existing ?? new FakeRequestContext(host, Boolean((first as Excel.RunOptions | undefined)?.delayForCellEdit));
    // Reusing an earlier object's context (its objects tracked) makes it usable again for this run.
    const wasClosed = existing?._closed ?? false;
    ctx._closed = false;
    host.stats.runs += 1;
    try {
      const pending = batch(ctx as unknown as Excel.RequestContext) as unknown;
      if (!pending || typeof (pending as Promise<unknown>).then !== 'function') {
        throw officeError('RunMustReturnPromise', 'The batch function passed to Excel.run must return a promise (make it async, or return context.sync()).');
      }
      const result = await pending;
      // Office.js sends whatever is still queued when the batch's promise resolves.
      if (ctx._hasPending()) await ctx.sync();
      return result;
    } finally {
      if (!existing || wasClosed) {
        ctx._takeOps();
        ctx._closed = true;
      }
    }
  }
  return run as unknown as typeof Excel.run;
}

/** run(object, batch) / run([objects], batch) / run(context, batch) reuse that context. */
function contextOf(first: unknown): FakeRequestContext | undefined {
  if (first instanceof FakeRequestContext) return first;
  const object = Array.isArray(first) ? first[0] : first;
  return object instanceof FakeClientObject ? object._ctx : undefined;
}

/** Excel.* enum objects: member name → value, e.g. ChartType.xyscatter → "XYScatter". */
function enumNamespace(values?: ReadonlySet<string>): Record<string, string> {
  return new Proxy({}, {
    get: (_t, key) => {
      if (typeof key !== 'string') return undefined;
      const bare = key.replace(/^_/, '');
      const known = values && [...values].find((v) => v.toLowerCase() === bare.toLowerCase());
      return known ?? bare.charAt(0).toUpperCase() + bare.slice(1);
    },
  });
}

/** How the installed `Office` global answers `Office.onReady` (for start-up tests). */
export interface OfficeGlobalsOptions {
  /** Resolve onReady only once this promise settles (an Office that is slow to answer). */
  readonly ready?: Promise<unknown>;
  /** What onReady reports as the host (null: the page is open outside Office). Default "Excel". */
  readonly host?: string | null;
}

/**
 * Installs `Excel`, `Office` and `OfficeExtension` globals backed by the fake, for code that
 * calls the globals directly: `Excel.run`, enums such as `Excel.ChartType.line`,
 * `Office.context.requirements.isSetSupported`, `Office.context.document.settings` (the session's
 * document settings), `Office.AsyncResultStatus`, `Office.onReady`. Returns a restore function.
 */
export function installOfficeGlobals(fake: FakeExcel, options: OfficeGlobalsOptions = {}): () => void {
  const g = globalThis as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const errorCodes = enumNamespace();
  const excel: Record<string, unknown> = { run: fake.run, RequestContext: FakeRequestContext, ErrorCodes: errorCodes, ChartType: enumNamespace(CHART_TYPES) };
  g.Excel = new Proxy(excel, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : enumNamespace()) });
  const host = options.host === undefined ? 'Excel' : options.host;
  g.Office = {
    context: { requirements: { isSetSupported: fake.isSetSupported }, document: { settings: fake.documentSettings } },
    onReady: async () => {
      await options.ready;
      return { host, platform: host === null ? null : 'OfficeOnline' };
    },
    HostType: { Excel: 'Excel' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: errorCodes };
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete g[key];
      else g[key] = value;
    }
  };
}
