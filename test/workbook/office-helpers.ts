/** Drives the Office adapter against the in-memory Excel fake. */
import type { Cell, Settings, SheetInput, RunOutput } from '../../src/engine/index.js';
import { createOfficeWorkbook, type OfficeWorkbookOptions } from '../../src/workbook/office/index.js';
import type { WorkbookPort } from '../../src/workbook/port.js';
import { createFakeExcel, type CellValue, type FakeExcel, type FakeExcelOptions } from '../fakes/excel-fake.js';
import { runOutput } from './fixtures.js';

export const OWNED = ['Fairness', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios'];
/** The very hidden sheet with what Assigned_Rep last got (src/workbook/office/last-written.ts). */
export const RECORD_SHEET = 'TS_LastWritten';
/** Every sheet of a Reps + Accounts book after a write, hidden record included, in tab order. */
export const WRITTEN_SHEETS = ['Reps', 'Accounts', RECORD_SHEET, ...OWNED];

export interface FakeSheet {
  name: string;
  rows: readonly (readonly Cell[])[];
  protected?: boolean;
}

export interface Harness {
  fake: FakeExcel;
  port: WorkbookPort;
}

const asFakeValues = (rows: readonly (readonly Cell[])[]): (CellValue | null)[][] =>
  rows.map((r) => r.map((c) => (c === undefined ? null : c)));

/** A fake Excel holding the sheets, and the adapter wired to it (no waiting between retries). */
export function harness(sheets: readonly FakeSheet[], fakeOptions: FakeExcelOptions = {}, portOptions: Partial<OfficeWorkbookOptions> = {}): Harness {
  const fake = createFakeExcel({ sheets: sheets.map((s) => ({ name: s.name, values: asFakeValues(s.rows), protected: s.protected ?? false })) }, fakeOptions);
  return { fake, port: portFor(fake, portOptions) };
}

/** The adapter wired to a fake (its run, requirement sets and document settings), no waiting between retries. */
export function portFor(fake: FakeExcel, portOptions: Partial<OfficeWorkbookOptions> = {}): WorkbookPort {
  return createOfficeWorkbook({ run: fake.run, isSetSupported: fake.isSetSupported, documentSettings: fake.documentSettings, sleep: async () => {}, ...portOptions });
}

export const fakeSheetsOf = (...inputs: SheetInput[]): FakeSheet[] => inputs.map((s) => ({ name: s.name, rows: s.rows }));

/** Reads Reps and Accounts through the port (as the pane does) and evaluates. */
export async function readAndRun(port: WorkbookPort, overrides: Partial<Settings> = {}, withSensitivity = true): Promise<RunOutput> {
  const reps = await port.readSheet('Reps');
  const accounts = await port.readSheet('Accounts');
  return runOutput(reps, accounts, overrides, withSensitivity);
}

/** A sheet's values from A1 with trailing empty cells and rows dropped, "" → null. */
export function trimmed(values: readonly (readonly unknown[])[]): unknown[][] {
  const rows = values.map((r) => {
    const copy = r.map((c) => (c === '' || c === undefined ? null : c));
    while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

/** Every non-empty cell outside the given 0-based columns, as "A1-ish" strings. */
export function cellsOutside(values: readonly (readonly unknown[])[], skip: readonly number[]): string[] {
  const out: string[] = [];
  values.forEach((row, r) => row.forEach((v, c) => {
    if (!skip.includes(c) && v !== '' && v !== null && v !== undefined) out.push(`${r}:${c}=${JSON.stringify(v)}`);
  }));
  return out;
}
