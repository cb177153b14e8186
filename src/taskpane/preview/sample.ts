/**
 * Preview mode's workbooks: the bundled sample (inlined as a data URL, decoded here — no
 * request), a synthetic book (`?sample=10k`), or an .xlsx the user opens from disk.
 */
import type { SheetInput } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import sampleUrl from 'sample-workbook.xlsx';
import { syntheticSheets, syntheticSize } from './synthetic.js';

/** The bytes of a base64 data URL, without fetch (CSP connect-src has no data:). */
export function dataUrlBytes(url: string): ArrayBuffer {
  const base64 = url.slice(url.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export interface PreviewBook {
  readonly label: string;
  readonly sheets: SheetInput[];
}

/** The book preview mode opens first: `?sample=N` → synthetic, else the bundled sample. */
export async function previewBook(client: ComputeClient, search: string): Promise<PreviewBook> {
  const size = syntheticSize(search);
  if (size !== null) {
    const reps = Math.max(6, Math.min(200, Math.round(size / 167)));
    const { reps: repsSheet, accounts } = syntheticSheets({ accounts: size, reps });
    return { label: `synthetic ${size.toLocaleString('en-US')}-account sample`, sheets: [repsSheet, accounts] };
  }
  return { label: 'sample workbook', sheets: await client.parseXlsx(dataUrlBytes(sampleUrl)) };
}
