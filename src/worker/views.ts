/** Turns an engine Evaluation into the small, render-ready views the pane receives. */
import {
  // The same "moved" rule as the movement totals (trimmed, case-insensitive, blank = unassigned).
  accountMoved,
  auditStepCount,
  band,
  driverChanges,
  movementTotals,
  SEGMENTS,
  shownScore,
  thresholdGuards,
  type Book,
  type DriverSet,
  type Evaluation,
  type KeyedSettings,
  type SegmentResult,
} from '../engine/index.js';
import type { AssignmentRow, DriverViews, PaneView, RepRow, SegmentView } from './protocol.js';

/** Driver stats as card values: the shown integer and its band ride along. */
export function driverViews(set: DriverSet | null): DriverViews | null {
  if (!set) return null;
  const view = (d: 'arr' | 'accounts' | 'risk') => {
    const s = set[d];
    return s ? { cv: s.cv, score: s.score, shown: shownScore(s.score), band: band(s.score), gini: s.gini, minMaxRatio: s.minMaxRatio } : null;
  };
  return { arr: view('arr'), accounts: view('accounts'), risk: view('risk') };
}

function repRows(book: Book, seg: SegmentResult, before: { arr: Float64Array; accounts: Float64Array; riskArr: Float64Array }): RepRow[] {
  return Array.from(seg.reps, (r, i) => {
    const rep = book.reps[r]!;
    return {
      name: rep.name,
      segment: seg.name,
      location: rep.location,
      arr: seg.loads.arr[i]!,
      accounts: seg.loads.accounts[i]!,
      riskArr: seg.loads.riskArr[i]!,
      beforeArr: before.arr[i] ?? 0,
      beforeAccounts: before.accounts[i] ?? 0,
      beforeRiskArr: before.riskArr[i] ?? 0,
    };
  });
}

function segmentView(book: Book, seg: SegmentResult): SegmentView {
  const empty = { arr: new Float64Array(0), accounts: new Float64Array(0), riskArr: new Float64Array(0) };
  return {
    name: seg.name,
    accounts: seg.accounts,
    arr: seg.arr,
    riskArr: seg.riskArr,
    repCount: seg.reps.length,
    unassigned: seg.unassigned,
    drivers: driverViews(seg.drivers),
    custom: seg.custom,
    balanced: seg.balanced,
    changes: driverChanges(seg.before, seg.drivers),
    reps: repRows(book, seg, seg.beforeLoads ?? empty),
    floorCv: seg.floorCv,
    locked: seg.locked,
    refinement: seg.refinement && {
      moves: seg.refinement.moves,
      swaps: seg.refinement.swaps,
      budgetUsed: seg.refinement.budgetUsed,
      budget: seg.refinement.budget,
    },
  };
}

// Per book: the Original_Rep names that are not reps (computed once, reused by every view).
const orphanCache = new WeakMap<Book, readonly string[]>();

/** Distinct Original_Rep names (as written) not on the Reps sheet, in first-seen order. */
export function orphanReps(book: Book): readonly string[] {
  let names = orphanCache.get(book);
  if (!names) {
    const seen = new Set<string>();
    const acc = book.accounts;
    for (let a = 0; a < acc.count; a++) if (acc.originalRepIndex[a]! < 0 && acc.originalRep[a] !== '') seen.add(acc.originalRep[a]!);
    names = [...seen];
    orphanCache.set(book, names);
  }
  return names;
}

/** Locks and caps as the sheets hold them (SPEC §10.1's setup summary), whatever the threshold. */
export function bookConstraints(book: Book): { lockedAccounts: number; cappedReps: number } {
  const acc = book.accounts;
  let lockedAccounts = 0;
  for (let a = 0; a < acc.count; a++) if (acc.locked[a] === 1 || acc.lockedRepIndex[a]! >= 0) lockedAccounts++;
  return { lockedAccounts, cappedReps: book.reps.filter((r) => r.maxAccounts !== null).length };
}

/** The Slicer / Comparison view of one evaluation of these settings. */
export function paneView(book: Book, request: KeyedSettings, evaluation: Evaluation, computeMs: number, stage: PaneView['stage'] = 'final'): PaneView {
  return {
    key: request.key,
    settings: request.settings,
    segments: [segmentView(book, evaluation.segments[0]), segmentView(book, evaluation.segments[1])],
    overall: evaluation.overall,
    overallBefore: evaluation.overallBefore,
    dealSizeRatio: evaluation.dealSizeRatio,
    totals: movementTotals(book, evaluation),
    warnings: evaluation.warnings,
    guards: thresholdGuards(evaluation),
    orphanReps: orphanReps(book),
    auditSteps: auditStepCount(evaluation.allocation),
    accountCount: book.accounts.count,
    computeMs,
    stage,
  };
}

/** Rows [from, to) of the account assignments table, in Accounts row order. */
export function assignmentRows(book: Book, evaluation: Evaluation, from: number, to: number): AssignmentRow[] {
  const acc = book.accounts;
  const { assigned, segment } = evaluation.allocation;
  const out: AssignmentRow[] = [];
  const end = Math.min(to, acc.count);
  for (let a = Math.max(0, from); a < end; a++) {
    const r = assigned[a]!;
    const assignedRep = r < 0 ? '' : book.reps[r]!.name;
    out.push({
      index: a,
      accountId: acc.id[a]!,
      accountName: acc.name[a]!,
      arr: acc.arr[a]!,
      employees: acc.employees[a]!,
      segment: SEGMENTS[segment[a]!]!,
      originalRep: acc.originalRep[a]!,
      assignedRep,
      moved: accountMoved(book, evaluation.allocation, a),
    });
  }
  return out;
}
