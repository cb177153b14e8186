/**
 * The request context and the "host" that executes batches. One `context.sync()` is one
 * request to Excel: queued operations run in order against the workbook model, loads are
 * answered, and stats record its cost (Excel's real cost is the number of round trips).
 *
 * What a failing sync leaves behind (documented choice, see README.md):
 *  - limit errors (RequestPayloadSizeLimitExceeded) are raised before anything runs, as the
 *    host rejects the request whole: nothing applies — true in Excel too;
 *  - an operation that fails midway (protected sheet, bad name, ItemNotFound...): by default
 *    the fake rolls back the whole batch ("atomic"), which the spec asks for so tests can state
 *    "nothing was written". Real Excel is not transactional — operations before the failing
 *    one stay applied — so `batchFailure: 'partial'` models that, for tests of the adapter's
 *    "what was and was not written" reporting.
 */
import { officeError, type FakeOfficeError, type FakeErrorCode } from './errors.js';
import { WorkbookModel, type Undo } from './model.js';
import { FakeApplication, FakeWorkbook } from './workbook-proxies.js';
import type { FakeClientObject } from './proxy-base.js';

/** Excel on the web: 5 MB per request and per response; read as 5,000,000 bytes (the stricter reading). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** Any platform: at most 5 million cells per read. */
export const READ_CELL_LIMIT = 5_000_000;

/** One queued operation. `payload` is what would be serialised into the request. */
export interface Op {
  name: string;
  path: string;
  exec: (x: Exec) => void;
  payload?: () => unknown;
}

/** Per-sync record in `stats.syncs`. */
export interface SyncRecord {
  index: number;
  ok: boolean;
  errorCode?: string;
  operations: string[];
  requestBytes: number;
  responseBytes: number;
  cellsWritten: number;
  cellsRead: number;
  screenUpdatingSuspended: boolean;
  calculationSuspended: boolean;
}

/** Counters for tests: sync() calls are the cost in real Excel. */
export interface FakeExcelStats {
  runs: number;
  syncCount: number;
  failedSyncs: number;
  syncs: SyncRecord[];
  tracked: number;
  untracked: number;
  /** Largest request payload of any sync, in bytes. */
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly totalCellsWritten: number;
  readonly totalCellsRead: number;
  reset(): void;
}

export function createStats(): FakeExcelStats {
  const stats: FakeExcelStats = {
    runs: 0,
    syncCount: 0,
    failedSyncs: 0,
    syncs: [],
    tracked: 0,
    untracked: 0,
    get maxRequestBytes() {
      return Math.max(0, ...stats.syncs.map((s) => s.requestBytes));
    },
    get maxResponseBytes() {
      return Math.max(0, ...stats.syncs.map((s) => s.responseBytes));
    },
    get totalCellsWritten() {
      return stats.syncs.reduce((n, s) => n + (s.ok ? s.cellsWritten : 0), 0);
    },
    get totalCellsRead() {
      return stats.syncs.reduce((n, s) => n + (s.ok ? s.cellsRead : 0), 0);
    },
    reset() {
      stats.runs = stats.syncCount = stats.failedSyncs = stats.tracked = stats.untracked = 0;
      stats.syncs = [];
    },
  };
  return stats;
}

/** Options shared by every run against one fake workbook. */
export interface FakeExcelOptions {
  /** ExcelApi version the host supports ("1.7" … "1.20"); newer APIs fail with ApiNotFound. Default "1.20". */
  apiVersion?: string;
  /** Per-request and per-response limit in bytes. Default 5 MB. */
  payloadLimitBytes?: number;
  /** Count request + response against one limit instead of separately (stricter than Excel). */
  combinedPayloadLimit?: boolean;
  /** 'atomic' (default): a failed sync applies nothing. 'partial': ops before the failure stay, as in Excel. */
  batchFailure?: 'atomic' | 'partial';
  /** Code for a batch that hits cell-edit mode without delayForCellEdit. Default 'InvalidOperation'. */
  cellEditErrorCode?: 'InvalidOperation' | 'InvalidOperationInCellEditMode';
  /**
   * Which Excel: 'web' (default, the stricter) raises OperationCellsExceedLimit where Microsoft says
   * only Excel on the web does; 'desktop' does not.
   */
  platform?: 'web' | 'desktop';
  /** Excel's AutoCorrect "Include new rows and columns in table" (on by default): writes next to a table grow it. */
  tableAutoExpand?: boolean;
}

/** An injected fault: the code, and (partial) how many operations of the request run before it. */
export interface InjectedFault {
  readonly error: FakeErrorCode | Error;
  /** Run this many operations of the request first, then fail (Excel keeps them); absent = fail before any. */
  readonly afterOps?: number;
}

