/** Office errors → what the user reads in the pane: which sheet, what happened, what to do next. */

/** The `code` of an OfficeExtension.Error (or anything shaped like one), else null. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export const isPayloadLimit = (error: unknown): boolean => {
  const code = officeErrorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
};

/**
 * Syncs a block read of `rows` rows. False when Excel refused it for size, so the caller retries
 * with fewer rows; a refusal of a single row, or any other error, is thrown.
 */
export async function syncBlock(context: Excel.RequestContext, rows: number): Promise<boolean> {
  try {
    await context.sync();
    return true;
  } catch (error) {
    if (!isPayloadLimit(error) || rows === 1) throw error;
    return false;
  }
}

/** Excel refuses batches while the user edits a cell (without delayForCellEdit). */
export const isCellEdit = (error: unknown): boolean => {
  const code = officeErrorCode(error);
  if (code === 'InvalidOperationInCellEditMode') return true;
  return code === 'InvalidOperation' && /cell.?edit|editing/i.test(errorText(error));
};

/** A thrown error the adapter raises itself, already worded for the user. */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

export const protectedSheetMessage = (sheet: string): string =>
  `The ${sheet} sheet is protected. Unprotect the ${sheet} sheet (Review → Unprotect Sheet) and press Allocate again.`;

export const CELL_EDIT_MESSAGE =
  'Excel is busy: a cell is being edited. Press Enter or Esc to leave the cell, then press Allocate again.';

/** The pane's sentence for an error raised while writing `part` (a sheet name or "the result columns on X"). */
export function describeWriteError(error: unknown, part: string, sheet: string): string {
  if (error instanceof WorkbookError) return error.message;
  const code = officeErrorCode(error);
  if (isCellEdit(error)) return CELL_EDIT_MESSAGE;
  switch (code) {
    case 'AccessDenied':
      return `Excel refused to change ${part} (AccessDenied): the sheet or the workbook structure is protected. Unprotect the ${sheet} sheet (Review → Unprotect Sheet) or the workbook (Review → Protect Workbook) and press Allocate again.`;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return `Excel rejected a block of ${part} as larger than its 5 MB request limit, even after splitting it. Shorten very long texts (names, locations) and press Allocate again.`;
    case 'ItemNotFound':
    case 'InvalidReference':
      return `The ${sheet} sheet changed while Territory Slicer was writing ${part} (${code}). Press Allocate again.`;
    default:
      return `Excel could not write ${part}${code ? ` (${code}: ${errorText(error)})` : ` (${errorText(error)})`}. Press Allocate again; if it keeps failing, save and reopen the workbook.`;
  }
}

/** The pane's sentence for a failed read. */
export function describeReadError(error: unknown, sheet: string): string {
  if (error instanceof WorkbookError) return error.message;
  if (isCellEdit(error)) return 'Excel is busy: a cell is being edited. Press Enter or Esc to leave the cell, then load the sheets again.';
  const code = officeErrorCode(error);
  if (code === 'ItemNotFound') return `There is no sheet named "${sheet}" in this workbook.`;
  return `Excel could not read the ${sheet} sheet${code ? ` (${code}: ${errorText(error)})` : ` (${errorText(error)})`}. Try again; if it keeps failing, save and reopen the workbook.`;
}
