/**
 * The in-memory workbook: preview mode and tests use it where Excel is absent.
 * Sheets are plain 2-D arrays; owned output sheets are kept as laid-out data with their
 * tables and charts recorded, following the same layout and ownership rules as Excel.
 * The pane's stored state goes to a key-value storage (the browser's local storage in preview,
 * injected so tests can pass their own); what Assigned_Rep last got is kept in memory.
 */
import type { Book, SheetInput, StoredState } from '../../engine/index.js';
import { layoutWorkbook } from '../layout/index.js';
import { freeTableName, planOwnedSheets } from '../layout/owned.js';
import { failureReport, successReport } from '../layout/report.js';
import { findHandEditsIn, writeLockedRepsIn, type LastWritten } from './edits.js';
import { loadStoredState, saveStoredState, type StateStorage } from './state.js';
import type { MemorySheet } from './sheet.js';
import { ownedSheetDecor, ownedSheetRows, writeResultColumns } from './write.js';
import type { HandEditCheck, LockReport, ReadProgress, RepLock, SaveStateReport, StoredStateLoad, WorkbookOutput, WorkbookPort, WriteReport } from '../port.js';

export type { MemoryChart, MemoryTable, MemorySheetDecor } from './write.js';
export type { StateStorage } from './state.js';
export type { MemorySheet } from './sheet.js';
export { MEMORY_STATE_KEY } from './state.js';

export interface MemoryWorkbookOptions {
  /**
   * Where the pane's state is kept: the browser's local storage in preview mode (the default when the
   * page has one), any getItem/setItem store in tests, null for none (loadState finds nothing, saveState
   * reports that nothing was kept).
   */
  readonly storage?: StateStorage | null;
  /** The storage key; preview uses one per workbook it opens. Default `TerritorySlicer.paneState`. */
  readonly stateKey?: string;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'memory' as const;
  readonly sheets: MemorySheet[];
  private nextId = 1;
  private readonly storage: StateStorage | null;
  private readonly stateKey: string | undefined;
  /** What Assigned_Rep last got, by Account_ID (null: nothing written yet). */
  private lastWritten: LastWritten | null = null;

  constructor(sheets: readonly SheetInput[], options: MemoryWorkbookOptions = {}) {
    this.sheets = sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]), firstRow: s.firstRow, id: this.newId() }));
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
    this.stateKey = options.stateKey;
  }

  async listSheets(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): MemorySheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  async readSheet(name: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetInput> {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    onProgress?.({ rowsRead: sheet.rows.length, totalRows: sheet.rows.length });
    return { name: sheet.name, rows: sheet.rows, firstRow: sheet.firstRow };
  }

  /** Writes the result columns, then rebuilds each owned sheet; same rules and report as Excel. */
  async writeResults(output: WorkbookOutput, onProgress?: (done: number, total: number) => void): Promise<WriteReport> {
    const layout = layoutWorkbook(output);
    const accountsName = layout.results.sheet;
    const accounts = this.sheet(accountsName);
    const plans = planOwnedSheets(
      this.sheets.map((s) => ({ id: this.idOf(s), name: s.name, role: s.owner ?? null })),
      {},
      [accountsName, output.book.repsSheetName],
    );
    if (!accounts) {
      return failureReport(accountsName, plans, [], `The sheet "${accountsName}" is gone: pick the Accounts sheet again and press Allocate.`);
    }
    // Validate before writing anything, so a refusal leaves the workbook untouched.
    const locked = [accounts, ...plans.map((p) => this.sheets.find((s) => s.id === p.existingId))].find((s) => s?.protected);
    if (locked) {
      return failureReport(accountsName, plans, [], `The ${locked.name} sheet is protected. Unprotect the ${locked.name} sheet (Review → Unprotect Sheet) and press Allocate again.`);
    }
    const total = 1 + plans.length;
    writeResultColumns(accounts.rows, accounts.firstRow, layout.results);
    this.lastWritten = recordOf(output.book, output.evaluation.allocation.assigned);
    onProgress?.(1, total);

    const rebuilt = new Set(plans.flatMap((p) => (p.existingId ? [p.existingId] : [])));
    const takenTables = new Set(
      this.sheets.filter((s) => !rebuilt.has(this.idOf(s))).flatMap((s) => (s.decor?.tables ?? []).map((t) => t.name.toLowerCase())),
    );
    for (const [i, sheetLayout] of layout.sheets.entries()) {
      const plan = plans[i]!;
      const tableNames = new Map<string, string>();
      for (const t of sheetLayout.tables) {
        const name = freeTableName(t.name, takenTables);
        takenTables.add(name.toLowerCase());
        tableNames.set(t.name, name);
      }
      const content: MemorySheet = {
        name: plan.name,
        rows: await ownedSheetRows(sheetLayout),
        firstRow: 1,
        owner: plan.role,
        decor: ownedSheetDecor(sheetLayout, plan.name, tableNames),
      };
      const existing = plan.existingId ? this.sheets.find((s) => s.id === plan.existingId) : undefined;
      if (existing) Object.assign(existing, content);
      else this.sheets.push({ ...content, id: this.newId() });
      onProgress?.(2 + i, total);
    }
    return successReport(accountsName, output.book.accounts.count, plans);
  }

  async loadState(): Promise<StoredStateLoad> {
    return loadStoredState(this.storage, this.stateKey);
  }

  async saveState(state: StoredState): Promise<SaveStateReport> {
    return saveStoredState(this.storage, this.stateKey, state);
  }

  async findHandEdits(book: Book): Promise<HandEditCheck> {
    return findHandEditsIn(this.sheet(book.accountsSheet.name), book, this.lastWritten);
  }

  async writeLockedReps(book: Book, locks: readonly RepLock[]): Promise<LockReport> {
    return writeLockedRepsIn(this.sheet(book.accountsSheet.name), book, locks);
  }

  private idOf(sheet: MemorySheet): string {
    if (!sheet.id) sheet.id = this.newId();
    return sheet.id;
  }

  private newId(): string {
    return `sheet-${this.nextId++}`;
  }
}

/** Account_ID → the rep written (or '') for one allocation. */
function recordOf(book: Book, assigned: Int32Array): LastWritten {
  const map = new Map<string, string>();
  for (let k = 0; k < book.accounts.count; k++) {
    const r = assigned[k]!;
    map.set(book.accounts.id[k]!, r < 0 ? '' : book.reps[r]!.name);
  }
  return map;
}

/** The page's local storage, when there is one and it may be used (it throws in some sandboxes). */
function browserStorage(): StateStorage | null {
  try {
    const storage = (globalThis as { localStorage?: StateStorage }).localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}