/** The execution state of one sync. */
export class Exec {
  readonly undo: Undo = [];
  readonly commits: Array<() => void> = [];
  readonly onRollback: Array<() => void> = [];
  responseBytes = 0;
  constructor(
    readonly wb: WorkbookModel,
    readonly host: FakeExcelHost,
    readonly record: SyncRecord,
  ) {}

  /** Counts a loaded value against the response payload. */
  addResponse(value: unknown): void {
    this.responseBytes += jsonBytes(value);
  }

  /** Checks the 5-million-cell read limit and counts the cells read. */
  countRead(cells: number, where: string): void {
    if (cells > READ_CELL_LIMIT) throw officeError('RangeExceedsLimit', `Reading ${cells} cells exceeds the limit of ${READ_CELL_LIMIT} cells per read; read in smaller blocks.`, where);
    this.record.cellsRead += cells;
  }

  countWrite(cells: number): void {
    this.record.cellsWritten += cells;
  }

  /** Fails with ApiNotFound when the host's ExcelApi version is below `version`. */
  requireApi(version: string, where: string): void {
    if (compareVersions(this.host.apiVersion, version) < 0) {
      throw officeError('ApiNotFound', `${where} needs ExcelApi ${version}; this host supports ${this.host.apiVersion}.`, where);
    }
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    for (const f of this.onRollback) f();
  }
}

export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

const utf8 = new TextEncoder();

/** UTF-8 byte length of the JSON form of a value (TextEncoder: the fake also runs in a browser). */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  const text = JSON.stringify(value) ?? '';
  // ASCII is one byte per code unit; encode only when something wider is present.
  return /[^\u0000-\u007f]/.test(text) ? utf8.encode(text).length : text.length;
}

/** Shared state behind every run: the workbook, stats, fault injection, cell-edit mode. */
export class FakeExcelHost {
  readonly stats = createStats();
  readonly apiVersion: string;
  readonly options: Required<Omit<FakeExcelOptions, 'apiVersion'>>;
  cellEditMode = false;
  private editWaiters: Array<() => void> = [];
  private nextFailure: Error | undefined;
  private failuresAt = new Map<number, InjectedFault>();

  /** `wb`: the document; a reopened workbook (FakeExcel.reopen) shares it with the first session. */
  constructor(options: FakeExcelOptions = {}, readonly wb: WorkbookModel = new WorkbookModel()) {
    this.apiVersion = options.apiVersion ?? '1.20';
    this.options = {
      payloadLimitBytes: options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES,
      combinedPayloadLimit: options.combinedPayloadLimit ?? false,
      batchFailure: options.batchFailure ?? 'atomic',
      cellEditErrorCode: options.cellEditErrorCode ?? 'InvalidOperation',
      platform: options.platform ?? 'web',
      tableAutoExpand: options.tableAutoExpand ?? true,
    };
  }

  failNextSync(error: Error | FakeErrorCode): void {
    this.nextFailure = typeof error === 'string' ? officeError(error, `Injected failure (${error}).`) : error;
  }

  failSyncAt(n: number, error: FakeErrorCode | Error, options: { afterOps?: number } = {}): void {
    this.failuresAt.set(n, { error, afterOps: options.afterOps });
  }

