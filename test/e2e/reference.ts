/** The engine run in Node on the same sample file the pane bundles: the numbers the pane must show. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSettings, evaluate, readBook, type Book, type Settings } from '../../src/engine/index.js';
import { readXlsxSheets } from '../../src/workbook/xlsx/read.js';

/** Same rule as webpack.config.js: TS_SAMPLE_XLSX, else assets/sample-territory.xlsx. */
export const SAMPLE_PATH = path.resolve(process.env.TS_SAMPLE_XLSX ?? 'assets/sample-territory.xlsx');

/** The sample's Book and default settings. */
export async function sampleBook(): Promise<{ book: Book; settings: Settings }> {
  const sheets = await readXlsxSheets(new Uint8Array(readFileSync(SAMPLE_PATH)));
  const byName = (n: string) => sheets.find((s) => s.name.toLowerCase() === n)!;
  const read = readBook(byName('reps'), byName('accounts'));
  if (!read.ok) throw new Error(`The sample workbook has errors: ${read.errors[0]?.message}`);
  return { book: read.book, settings: defaultSettings(read.book) };
}

/** Evaluation at the given settings. */
export function evaluateAt(book: Book, settings: Settings) {
  return evaluate(book, settings);
}
