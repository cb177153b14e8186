/**
 * The in-memory workbook: preview mode, the CLI and tests use it where Excel is absent.
 * Sheets are plain 2-D arrays; owned output sheets are kept as laid-out data.
 */
import type { Cell, SheetInput } from '../engine/index.js';
import type { ReadProgress, RunOutput, WorkbookPort, WriteReport } from './port.js';

export interface MemorySheet {
  name: string;
  rows: Cell[][];
  /** Excel row number of rows[0]. */
  firstRow: number;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'memory' as const;
  readonly sheets: MemorySheet[];

  constructor(sheets: readonly SheetInput[]) {
    this.sheets = sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]), firstRow: s.firstRow }));
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

  async writeResults(_output: RunOutput): Promise<WriteReport> {
    // Replaced by the laid-out write of the Excel integration work (src/workbook/layout.ts).
    return { ok: false, written: [], notWritten: ['everything'], message: 'Writing results into the in-memory workbook is not implemented yet.', sheets: null };
  }
}
