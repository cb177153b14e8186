/**
 * The Office.js adapter: the WorkbookPort inside Excel, and the only code in the repository
 * that runs Excel batches (through env.ts). Reads in row blocks under Excel's 5 MB
 * request limit; writes the result columns and rebuilds the owned sheets in one batch with
 * screen updating suspended, and reports exactly what was and was not written. Also keeps the
 * pane's state in the document (document-state.ts) and what Assigned_Rep last got
 * (last-written.ts), and writes Locked_Rep (locked-rep.ts).
 */
import type { Book, SheetInput, StoredState } from '../../engine/index.js';
import { layoutWorkbook } from '../layout/index.js';
import { freeTableName, type OwnedSheetPlan } from '../layout/owned.js';
import { failureReport, resultsPart, successReport } from '../layout/report.js';
import { loadDocumentState, officeDocumentSettings, saveDocumentState } from './document-state.js';
import { resolveEnv, runOptions, type DocumentSettings, type OfficeEnv, type OfficeWorkbookOptions } from './env.js';
import { CELL_EDIT_MESSAGE, describeReadError, describeWriteError, isCellEdit, WorkbookError } from './errors.js';
import { LAST_WRITTEN_SHEET } from './keys.js';
import { findHandEditsIn, markRecordIncomplete, writeLastWritten } from './last-written.js';
import { writeLockedRepsIn } from './locked-rep.js';
import { prepareWrite } from './prepare.js';
import { OP_OVERHEAD_BYTES, RequestQueue } from './queue.js';
import { readSheetBlocks, type SheetOrigin } from './read.js';
import { writeResultColumns } from './results.js';
import { writeOwnedSheet } from './sheets.js';
import type { HandEditCheck, LockReport, ReadProgress, RepLock, SaveStateReport, StoredStateLoad, WorkbookOutput, WorkbookPort, WriteReport } from '../port.js';

export type { ExcelRun, OfficeWorkbookOptions, DocumentSettings } from './env.js';
export { OWNER_KEY, OWNED_RECORD_KEY, STATE_KEY, LAST_WRITTEN_KEY, LAST_WRITTEN_ROLE, LAST_WRITTEN_SHEET } from './keys.js';

const CELL_EDIT_WAIT_MS = 1000;

/** The WorkbookPort for Excel. Pass `run` (and `isSetSupported`, `documentSettings`) to drive a fake in tests. */
export function createOfficeWorkbook(options: OfficeWorkbookOptions = {}): WorkbookPort {
  const settings = options.documentSettings === undefined ? officeDocumentSettings() : options.documentSettings;
  return new OfficeWorkbook(resolveEnv(options), settings);
}

class OfficeWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;
  /** Where each read sheet's values start, by lower-cased name, so writes land in the right columns. */
  private readonly origins = new Map<string, SheetOrigin>();

  constructor(
    private readonly env: OfficeEnv,
    private readonly settings: DocumentSettings | null,
  ) {}

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
    let plans: OwnedSheetPlan[] | null = null;
    let queue: RequestQueue | null = null;
    let phaseStart = 0;
    let current = `the Segment and Assigned_Rep columns on the ${accountsName} sheet`;
    let currentSheet = accountsName;
    let currentPart: string | null = resultsPart(accountsName);
    const nothingChanged = () => queue === null || queue.syncs === 0;
    try {
      await this.withCellEditRetry(nothingChanged, () => this.env.run(runOptions(this.env), async (context) => {
        done = 0;
        written.length = 0;
        // Validate and plan before the first change, so a refusal leaves the workbook as it was.
        const prepared = await prepareWrite(context, this.env, layout.results, output.book, this.origins.get(accountsName.toLowerCase()));
        const sheetPlans = (plans = [...prepared.plans]);
        const q = (queue = new RequestQueue(context, this.env));
        this.suspendScreenUpdating(context);
        // From the first Assigned_Rep cell until its record is rewritten, the record is not to be trusted.
        await markRecordIncomplete(q, context, output.book.accounts.count);
        await writeResultColumns(q, this.env, prepared, layout.results, onRows);
        await q.flush();
        written.push(resultsPart(accountsName));

        // Bookkeeping, not a part of the report: what Assigned_Rep now holds, for the hand-edit check.
        current = `Territory Slicer's record of the Assigned_Rep values it wrote (the hidden sheet ${LAST_WRITTEN_SHEET})`;
        currentSheet = LAST_WRITTEN_SHEET;
        currentPart = null;
        phaseStart = q.attempts;
        await writeLastWritten(q, context, this.env, prepared, output.book, output.evaluation);
        await q.flush();

        this.suspendScreenUpdating(context);
        const taken = new Set(prepared.takenTableNames);
        for (const [i, sheetLayout] of layout.sheets.entries()) {
          const plan = sheetPlans[i]!;
          current = `the ${plan.name} sheet`;
          currentSheet = plan.name;
          currentPart = plan.name;
          phaseStart = q.attempts;
          const tableNames = new Map(sheetLayout.tables.map((t) => {
            const name = freeTableName(t.name, taken);
            taken.add(name.toLowerCase());
            return [t.name, name] as const;
          }));
          const built = await writeOwnedSheet(q, context, this.env, sheetLayout, plan, prepared, tableNames, onRows);
          if (built.name !== plan.name) {
            // Excel refused the planned name (a chart sheet holds it): the report names the sheet as made.
            sheetPlans[i] = { ...plan, name: built.name };
            currentSheet = currentPart = built.name;
            current = `the ${built.name} sheet`;
          }
          if (plan.existingId) prepared.record.record(plan.role, plan.existingId);
          await q.flush();
          written.push(built.name);
        }
        // Sheets found by their mark alone go into the record too (new ones are in it already).
        if (prepared.record.dirty) await this.bookkeeping(q, () => prepared.record.write(context));
      }));
    } catch (error) {
      const message = isCellEdit(error) ? CELL_EDIT_MESSAGE : describeWriteError(error, current, currentSheet);
      // A part counts as partly written once a request of it was sent, even one that failed: Excel
      // keeps the operations that ran before the failing one.
      const sent = (queue as RequestQueue | null)?.attempts ?? 0;
      return failureReport(accountsName, plans, written, message, currentPart !== null && sent > phaseStart ? currentPart : null);
    }
    return successReport(accountsName, output.book.accounts.count, plans ?? []);
  }

  async loadState(): Promise<StoredStateLoad> {
    try {
      return await loadDocumentState(this.settings);
    } catch (error) {
      return { state: null, problem: `The settings stored in this workbook could not be read (${error instanceof Error ? error.message : String(error)}): the pane starts from the defaults.` };
    }
  }

  async saveState(state: StoredState): Promise<SaveStateReport> {
    try {
      return await saveDocumentState(this.settings, this.env, state);
    } catch (error) {
      return { ok: false, message: `Excel could not save the settings in the workbook (${error instanceof Error ? error.message : String(error)}). The sheets were written; press Allocate again to save the settings.` };
    }
  }

  async findHandEdits(book: Book): Promise<HandEditCheck> {
    if (!this.env.supports('1.4')) return { known: false, edits: [], reason: 'never' };
    const name = book.accountsSheet.name;
    try {
      return await this.withCellEditRetry(() => true, () =>
        this.env.run(runOptions(this.env), (context) => findHandEditsIn(context, this.env, book, this.origins.get(name.toLowerCase()))),
      );
    } catch (error) {
      throw new WorkbookError(describeReadError(error, name));
    }
  }

  async writeLockedReps(book: Book, locks: readonly RepLock[]): Promise<LockReport> {
    const name = book.accountsSheet.name;
    if (!this.env.supports('1.4')) return { ok: false, written: 0, columnAdded: false, notFound: [], message: 'This version of Excel is too old for Territory Slicer to write to the workbook (it needs ExcelApi 1.4 or later).' };
    let queue: RequestQueue | null = null;
    try {
      const done = await this.withCellEditRetry(() => queue === null || queue.syncs === 0, () =>
        this.env.run(runOptions(this.env), async (context) => {
          queue = new RequestQueue(context, this.env);
          return writeLockedRepsIn(context, this.env, queue, book, locks, this.origins.get(name.toLowerCase()));
        }),
      );
      const count = `${done.written} account${done.written === 1 ? '' : 's'}`;
      const missing = done.notFound.length > 0 ? ` Not on the ${name} sheet as loaded: ${done.notFound.join(', ')}.` : '';
      return { ok: true, ...done, message: `Locked ${count} to their rep in Locked_Rep on "${name}"${done.columnAdded ? ' (column added)' : ''}. Load the sheets again and press Allocate.${missing}` };
    } catch (error) {
      const started = (queue as RequestQueue | null)?.syncs ?? 0;
      const what = describeWriteError(error, `Locked_Rep on the ${name} sheet`, name);
      return { ok: false, written: 0, columnAdded: false, notFound: [], message: started > 0 ? `${what} Some Locked_Rep cells may have been written; press the button again to finish.` : what };
    }
  }

  /** Runs an operation whose failure the user cannot see and need not hear about (a mark that exists elsewhere). */
  private async bookkeeping(queue: RequestQueue, apply: () => void): Promise<void> {
    try {
      await queue.add({ bytes: OP_OVERHEAD_BYTES, apply });
      await queue.flush();
    } catch {
      // Sheets keep their custom-property marks (ExcelApi 1.12); the next run writes the record again.
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