  setCellEditMode(on: boolean): void {
    this.cellEditMode = on;
    if (!on) {
      const waiters = this.editWaiters;
      this.editWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Executes one request. */
  async sync(ctx: FakeRequestContext): Promise<void> {
    const stats = this.stats;
    stats.syncCount += 1;
    const ops = ctx._takeOps();
    const traces = ctx._takeTraces();
    const record: SyncRecord = {
      index: stats.syncCount, ok: false, operations: ops.map((o) => o.name), requestBytes: 0, responseBytes: 0,
      cellsWritten: 0, cellsRead: 0, screenUpdatingSuspended: false, calculationSuspended: false,
    };
    stats.syncs.push(record);
    try {
      await Promise.resolve(); // a round trip is asynchronous
      if (ctx._closed) throw officeError('InvalidRequestContext', 'The request context is no longer valid: the Excel.run batch has finished.');
      if (this.cellEditMode) {
        if (!ctx._delayForCellEdit) throw officeError(this.options.cellEditErrorCode, 'The operation is not available while Excel is in cell-edit mode. Retry, or use Excel.run({ delayForCellEdit: true }, ...).');
        await new Promise<void>((resolve) => this.editWaiters.push(resolve));
      }
      const midway = this.throwInjected(record.index);
      const { payloadLimitBytes: limit, combinedPayloadLimit } = this.options;
      record.requestBytes = ops.reduce((n, op) => n + jsonBytes({ n: op.name, p: op.path, a: op.payload?.() }), 0);
      if (record.requestBytes > limit) {
        throw officeError('RequestPayloadSizeLimitExceeded', `The request payload size (${record.requestBytes} bytes) has exceeded the limit of ${limit} bytes. Write in smaller blocks.`);
      }
      const x = new Exec(this.wb, this, record);
      try {
        for (const [i, op] of ops.entries()) {
          // A fault injected midway: the operations before it ran (and stay, in 'partial' mode).
          if (midway && i === midway.afterOps) throw faultError(midway, record.index);
          op.exec(x);
        }
        if (midway && midway.afterOps! >= ops.length) throw faultError(midway, record.index);
        record.responseBytes = x.responseBytes;
        if (combinedPayloadLimit && record.requestBytes + x.responseBytes > limit) {
          throw officeError('RequestPayloadSizeLimitExceeded', `Request plus response (${record.requestBytes + x.responseBytes} bytes) exceed the limit of ${limit} bytes.`);
        }
        if (x.responseBytes > limit) {
          throw officeError('ResponsePayloadSizeLimitExceeded', `The response payload size (${x.responseBytes} bytes) has exceeded the limit of ${limit} bytes. Read in smaller blocks.`);
        }
      } catch (error) {
        if (this.options.batchFailure === 'atomic') x.rollback();
        throw error;
      }
      for (const commit of x.commits) commit();
      record.ok = true;
    } catch (error) {
      record.ok = false;
      record.errorCode = (error as { code?: string }).code ?? 'GeneralException';
      stats.failedSyncs += 1;
      if (error && typeof error === 'object' && 'traceMessages' in error) (error as FakeOfficeError).traceMessages = traces;
      throw error;
    }
  }

  /** Throws a fault injected before any operation; returns one injected midway (or null). */
  private throwInjected(index: number): InjectedFault | null {
    if (this.nextFailure) {
      const e = this.nextFailure;
      this.nextFailure = undefined;
      throw e;
    }
    const at = this.failuresAt.get(index);
    if (at === undefined) return null;
    this.failuresAt.delete(index);
    if (at.afterOps === undefined) throw faultError(at, index);
    return at;
  }
}

function faultError(fault: InjectedFault, index: number): Error {
  const { error } = fault;
  return typeof error === 'string' ? officeError(error, `Injected failure at sync #${index} (${error}).`) : error;
}

/** Stands in for `Excel.RequestContext` (cast at the boundary). */
export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  readonly requestHeaders: Record<string, string> = {};
  readonly debugInfo: Record<string, unknown> = {};
  /** `context.trackedObjects.add/remove`: no-ops, counted in stats. */
  readonly trackedObjects: { add(o: unknown): void; remove(o: unknown): void };
  /** @internal */ _closed = false;
  private ops: Op[] = [];
  private traces: string[] = [];

  constructor(
    /** @internal */ readonly _host: FakeExcelHost,
    /** @internal */ readonly _delayForCellEdit: boolean,
  ) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
    const count = (key: 'tracked' | 'untracked') => (o: unknown) => {
      const n = Array.isArray(o) ? o.length : 1;
      this._host.stats[key] += n;
    };
    this.trackedObjects = { add: count('tracked'), remove: count('untracked') };
  }

  /** Queues a load, like `context.load(object, option)`. */
  load<T extends FakeClientObject<unknown>>(object: T, option?: Parameters<T['load']>[0]): T {
    return object.load(option);
  }

  /** Adds a trace message, reported on the error if this sync fails. */
  trace(message: string): void {
    this.traces.push(message);
  }

  /** Sends the queued operations as one request. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    await this._host.sync(this);
    return passThroughValue as T;
  }

  /** @internal */
  _enqueue(op: Op): void {
    this._assertOpen();
    this.ops.push(op);
  }

  /** @internal */
  _assertOpen(): void {
    if (this._closed) throw officeError('InvalidRequestContext', 'This object belongs to an Excel.run batch that has finished; get it again inside the current batch.');
  }

  /** @internal */
  _hasPending(): boolean {
    return this.ops.length > 0;
  }

  /** @internal */
  _takeOps(): Op[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }

  /** @internal */
  _takeTraces(): string[] {
    const t = this.traces;
    this.traces = [];
    return t;
  }

  /** Throws InvalidRequestContext when a proxy from another batch is passed in. @internal */
  _own(object: FakeClientObject<unknown>, where: string): void {
    if (object._ctx !== this) throw officeError('InvalidRequestContext', `${where}: the object was created in a different Excel.run batch.`, where);
  }
}
