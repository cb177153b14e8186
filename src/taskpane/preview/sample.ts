/**
 * Preview mode's workbooks: the bundled sample, a synthetic book (`?sample=10k`), or an .xlsx the
 * user opens from disk. The sample's sheets were read from assets/sample-territory.xlsx at build
 * time (scripts/sample-sheets-loader.mjs, the same reader) into a chunk of their own: preview mode
 * opens it with no request for the .xlsx and without ExcelJS, and the pane in Office never loads it.
 */
import type { SheetInput } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import { syntheticSheets, syntheticSize } from './synthetic.js';

export interface PreviewBook {
  readonly label: string;
  readonly sheets: SheetInput[];
}

/** The book preview mode opens first: `?sample=N` → synthetic, else the bundled sample. */
export async function previewBook(_client: ComputeClient, search: string): Promise<PreviewBook> {
  const size = syntheticSize(search);
  if (size !== null) {
    const reps = Math.max(6, Math.min(200, Math.round(size / 167)));
    const { reps: repsSheet, accounts } = syntheticSheets({ accounts: size, reps });
    return { label: `synthetic ${size.toLocaleString('en-US')}-account sample`, sheets: [repsSheet, accounts] };
  }
  const { default: sheets } = await import(/* webpackChunkName: "sample" */ 'sample-workbook.xlsx');
  // A copy per opening, as a fresh read of the file would give: the pane may write into its sheets.
  return { label: 'sample workbook', sheets: structuredClone(sheets) };
}
