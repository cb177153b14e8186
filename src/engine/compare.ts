/** Before / after comparison (SPEC §8): per-driver change and the account movement list. */
import { accountMoved, type Evaluation } from './evaluate.js';
import type { DriverSet } from './metrics.js';
import { DRIVERS, SEGMENTS, type Book, type DriverName, type SegmentName } from './types.js';

export interface AccountMove {
  readonly accountIndex: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly arr: number;
  readonly segment: SegmentName;
  /** Original rep as written; '' = unassigned. */
  readonly from: string;
  /** Assigned rep; '' = unassigned. */
  readonly to: string;
}

export interface DriverChange {
  readonly driver: DriverName;
  readonly cvBefore: number | null;
  readonly cvAfter: number | null;
  readonly scoreBefore: number | null;
  readonly scoreAfter: number | null;
  /** Score after − before; null when either is N/A. */
  readonly scoreChange: number | null;
}

/** Per driver: CV% and score before vs after for one segment. */
export function driverChanges(before: DriverSet | null, after: DriverSet | null): DriverChange[] {
  return DRIVERS.map((driver) => {
    const b = before?.[driver] ?? null;
    const a = after?.[driver] ?? null;
    return {
      driver,
      cvBefore: b ? b.cv : null,
      cvAfter: a ? a.cv : null,
      scoreBefore: b ? b.score : null,
      scoreAfter: a ? a.score : null,
      scoreChange: a && b ? a.score - b.score : null,
    };
  });
}

/** Every account whose Assigned_Rep differs from its Original_Rep, in Accounts row order. */
export function accountMoves(book: Book, evaluation: Evaluation): AccountMove[] {
  const { allocation } = evaluation;
  const acc = book.accounts;
  const out: AccountMove[] = [];
  for (let a = 0; a < acc.count; a++) {
    if (!accountMoved(book, allocation, a)) continue;
    const r = allocation.assigned[a]!;
    out.push({
      accountIndex: a,
      accountId: acc.id[a]!,
      accountName: acc.name[a]!,
      arr: acc.arr[a]!,
      segment: SEGMENTS[allocation.segment[a]!]!,
      from: acc.originalRep[a]!,
      to: r < 0 ? '' : book.reps[r]!.name,
    });
  }
  return out;
}

export interface MovementTotals {
  readonly accountsMoved: number;
  readonly accountsMovedPct: number;
  readonly arrMoved: number;
  readonly arrMovedPct: number;
  /** Accounts whose assigned rep is their original rep. */
  readonly accountsKept: number;
}

export function movementTotals(book: Book, evaluation: Evaluation): MovementTotals {
  const { allocation, moved } = evaluation;
  const acc = book.accounts;
  let totalArr = 0, kept = 0;
  for (let a = 0; a < acc.count; a++) {
    totalArr += acc.arr[a]!;
    const r = allocation.assigned[a]!;
    if (r >= 0 && acc.originalRepIndex[a] === r) kept++;
  }
  return {
    accountsMoved: moved.accounts,
    accountsMovedPct: acc.count === 0 ? 0 : (100 * moved.accounts) / acc.count,
    arrMoved: moved.arr,
    arrMovedPct: totalArr === 0 ? 0 : (100 * moved.arr) / totalArr,
    accountsKept: kept,
  };
}
