/**
 * What the Office adapter needs from its host, injectable for tests: how to run a batch
 * (Excel.run), which requirement sets exist, how to wait, and the request budget.
 */
import { cellRange } from '../layout/address.js';

/** `Excel.run` with options; the fake in test/fakes has the same shape. */
export type ExcelRun = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the adapter uses of `Office.Settings` (the fake in test/fakes has the same shape). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback: (result: AsyncOutcome) => void): void;
  refreshAsync?(callback: (result: AsyncOutcome) => void): void;
}

/** `Office.AsyncResult` as far as the adapter reads it: status "succeeded" / "failed". */
export interface AsyncOutcome {
  readonly status: unknown;
  readonly error?: { readonly message?: string } | null;
}

export interface OfficeWorkbookOptions {
  /** Defaults to Office's `Excel.run`. */
  readonly run?: ExcelRun;
  /** Defaults to `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Wait between cell-edit retries; defaults to setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Estimated request size to stay under (Excel on the web rejects requests over 5 MB). */
  readonly requestBudgetBytes?: number;
  /** Estimated response size to stay under when reading. */
  readonly responseBudgetBytes?: number;
  /** Largest row block for reads and writes. */
  readonly maxBlockRows?: number;
  /** How often a batch refused because the user is editing a cell is retried (1 s apart). */
  readonly cellEditRetries?: number;
  /**
   * `Office.context.document.settings` (the pane's stored state, SPEC §16); defaults to the Office
   * global's. The fake in test/fakes supplies its own.
   */
  readonly documentSettings?: DocumentSettings | null;
}

/** Resolved options and feature flags for one adapter instance. */
export interface OfficeEnv {
  readonly run: ExcelRun;
  readonly sleep: (ms: number) => Promise<void>;
  readonly requestBudget: number;
  readonly responseBudget: number;
  readonly maxBlockRows: number;
  readonly cellEditRetries: number;
  /** ExcelApi requirement set check (cached). */
  supports(version: string): boolean;
}

const MB = 1024 * 1024;

// The only place in the repository that calls Excel.run; Office's globals stay in this folder.
const officeRun: ExcelRun = (options, batch) =>
  Object.keys(options).length > 0 ? Excel.run(options, batch) : Excel.run(batch);

function officeIsSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported(name, version) ?? false;
  } catch {
    return false;
  }
}

export function resolveEnv(options: OfficeWorkbookOptions = {}): OfficeEnv {
  const isSetSupported = options.isSetSupported ?? officeIsSetSupported;
  const cache = new Map<string, boolean>();
  return {
    run: options.run ?? officeRun,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    requestBudget: options.requestBudgetBytes ?? 3 * MB,
    responseBudget: options.responseBudgetBytes ?? 2.5 * MB,
    maxBlockRows: options.maxBlockRows ?? 20_000,
    cellEditRetries: options.cellEditRetries ?? 5,
    supports(version) {
      let ok = cache.get(version);
      if (ok === undefined) {
        ok = isSetSupported('ExcelApi', version);
        cache.set(version, ok);
      }
      return ok;
    },
  };
}

/** Run options: queue behind cell editing where the host can (ExcelApi 1.11). */
export function runOptions(env: OfficeEnv): Excel.RunOptions {
  return env.supports('1.11') ? { delayForCellEdit: true } : {};
}

/** UTF-8 size of a value's JSON form: what a request or response carries for it. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  // Only non-ASCII code units cost more than one byte; scan for them only when present.
  if (/[^\u0000-\u007f]/.test(text)) bytes = new TextEncoder().encode(text).length;
  return bytes;
}

/** A block of a sheet by 0-based indexes, via getRangeByIndexes (1.7) or an A1 address. */
export function rangeAt(env: OfficeEnv, sheet: Excel.Worksheet, row: number, column: number, rows: number, columns: number): Excel.Range {
  if (env.supports('1.7')) return sheet.getRangeByIndexes(row, column, rows, columns);
  return sheet.getRange(cellRange(row, column, rows, columns));
}

