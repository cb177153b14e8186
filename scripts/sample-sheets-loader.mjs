/**
 * webpack loader for preview mode's sample workbook: reads the .xlsx at build time through the
 * pane's own reader (src/workbook/xlsx/read.ts, run by tsx) and emits its sheets as a module, so the
 * browser opens the sample without downloading and running ExcelJS (≈ 255 KB gzipped, which
 * the pane still loads on demand to open a file from disk or download an .xlsx).
 * The build fails if JSON would change any cell (e.g. -0), so the pane sees exactly what the
 * reader returns.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @this {import('webpack').LoaderContext<unknown>} */
export default function sampleSheetsLoader(source) {
  const callback = this.async();
  for (const file of ['src/workbook/xlsx/read.ts', 'src/workbook/xlsx/check.ts']) this.addDependency(path.join(root, file));
  tsImport(path.join(root, 'src/workbook/xlsx/read.ts'), import.meta.url)
    .then(({ readXlsxSheets }) => readXlsxSheets(new Uint8Array(source)))
    .then((sheets) => {
      const json = JSON.stringify(sheets);
      if (!isDeepStrictEqual(JSON.parse(json), sheets)) throw new Error(`${this.resourcePath}: a cell does not survive JSON (NaN, -0 or undefined)`);
      // JSON.parse of a string literal parses faster than the same object literal.
      callback(null, `export default JSON.parse(${JSON.stringify(json)});\n`);
    })
    .catch((error) => callback(error));
}

export const raw = true;
