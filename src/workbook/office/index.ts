/**
 * The Office.js adapter: the WorkbookPort inside Excel, and the only code in the repository
 * that runs Excel batches (through env.ts). Reads in row blocks under Excel's 5 MB
 * request limit; writes the result columns and rebuilds the owned sheets in one batch with
 * screen updating suspended, and reports exactly what was and was not written.
 */
import type { SheetInput } from '../../engine/index.js';
import { layoutWorkbook } from '../layout/index.js';
import { freeTableName, type OwnedSheetPlan } from '../layout/owned.js';
import { failureReport, resultsPart, successReport } from '../layout/report.js';
import type { OwnedRole } from '../layout/types.js';
import { resolveEnv, runOptions, type OfficeEnv, type OfficeWorkbookOptions } from './env.js';
import { CELL_EDIT_MESSAGE, describeReadError, describeWriteError, isCellEdit, WorkbookError } from './errors.js';
import { OWNED_RECORD_KEY, prepareWrite, type Prepared } from './prepare.js';
import { RequestQueue } from './queue.js';
import { readSheetBlocks, type SheetOrigin } from './read.js';
import { writeResultColumns } from './results.js';
import { writeOwnedSheet } from './sheets.js';
import type { ReadProgress, WorkbookOutput, WorkbookPort, WriteReport } from '../port.js';

export type { ExcelRun, OfficeWorkbookOptions } from './env.js';
export { OWNER_KEY, OWNED_RECORD_KEY } from './prepare.js';

const CELL_EDIT_WAIT_MS = 1000;

/** The WorkbookPort for Excel. Pass `run` (and `isSetSupported`) to drive a fake in tests. */
export function createOfficeWorkbook(options: OfficeWorkbookOptions = {}): WorkbookPort {
  return new OfficeWorkbook(resolveEnv(options));
}

class OfficeWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;
  /** Where each read sheet's values start, by lower-cased name, so writes land in the right columns. */
  private readonly origins = new Map<string, SheetOrigin>();

  constructor(private readonly env: OfficeEnv) {}

  async listSheets(): Promise<string[]> {
    return this.withCellEditRetry(() => true, () =>
      this.env.run(runOptions(this.env), async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        return sheets.items.filter((s) => s.visibility !== 'VeryHidden').map((s) => s.name);
      }),
    );
  }

  async readSheet(name: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetInput> {
    try {
      const { input, origin } = await this.withCellEditRetry(() => true, () =>
        this.env.run(runOptions(this.env), (context) => readSheetBlocks(context, this.env, name, onProgress)),
      );
      this.origins.set(input.name.toLowerCase(), origin);
      return input;
    } catch (error) {
      throw new WorkbookError(describeReadError(error, name));
    }
  }

  async writeResults(output: WorkbookOutput, onProgress?: (done: number, total: number) => void): Promise<WriteReport> {
    const layout = layoutWorkbook(output);
    const accountsName = layout.results.sheet;
    if (!this.env.supports('1.4')) {
      return failureReport(accountsName, null, [], 'This version of Excel is too old for Territory Slicer to write results (it needs ExcelApi 1.4 or later: Excel 2016 or newer, or Excel on the web).');
    }
    const total = layout.results.rowCount + layout.sheets.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rowCount, 0), 0);
    let done = 0;
    const onRows = (rows: number) => {
      done += rows;
      onProgress?.(done, total);
    };
    const written: string[] = [];
    let plans: readonly OwnedSheetPlan[] | null = null;
    let queue: RequestQueue | null = null;
    let phaseStart = 0;
    let current = `the Segment and Assigned_Rep columns on the ${accountsName} sheet`;
    let currentSheet = accountsName;
    let currentPart = resultsPart(accountsName);
    const nothingChanged = () => queue === null || queue.syncs === 0;
    try {
      await this.withCellEditRetry(nothingChanged, () => this.env.run(runOptions(this.env), async (context) => {
        done = 0;
        // Validate and plan before the first change, so a refusal leaves the workbook as it was.
        const prepared = await prepareWrite(context, this.env, layout.results, output.book, this.origins.get(accountsName.toLowerCase()));
        plans = prepared.plans;
        const q = (queue = new RequestQueue(context, this.env));
        this.suspendScreenUpdating(context);
        await writeResultColumns(q, this.env, prepared, layout.results, onRows);
        await q.flush();
        written.push(resultsPart(accountsName));

        this.suspendScreenUpdating(context);
        const taken = new Set(prepared.takenTableNames);
        const built: Partial<Record<OwnedRole, Excel.Worksheet>> = {};
        for (const [i, sheetLayout] of layout.sheets.entries()) {
          const plan = prepared.plans[i]!;
          current = `the ${plan.name} sheet`;
          currentSheet = plan.name;
          currentPart = plan.name;
          phaseStart = q.syncs;
          const tableNames = new Map(sheetLayout.tables.map((t) => {
            const name = freeTableName(t.name, taken);
            taken.add(name.toLowerCase());
            return [t.name, name] as const;
          }));
          built[plan.role] = await writeOwnedSheet(q, context, this.env, sheetLayout, plan, prepared, tableNames, onRows);
          await q.flush();
          written.push(plan.name);
        }
        await this.recordOwnedSheets(context, prepared, built);
      }));
    } catch (error) {
      const message = isCellEdit(error) ? CELL_EDIT_MESSAGE : describeWriteError(error, current, currentSheet);
      const syncs = (queue as RequestQueue | null)?.syncs ?? 0;
      return failureReport(accountsName, plans, written, message, syncs > phaseStart ? currentPart : null);
    }
    return successReport(accountsName, output.book.accounts.count, plans ?? []);
  }

  /** Keeps the workbook-level record of our sheet ids (the ownership fallback without ExcelApi 1.12). */
  private async recordOwnedSheets(context: Excel.RequestContext, prepared: Prepared, sheets: Partial<Record<OwnedRole, Excel.Worksheet>>): Promise<void> {
    const record: Partial<Record<OwnedRole, string>> = {};
    for (const plan of prepared.plans) {
      const sheet = sheets[plan.role];
      if (sheet) record[plan.role] = plan.existingId ?? sheet.id;
    }
    // Bookkeeping only: with ExcelApi 1.12 the sheets carry their own mark, so a failure here
    // costs nothing the user can see and is not reported as a failed write.
    try {
      context.workbook.settings.add(OWNED_RECORD_KEY, JSON.stringify(record));
      await context.sync();
    } catch {
      // Next run falls back to the custom property marks.
    }
  }

  private suspendScreenUpdating(context: Excel.RequestContext): void {
    // Until the next sync only; called once per phase, never per block (Microsoft's advice).
    if (this.env.supports('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
  }

  /**
   * Runs a batch, retrying when Excel refuses it because a cell is being edited (hosts
   * without delayForCellEdit). Only batches that changed nothing are retried.
   */
  private async withCellEditRetry<T>(safeToRetry: () => boolean, batch: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await batch();
      } catch (error) {
        if (!isCellEdit(error) || attempt >= this.env.cellEditRetries || !safeToRetry()) throw error;
        await this.env.sleep(CELL_EDIT_WAIT_MS);
      }
    }
  }
}
