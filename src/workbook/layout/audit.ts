/**
 * The Audit Log sheet: one row per allocation step (SPEC §4, §9). Its rows are built from the
 * engine's audit records where the allocation lives: in the pane's compute worker (fetched block
 * by block through `WorkbookOutput.auditLog`), or on this thread when no worker is involved.
 */
import { AuditReplay, auditStepCount, type AuditRecord, type RunOutput } from '../../engine/index.js';
import { FORMAT, lazyTable, numberOrNA, yesNo } from './cells.js';
import type { AuditLogRows, OutCell, SheetLayout } from './types.js';

const { general, currency, thousands, score, percentPoints } = FORMAT;

export const AUDIT_HEADERS = [
  'Step', 'Kind', 'Account_ID', 'Account_Name', 'Segment', 'ARR', 'From', 'Winner', 'Score', 'Runner-up',
  'Runner-up Score', 'Margin %', 'Geo Match', 'Preserved', 'Reason',
] as const;

/** Kind as the sheet says it: locks and greedy steps first, then refinement (SPEC §15). */
const KIND_LABEL: Readonly<Record<AuditRecord['kind'], string>> = { lock: 'Lock', greedy: 'Greedy', move: 'Move', swap: 'Swap' };

/** The record fields a row shows: nothing else of a record is relied on. */
type AuditRowFields = Pick<
  AuditRecord,
  | 'step' | 'kind' | 'accountId' | 'accountName' | 'segment' | 'arr' | 'from' | 'winner' | 'winnerScore' | 'runnerUp' | 'runnerUpScore'
  | 'marginPct' | 'geoMatch' | 'preserved' | 'reason' | 'partner'
>;

// A swap is one step: both accounts in one row, "A-17 ⇄ A-40" (the reason tells who went where).
function auditRow(r: AuditRowFields): OutCell[] {
  const p = r.partner;
  return [
    r.step, KIND_LABEL[r.kind], p ? `${r.accountId} ⇄ ${p.accountId}` : r.accountId, p ? `${r.accountName} ⇄ ${p.accountName}` : r.accountName,
    r.segment, r.arr, r.from ?? 'N/A', r.winner, numberOrNA(r.winnerScore),
    r.runnerUp ?? 'N/A', numberOrNA(r.runnerUpScore), numberOrNA(r.marginPct),
    yesNo(r.geoMatch), yesNo(r.preserved), r.reason,
  ];
}

/** Audit Log rows [from, to) (0-based: row 0 is step 1), from the engine's audit records (blocks in order cost O(block)). */
export function auditLogRows(replay: AuditReplay, from: number, to: number): OutCell[][] {
  return replay.records(from + 1, to + 1).map(auditRow);
}

/** The Audit Log's rows built on this thread from the run's allocation. */
export function localAuditLog(output: RunOutput): AuditLogRows {
  const replay = new AuditReplay(output.book, output.evaluation.allocation);
  return async (from, to) => auditLogRows(replay, from, to);
}

/** The Audit Log sheet: the table starts at A1 so its header is the frozen top row. */
export function auditLayout(output: RunOutput, auditLog: AuditLogRows): SheetLayout {
  const table = lazyTable(
    {
      name: 'TS_AuditLog',
      caption: null,
      row: 0,
      column: 0,
      headers: AUDIT_HEADERS,
      formats: [thousands, general, general, general, general, currency, general, general, score, general, score, percentPoints, general, general, general],
    },
    auditStepCount(output.evaluation.allocation),
    auditLog,
    'No account was assigned (no segment has reps)',
  );
  return {
    role: 'audit',
    baseName: 'Audit Log',
    texts: [],
    tables: [table],
    charts: [],
    freezeRows: 1,
    columnWidths: [50, 60, 90, 180, 80, 90, 120, 120, 80, 120, 90, 70, 70, 70, 600],
  };
}
