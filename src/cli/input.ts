/** Loads the CLI's input: an .xlsx workbook (two sheets by name) or two CSV files. */
import { readFile } from 'node:fs/promises';
import { parseCsv, type SheetInput } from '../engine/index.js';
import { NotXlsxError, TEXT_FILE } from '../workbook/xlsx/check.js';
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

async function readWorkbook(path: string): Promise<SheetInput[]> {
  const bytes = await readBytes(path);
  // ExcelJS takes ≈ 0.2 s to load: only runs that read a workbook pay for it (not --help, not CSV).
  const { readXlsxSheets } = await import('../workbook/xlsx/read.js');
  try {
    return await readXlsxSheets(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    if (e instanceof NotXlsxError) {
      const hint = e.reason === TEXT_FILE ? '. CSV files go in with --reps and --accounts' : '';
      throw new InputFileError(`${path} is not an .xlsx workbook (${e.reason})${hint}`);
    }
    throw new InputFileError(`${path} is not a readable .xlsx workbook (${(e as Error).message})`);
  }
}

async function readCsvFile(path: string, role: 'Reps' | 'Accounts'): Promise<SheetInput> {
  const bytes = await readBytes(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputFileError(`${path} is a zip archive (an .xlsx workbook?), not a CSV file: read a workbook with --workbook`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // The role names the rows in errors and the JSON (`sheet`: Reps / Accounts); the CLI's own
  // messages name the file (see csvWording in main.ts).
  return { name: role, rows: parseCsv(text), firstRow: 1 };
}

/** The Reps and Accounts sheets as plain 2-D arrays. */
export async function loadSheets(args: ReportArgs): Promise<{ reps: SheetInput; accounts: SheetInput }> {
  if (args.workbook !== undefined) {
    const sheets = await readWorkbook(args.workbook);
    return { reps: findSheet(sheets, args.repsSheet ?? 'Reps', args.workbook), accounts: findSheet(sheets, args.accountsSheet ?? 'Accounts', args.workbook) };
  }
  return { reps: await readCsvFile(args.reps!, 'Reps'), accounts: await readCsvFile(args.accounts!, 'Accounts') };
}
