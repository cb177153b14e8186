/**
 * `--audit` lists every candidate rep of every step: accounts × reps rows. Past what the heap can
 * hold, V8 aborts with a native stack trace after minutes (1,048,575 accounts × 200 reps: 111 s,
 * then SIGABRT). Refuse such runs up front with a message instead (docs/RELIABILITY.md, R5).
 */
import { getHeapStatistics } from 'node:v8';
import type { Evaluation } from '../engine/index.js';

// Measured on generated books with 200 reps: 55,000 accounts = 6.34 M candidate rows peaked at 3.57 GB RSS
// (563 B a row, baseline included); 30,000 accounts = 3.45 M rows at 2.2 GB.
export const BYTES_PER_CANDIDATE_ROW = 560;
const HEAP_SHARE = 0.8;

/** Candidate rows an audit of this run holds: Σ over segments with reps of accounts × reps. */
export function auditCandidateRows(evaluation: Evaluation): number {
  return evaluation.segments.reduce((n, s) => n + (s.reps.length === 0 ? 0 : s.accounts * s.reps.length), 0);
}

/** Null when the audit fits in this process's heap; otherwise what to tell the user. */
export function auditTooBig(evaluation: Evaluation, heapLimit = getHeapStatistics().heap_size_limit): string | null {
  const rows = auditCandidateRows(evaluation);
  const bytes = rows * BYTES_PER_CANDIDATE_ROW;
  if (bytes <= heapLimit * HEAP_SHARE) return null;
  const gb = (b: number) => (b / 2 ** 30).toFixed(1);
  return `--audit would list ${(rows / 1e6).toFixed(1)} million candidate rows (about ${gb(bytes)} GB of memory), more than ${HEAP_SHARE * 100} % of this process's ${gb(heapLimit)} GB heap: leave out --audit, run it on a smaller book, or raise the limit with NODE_OPTIONS=--max-old-space-size=<MB>.`;
}
