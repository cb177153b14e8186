/**
 * The one seam between the pane and a workbook: the pane talks to a WorkbookPort; only the
 * Office.js adapter (office/) touches `Excel`. The in-memory implementation (memory/) serves
 * preview mode and tests.
 */
import type { Book, RunOutput, SheetInput, StoredState } from '../engine/index.js';
import type { AuditLogRows, OwnedRole } from './layout/types.js';

/** What a port writes for one Allocate press: the run, and where its Audit Log rows come from. */
export interface WorkbookOutput extends RunOutput {
  /** The Audit Log's rows (the pane's come from its compute worker); absent, built on this thread. */
  readonly auditLog?: AuditLogRows;
}

/** What a write did: on failure, exactly what was and was not written. */
export interface WriteReport {
  readonly ok: boolean;
  /** Human-readable parts that were fully written ("Accounts: Segment, Assigned_Rep", "Fairness"). */
  readonly written: readonly string[];
  /** Parts not written (or only partly), in the order they would have been. */
  readonly notWritten: readonly string[];
  /** One sentence for the pane: success, or what went wrong and what to do next. */
  readonly message: string;
  /** Names of the owned sheets as they ended up (e.g. "Fairness (2)" when a user sheet holds the name). */
  readonly sheets: Readonly<Record<OwnedRole, string>> | null;
}

export interface ReadProgress {
  readonly rowsRead: number;
  readonly totalRows: number;
}

/** The pane's stored state as found in the workbook (or, in preview, the browser). */
export interface StoredStateLoad {
  /** The state, or null when none is stored or it cannot be read. */
  readonly state: StoredState | null;
  /** Why a stored value was not used (unreadable, another version's), for the pane to say; null otherwise. */
  readonly problem: string | null;
}

/** What saving the pane's state did. A failure here never undoes a write of the sheets. */
export interface SaveStateReport {
  readonly ok: boolean;
  /** One sentence for the pane on failure (what happened, what to do); '' on success. */
  readonly message: string;
}

/** One Assigned_Rep cell a person changed since the add-in last wrote it (SPEC §16). */
export interface HandEdit {
  readonly accountId: string;
  /** Excel row number of the account on the Accounts sheet. */
  readonly row: number;
  /** What the add-in wrote there last ('' = left blank: the account was unassigned). */
  readonly written: string;
  /** What the cell says now (trimmed; '' = blank). */
  readonly now: string;
}

/** The comparison of Assigned_Rep with what the add-in last wrote. */
export type HandEditCheck =
  | { readonly known: true; readonly edits: readonly HandEdit[]; /** Accounts compared (in the record and on the sheet). */ readonly compared: number }
  | {
      readonly known: false;
      readonly edits: readonly [];
      /**
       * 'never': nothing written by the add-in yet (or its record is gone); 'interrupted': the last write
       * stopped before its record was complete; 'no-column': the sheet has no Assigned_Rep column.
       */
      readonly reason: 'never' | 'interrupted' | 'no-column';
    };

/** An account to pin to a rep through its Locked_Rep cell. */
export interface RepLock {
  readonly accountId: string;
  readonly rep: string;
}

/** What writing Locked_Rep did. */
export interface LockReport {
  readonly ok: boolean;
  /** Locked_Rep cells written. */
  readonly written: number;
  /** True when the Locked_Rep column was added by this write. */
  readonly columnAdded: boolean;
  /** Account IDs asked for that are not on the Accounts sheet as loaded (nothing written for them). */
  readonly notFound: readonly string[];
  /** One sentence for the pane: success, or what went wrong and what to do next. */
  readonly message: string;
}

export interface WorkbookPort {
  /** 'excel' inside Office, 'memory' in preview mode and tests. */
  readonly kind: 'excel' | 'memory';
  /** Worksheet names in tab order. */
  listSheets(): Promise<string[]>;
  /** A sheet's used range as values, read in chunks that respect the host's request limits. */
  readSheet(name: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetInput>;
  /**
   * Writes Segment / Assigned_Rep and rebuilds the owned sheets, in as few requests as the limits allow;
   * keeps the record of the Assigned_Rep values written, for `findHandEdits`.
   */
  writeResults(output: WorkbookOutput, onProgress?: (done: number, total: number) => void): Promise<WriteReport>;
  /**
   * The pane's stored state (SPEC §16): Office keeps it in the document's settings (key
   * `TerritorySlicer.paneState`), preview mode in local storage. Never throws.
   */
  loadState(): Promise<StoredStateLoad>;
  /**
   * Stores the pane's state (validated against `storedStateSchema` first). In Office, the document's
   * settings are one store with the add-in's sheet-ownership record: that record is carried over
   * unchanged. Never throws; a failure is reported and nothing else is undone.
   */
  saveState(state: StoredState): Promise<SaveStateReport>;
  /**
   * Before writing: which Assigned_Rep cells of the Accounts sheet (of `book`, as loaded) a person
   * changed since the add-in last wrote them, by Account_ID (rows may have been sorted since). Case and
   * surrounding spaces are ignored, as rep names are matched. Throws a WorkbookError (already worded)
   * when the sheet cannot be read.
   */
  findHandEdits(book: Book): Promise<HandEditCheck>;
  /**
   * Writes each account's Locked_Rep cell (text as text, guarded like all user text), adding the column
   * after the last used column — or as a table column when the data is an Excel table — when the sheet
   * has none. Accounts are found by ID on the rows of `book`; nothing else changes. Load the sheets
   * again afterwards: the locks apply to the next allocation.
   */
  writeLockedReps(book: Book, locks: readonly RepLock[]): Promise<LockReport>;
}
