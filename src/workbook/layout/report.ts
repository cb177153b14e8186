/** WriteReport wording shared by every WorkbookPort: what was written, what was not, what to do. */
import type { WriteReport } from '../port.js';
import { OWNED_SHEET_NAMES, type OwnedRole } from './types.js';
import type { OwnedSheetPlan } from './owned.js';

/** The report part for the two result columns. */
export function resultsPart(accountsSheet: string): string {
  return `${accountsSheet}: Segment, Assigned_Rep`;
}

/** Every part of a write, in write order. */
export function allParts(accountsSheet: string, plans: readonly OwnedSheetPlan[]): string[] {
  return [resultsPart(accountsSheet), ...plans.map((p) => p.name)];
}

function sheetNames(plans: readonly OwnedSheetPlan[]): Record<OwnedRole, string> {
  const names = { ...OWNED_SHEET_NAMES };
  for (const p of plans) names[p.role] = p.name;
  return names;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Everything written. */
export function successReport(accountsSheet: string, accounts: number, plans: readonly OwnedSheetPlan[]): WriteReport {
  const displaced = plans.filter((p) => p.existingId === null && p.name !== OWNED_SHEET_NAMES[p.role]);
  const note = displaced
    .map((p) => ` A sheet named "${OWNED_SHEET_NAMES[p.role]}" that Territory Slicer did not create was left alone; the output went to "${p.name}".`)
    .join('');
  return {
    ok: true,
    written: allParts(accountsSheet, plans),
    notWritten: [],
    message: `Wrote Segment and Assigned_Rep for ${accounts.toLocaleString('en-US')} accounts on "${accountsSheet}" and rebuilt ${listText(plans.map((p) => p.name))}.${note}`,
    sheets: sheetNames(plans),
  };
}

/**
 * A failure: `written` holds the parts completed before it, `partly` the part it stopped in
 * (if some of it was already written); the rest are listed as not written.
 */
export function failureReport(
  accountsSheet: string,
  plans: readonly OwnedSheetPlan[] | null,
  written: readonly string[],
  message: string,
  partly: string | null = null,
): WriteReport {
  const parts = plans ? allParts(accountsSheet, plans) : [resultsPart(accountsSheet), ...Object.values(OWNED_SHEET_NAMES)];
  const done = new Set(written);
  const notWritten = parts.filter((p) => !done.has(p));
  const pieces: string[] = [];
  if (written.length > 0) pieces.push(`Written: ${listText([...written])}.`);
  if (partly !== null) pieces.push(`Partly written: ${partly}.`);
  const untouched = notWritten.filter((p) => p !== partly);
  if (untouched.length > 0) pieces.push(`${written.length === 0 && partly === null ? 'Nothing was written' : 'Not written'}: ${listText(untouched)}.`);
  return {
    ok: false,
    written: [...written],
    notWritten,
    message: `${message} ${pieces.join(' ')}`,
    sheets: plans ? sheetNames(plans) : null,
  };
}
