/**
 * The one seam between the pane and a workbook: the pane talks to a WorkbookPort; only the
 * Office.js adapter (office/) touches `Excel`. The in-memory implementation (memory/) serves
 * preview mode and tests.
 */
import type { RunOutput, SheetInput } from '../engine/index.js';
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

export interface WorkbookPort {
  /** 'excel' inside Office, 'memory' in preview mode and tests. */
  readonly kind: 'excel' | 'memory';
  /** Worksheet names in tab order. */
  listSheets(): Promise<string[]>;
  /** A sheet's used range as values, read in chunks that respect the host's request limits. */
  readSheet(name: string, onProgress?: (progress: ReadProgress) => void): Promise<SheetInput>;
  /** Writes Segment / Assigned_Rep and rebuilds the owned sheets, in as few requests as the limits allow. */
  writeResults(output: WorkbookOutput, onProgress?: (done: number, total: number) => void): Promise<WriteReport>;
}
