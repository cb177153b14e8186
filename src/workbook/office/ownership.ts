/**
 * The workbook-level record of the sheets the add-in owns (the setting `TerritorySlicer.ownedSheets`),
 * kept durable before any content goes into a sheet, on every requirement set.
 *
 * Excel is not transactional: a batch that fails keeps what ran before the failure. A sheet created
 * by a failed run and marked as ours only at the end would look like a user's sheet to the retry,
 * which would then write "Fairness (2)" beside it. So a new sheet is *claimed* by name in the same
 * request that creates it (the claim runs first), and its id is recorded in the first operation of
 * the next request, before its content. A later run adopts a claimed sheet only while it is blank:
 * a half-created sheet of ours has nothing in it, and anything with content is never taken.
 *
 * The record is one JSON object: `{ "<role>": "<sheet id>", …, "pending": { "<role>": "<name>" } }`.
 * `parseOwnedRecord` (layout/owned.ts) reads the ids of the owned roles and ignores the rest; keys
 * this module does not know (another version's roles) are kept as they are.
 */
import { OWNED_RECORD_KEY } from './keys.js';

/** What the record holds, as read and as it will be written. */
export class OwnershipRecord {
  private readonly fields: Record<string, unknown>;
  /** The record as the workbook holds it (as last read or written), to skip writes that change nothing. */
  private saved: string | null;

  private constructor(fields: Record<string, unknown>, stored: boolean) {
    this.fields = fields;
    this.saved = stored ? this.text() : null;
  }

  /** True when the record differs from what the workbook holds. */
  get dirty(): boolean {
    return this.saved !== this.text();
  }

  /** Parses the setting's value; anything that is not a JSON object starts an empty record. */
  static parse(value: unknown): OwnershipRecord {
    if (typeof value !== 'string') return new OwnershipRecord({}, false);
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return new OwnershipRecord({ ...(parsed as Record<string, unknown>) }, true);
    } catch {
      // An unreadable record is an empty one: sheets carry their own marks from ExcelApi 1.12.
    }
    return new OwnershipRecord({}, false);
  }

  /** The sheet id recorded for `role`, if any. */
  id(role: string): string | undefined {
    const id = this.fields[role];
    return typeof id === 'string' && id !== '' ? id : undefined;
  }

  /** Names claimed for sheets being created, by role. */
  pending(): Record<string, string> {
    const pending = this.fields.pending;
    if (typeof pending !== 'object' || pending === null) return {};
    return Object.fromEntries(Object.entries(pending as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  /** Claims `name` for `role` before the sheet is created. */
  claim(role: string, name: string): void {
    this.fields.pending = { ...this.pending(), [role]: name };
  }

  /** Records the sheet of `role` by id (and drops its claim). */
  record(role: string, id: string): void {
    this.fields[role] = id;
    this.dropClaim(role);
  }

  dropClaim(role: string): void {
    const pending = this.pending();
    if (!(role in pending)) return;
    delete pending[role];
    if (Object.keys(pending).length === 0) delete this.fields.pending;
    else this.fields.pending = pending;
  }

  /** The setting's value. */
  text(): string {
    return JSON.stringify(this.fields);
  }

  /** Queues the write of the record (ExcelApi 1.4). */
  write(context: Excel.RequestContext): void {
    const text = this.text();
    context.workbook.settings.add(OWNED_RECORD_KEY, text);
    this.saved = text;
  }
}

/** A sheet that a claim may name: adopted only when it is blank (no cells, tables or charts). */
export interface ClaimCandidate {
  readonly id: string;
  readonly name: string;
  readonly blank: boolean;
}

/**
 * Claims a failed run left: the role's sheet is the blank sheet of the claimed name, if there is one
 * and no sheet is recorded for the role. Returns the ids adopted, by role.
 */
export function adoptClaims(record: OwnershipRecord, candidates: readonly ClaimCandidate[], liveIds: ReadonlySet<string>): Record<string, string> {
  const adopted: Record<string, string> = {};
  for (const [role, name] of Object.entries(record.pending())) {
    const recorded = record.id(role);
    if (recorded && liveIds.has(recorded)) {
      record.dropClaim(role);
      continue;
    }
    const sheet = candidates.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (sheet?.blank) {
      record.record(role, sheet.id);
      adopted[role] = sheet.id;
    }
  }
  return adopted;
}
