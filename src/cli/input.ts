/** Loads the CLI's input: an .xlsx workbook (two sheets by name) or two CSV files. */
import { readFile } from 'node:fs/promises';
import { parseCsv, type SheetInput } from '../engine/index.js';
import type { ReportArgs } from './args.js';

/** Thrown for problems with the files themselves (exit code 1, not input errors). */
export class InputFileError extends Error {}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `cannot find the file ${path}` : `cannot read ${path} (${code ?? (e as Error).message})`);
  }
}

function findSheet(sheets: readonly SheetInput[], name: string, path: string): SheetInput {
  const key = name.trim().toLowerCase();
  const sheet = sheets.find((s) => s.name.trim().toLowerCase() === key);
  if (!sheet) {
    throw new InputFileError(`${path} has no sheet named "${name}" (sheets: ${sheets.map((s) => s.name).join(', ')}); name it with --reps-sheet / --accounts-sheet`);
  }
  return sheet;
}

/** The Reps and Accounts sheets as plain 2-D arrays. */
export async function loadSheets(args: ReportArgs): Promise<{ reps: SheetInput; accounts: SheetInput }> {
  if (args.workbook !== undefined) {
    const bytes = await readBytes(args.workbook);
    // ExcelJS takes ≈ 0.2 s to load: only runs that read a workbook pay for it (not CSV runs).
    const { readXlsxSheets } = await import('../workbook/xlsx.js');
    let sheets: SheetInput[];
    try {
      sheets = await readXlsxSheets(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw new InputFileError(`${args.workbook} is not a readable .xlsx workbook (${(e as Error).message})`);
    }
    return { reps: findSheet(sheets, args.repsSheet, args.workbook), accounts: findSheet(sheets, args.accountsSheet, args.workbook) };
  }
  const csvSheet = async (path: string, name: string): Promise<SheetInput> => {
    const bytes = await readBytes(path);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    return { name, rows: parseCsv(text), firstRow: 1 };
  };
  return { reps: await csvSheet(args.reps!, 'Reps'), accounts: await csvSheet(args.accounts!, 'Accounts') };
}
