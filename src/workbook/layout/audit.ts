/** The Audit Log sheet: one row per allocation step (SPEC §4, §9), produced block by block. */
import { auditRecords, auditStepCount, type AuditRecord, type RunOutput } from '../../engine/index.js';
import { FORMAT, lazyTable, numberOrNA, yesNo } from './cells.js';
import type { OutCell, SheetLayout } from './types.js';

const { general, currency, thousands, score, percentPoints } = FORMAT;

export const AUDIT_HEADERS = [
  'Step', 'Account_ID', 'Account_Name', 'Segment', 'ARR', 'Winner', 'Score', 'Runner-up',
  'Runner-up Score', 'Margin %', 'Geo Match', 'Preserved', 'Reason',
] as const;

function auditRow(r: AuditRecord): OutCell[] {
  return [
    r.step, r.accountId, r.accountName, r.segment, r.arr, r.winner, numberOrNA(r.winnerScore),
    r.runnerUp ?? 'N/A', numberOrNA(r.runnerUpScore), numberOrNA(r.marginPct),
    yesNo(r.geoMatch), yesNo(r.preserved), r.reason,
  ];
}

/** The Audit Log sheet: the table starts at A1 so its header is the frozen top row. */
export function auditLayout(output: RunOutput): SheetLayout {
  const { book, evaluation } = output;
  const steps = auditStepCount(evaluation.allocation);
  const table = lazyTable(
    {
      name: 'TS_AuditLog',
      caption: null,
      row: 0,
      column: 0,
      headers: AUDIT_HEADERS,
      formats: [thousands, general, general, general, currency, general, score, general, score, percentPoints, general, general, general],
    },
    steps,
    // Steps are 1-based; a block replays earlier steps as cheap load updates (audit.ts).
    (from, to) => auditRecords(book, evaluation.allocation, from + 1, to + 1).map(auditRow),
    'No account was assigned (no segment has reps)',
  );
  return {
    role: 'audit',
    baseName: 'Audit Log',
    texts: [],
    tables: [table],
    charts: [],
    freezeRows: 1,
    columnWidths: [50, 90, 180, 80, 90, 120, 80, 120, 90, 70, 70, 70, 600],
  };
}
