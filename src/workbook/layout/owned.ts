/**
 * Which sheets the add-in may rebuild (SPEC §9 ownership), shared by every WorkbookPort:
 * only sheets marked as ours (by id, so a renamed one is still ours) are ever cleared; a
 * user's sheet that holds one of our names is never touched and output goes to "Name (2)".
 */
import { OWNED_ROLES, OWNED_SHEET_NAMES, type OwnedRole } from './types.js';

/** What a port knows about one worksheet. */
export interface SheetInfo {
  readonly id: string;
  readonly name: string;
  /** The role recorded on the sheet itself (custom property / memory flag), or null. */
  readonly role: OwnedRole | null;
}

/** One owned sheet to write: rebuild `existingId` in place, or create a sheet called `name`. */
export interface OwnedSheetPlan {
  readonly role: OwnedRole;
  readonly existingId: string | null;
  /** The existing sheet's current name (kept even when the user renamed it), or the new name. */
  readonly name: string;
}

/**
 * Picks, per role, the sheet to rebuild or the name for a new one. `recorded` is the
 * workbook-level record of owned sheet ids (fallback when sheets cannot carry a mark);
 * `exclude` names sheets never to rebuild (the Reps and Accounts sheets being read).
 */
export function planOwnedSheets(
  sheets: readonly SheetInfo[],
  recorded: Readonly<Partial<Record<OwnedRole, string>>>,
  exclude: readonly string[] = [],
): OwnedSheetPlan[] {
  const excluded = new Set(exclude.map((n) => n.toLowerCase()));
  const usable = sheets.filter((s) => !excluded.has(s.name.toLowerCase()));
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  const claimed = new Set<string>();
  return OWNED_ROLES.map((role) => {
    const recordedId = recorded[role];
    // The workbook record wins (it disambiguates a copied sheet that carries our mark too),
    // as long as the sheet it names is not marked with another role.
    const byRecord = usable.find((s) => s.id === recordedId && (s.role === null || s.role === role) && !claimed.has(s.id));
    const byMark = usable.find((s) => s.role === role && !claimed.has(s.id));
    const existing = byRecord ?? byMark;
    if (existing) {
      claimed.add(existing.id);
      return { role, existingId: existing.id, name: existing.name };
    }
    const name = freeSheetName(OWNED_SHEET_NAMES[role], taken);
    taken.add(name.toLowerCase());
    return { role, existingId: null, name };
  });
}

/** `base`, else "base (2)", "base (3)", ... : the first name no sheet uses (ignoring case). */
export function freeSheetName(base: string, takenLowerCase: ReadonlySet<string>): string {
  if (!takenLowerCase.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!takenLowerCase.has(name.toLowerCase())) return name;
  }
}

/** `base`, else `base_2`, `base_3`, ... : a table name no other table uses (ignoring case). */
export function freeTableName(base: string, takenLowerCase: ReadonlySet<string>): string {
  if (!takenLowerCase.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base}_${n}`;
    if (!takenLowerCase.has(name.toLowerCase())) return name;
  }
}

/** Parses the workbook-level record ({"fairness": "<sheet id>", ...}); junk yields {}. */
export function parseOwnedRecord(text: unknown): Partial<Record<OwnedRole, string>> {
  if (typeof text !== 'string') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const out: Partial<Record<OwnedRole, string>> = {};
  for (const role of OWNED_ROLES) {
    const id = (parsed as Record<string, unknown>)[role];
    if (typeof id === 'string' && id !== '') out[role] = id;
  }
  return out;
}

/** Is this string one of our roles? (Custom property values come back as plain strings.) */
export function asOwnedRole(value: unknown): OwnedRole | null {
  return typeof value === 'string' && (OWNED_ROLES as readonly string[]).includes(value) ? (value as OwnedRole) : null;
}
