/**
 * Why some bytes are not an .xlsx workbook, in the user's words — instead of the zip library's
 * raw message (which names its own internals and a URL). Shared by the CLI and preview mode.
 */

/** Thrown by readXlsxSheets for a file that is not an .xlsx workbook; `reason` says what it is. */
export class NotXlsxError extends Error {
  constructor(readonly reason: string) {
    super(`not an .xlsx workbook (${reason})`);
    this.name = 'NotXlsxError';
  }
}

const ZIP = [0x50, 0x4b]; // "PK": every .xlsx is a zip archive
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Excel 97–2003 .xls (and other OLE files)

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Text has no NUL bytes and decodes as UTF-8 (a CSV or TXT file renamed to .xlsx, say). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  try {
    // stream: a character cut at the 4096-byte mark is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < bytes.length });
    return true;
  } catch {
    return false;
  }
}

/** The reason for a text file (the CLI adds how to pass CSV files). */
export const TEXT_FILE = 'it is a text file, not the zip archive every .xlsx is';

/** Null when the bytes may be an .xlsx (a zip archive); else why they are not. */
export function notXlsxReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (startsWith(bytes, ZIP)) return null;
  if (startsWith(bytes, OLE)) return 'it is an Excel 97–2003 .xls file or another older Office file: open it in Excel and save it as .xlsx';
  if (looksLikeText(bytes)) return TEXT_FILE;
  return 'it is not the zip archive every .xlsx is';
}

/** Why a zip archive that ExcelJS could not unpack (or that holds no worksheet) is not a workbook. */
export const DAMAGED_ZIP = 'the zip archive is damaged, or holds no Excel worksheet';

/** True for the zip library's own failures (JSZip: "Corrupted zip", "end of central directory", …). */
export function isZipFailure(error: unknown): boolean {
  return /zip|central directory|end of data/i.test(error instanceof Error ? error.message : String(error));
}
