/**
 * Stands in for office.js in the Office-path browser tests: bundled by esbuild (office-path-helpers.ts)
 * and served at office.js's URL, so the built office.html loads it with its own <script> in <head>,
 * before the pane's code, exactly where Excel's office.js would run. It builds the Office.js fake
 * (test/fakes) from the test's configuration and installs it as the Office / Excel globals; the test
 * reads the workbook back through `window.__tsFake`.
 */
import { createFakeExcel, installOfficeGlobals, type CellValue, type FakeExcel, type FakeExcelOptions } from '../fakes/excel-fake.js';

/** What a test asks for, set on the page (window.__tsFakeConfig) by an init script. */
export interface StandInConfig {
  readonly sheets: Array<{ name: string; values: (CellValue | null)[][] }>;
  /** Excel tables the user made, e.g. the Accounts data as a table. */
  readonly tables?: Array<{ sheet: string; address: string; name: string }>;
  readonly options?: FakeExcelOptions;
  /** Office answers onReady only when the test calls window.__tsFake.ready() (a slow start). */
  readonly holdReady?: boolean;
  /** What onReady reports as the host: "Excel" (default), or null for the page opened outside Office. */
  readonly host?: string | null;
  /** The document's settings as saved before this session (a workbook reopened: what an earlier session saved). */
  readonly settings?: Record<string, unknown>;
}

/** A plain, JSON-able picture of the workbook for the test's assertions. */
export interface WorkbookPicture {
  readonly sheets: Array<{ name: string; visibility: string; owner: string | undefined; values: CellValue[][]; formulas: number }>;
  readonly tables: Array<{ name: string; sheet: string; address: string; headers: string[] }>;
  readonly charts: Array<{ sheet: string; name: string; type: string; series: Array<{ name: string; values: string | null; xValues: string | null; axisGroup: string }> }>;
  readonly settings: Record<string, unknown>;
  readonly stats: { syncs: number; failedSyncs: number; maxRequestBytes: number; maxResponseBytes: number };
}

export interface StandIn {
  readonly fake: FakeExcel;
  picture(): WorkbookPicture;
  /** Makes the `n`-th request from now fail with `code` after `afterOps` of its operations (Excel keeps those). */
  failRequest(n: number, code: string, afterOps?: number): void;
  /** Lets a held Office.onReady answer. */
  ready(): void;
}

declare global {
  interface Window {
    __tsFakeConfig?: StandInConfig;
    __tsFake?: StandIn;
  }
}

function picture(fake: FakeExcel): WorkbookPicture {
  const state = fake.workbookState;
  return {
    sheets: state.sheetNames().map((name) => {
      const sheet = state.sheet(name);
      return { name, visibility: sheet.visibility, owner: sheet.customProperties['TerritorySlicer.owner'], values: sheet.values(), formulas: Object.keys(sheet.formulas()).length };
    }),
    tables: state.tables().map((t) => ({ name: t.name, sheet: t.sheet, address: t.address, headers: t.headers })),
    charts: state.sheetNames().flatMap((sheet) => state.sheet(sheet).charts().map((c) => ({ sheet, name: c.name, type: c.type, series: c.series.map((s) => ({ name: s.name, values: s.values, xValues: s.xValues, axisGroup: s.axisGroup })) }))),
    settings: state.settings(),
    stats: { syncs: fake.stats.syncCount, failedSyncs: fake.stats.failedSyncs, maxRequestBytes: fake.stats.maxRequestBytes, maxResponseBytes: fake.stats.maxResponseBytes },
  };
}

const config = window.__tsFakeConfig;
if (config) {
  const fake = createFakeExcel({ sheets: config.sheets }, config.options ?? {});
  for (const t of config.tables ?? []) fake.workbookState.addTable(t.sheet, t.address, t.name);
  // Saved into the document before the pane's code runs (saveAsync settles on the next task).
  for (const [key, value] of Object.entries(config.settings ?? {})) fake.documentSettings.set(key, value);
  if (config.settings) fake.documentSettings.saveAsync();
  let release: () => void = () => {};
  const ready = config.holdReady ? new Promise<void>((resolve) => (release = resolve)) : undefined;
  installOfficeGlobals(fake, { ready, host: config.host });
  window.__tsFake = {
    fake,
    picture: () => picture(fake),
    failRequest: (n, code, afterOps) => fake.failSyncAt(fake.stats.syncCount + n, code as never, { afterOps }),
    ready: () => release(),
  };
}
