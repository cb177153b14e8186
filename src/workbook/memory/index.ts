/**
 * The in-memory workbook: preview mode and tests use it where Excel is absent.
 * Sheets are plain 2-D arrays; owned output sheets are kept as laid-out data with their
 * tables and charts recorded, following the same layout and ownership rules as Excel.
 */
import type { Cell, SheetInput } from '../../engine/index.js';
import { layoutWorkbook } from '../layout/index.js';
import { freeTableName, planOwnedSheets } from '../layout/owned.js';
import { failureReport, successReport } from '../layout/report.js';
import type { OwnedRole } from '../layout/types.js';
import { ownedSheetDecor, ownedSheetRows, writeResultColumns, type MemorySheetDecor } from './write.js';
import type { ReadProgress, WorkbookOutput, WorkbookPort, WriteReport } from '../port.js';

export type { MemoryChart, MemoryTable, MemorySheetDecor } from './write.js';

export interface MemorySheet {
  name: string;
  rows: Cell[][];
  /** Excel row number of rows[0]. */
  firstRow: number;
  /** Stable id (like Excel's worksheet id): survives renames. */
  id?: string;
  /** Set on sheets the add-in created (like the TerritorySlicer.owner custom property). */
  owner?: OwnedRole;
  /** A protected sheet refuses writes, as in Excel. */
  protected?: boolean;
  /** Tables, charts and formats of an owned sheet. */
  decor?: MemorySheetDecor;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'memory' as const;
  readonly sheets: MemorySheet[];
  private nextId = 1;

  constructor(sheets: readonly SheetInput[]) {
    this.sheets = sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]), firstRow: s.firstRow, id: this.newId() }));
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

  private idOf(sheet: MemorySheet): string {
    if (!sheet.id) sheet.id = this.newId();
    return sheet.id;
  }

  private newId(): string {
    return `sheet-${this.nextId++}`;
  }
}
