/** The JSON report of SPEC §13: field names are a contract other tools read. */
import type { SegmentRefinement } from './allocate.js';
import { auditRecords, type AuditRecord } from './audit.js';
import type { Evaluation, SegmentResult } from './evaluate.js';
import type { FloorCv } from './floor.js';
import type { DriverSet } from './metrics.js';
import type { OptimizeResult } from './optimize.js';
import type { SensitivitySample } from './sensitivity.js';
import { SEGMENTS, type Book, type InputError, type Settings, type Warning, type Weights } from './types.js';

export interface ReportOptions {
  readonly audit?: boolean;
  readonly sensitivity?: readonly SensitivitySample[];
  readonly optimize?: OptimizeResult;
  /** SPEC §15.1 `optimize.refined`: the recommended weights refined (refinement on only). */
  readonly refinedOptimum?: { readonly weights: Weights; readonly balanced: number | null; readonly custom: number | null };
}

/** One audit step of the report: lock and greedy steps with their candidates, move and swap steps with ΔF (SPEC §13, §15.1). */
function auditJson(r: AuditRecord) {
  const base = { step: r.step, kind: r.kind, segment: r.segment };
  if (r.kind === 'move') return { ...base, accountId: r.accountId, from: r.from, to: r.winner, deltaF: r.deltaF, reason: r.reason };
  if (r.kind === 'swap') {
    const p = r.partner!;
    return { ...base, accounts: [{ accountId: r.accountId, from: r.from, to: r.winner }, { accountId: p.accountId, from: p.from, to: p.to }], deltaF: r.deltaF, reason: r.reason };
  }
  return {
    ...base,
    accountId: r.accountId,
    accountName: r.accountName,
    arr: r.arr,
    winner: r.winner,
    winnerScore: r.winnerScore,
    runnerUp: r.runnerUp,
    runnerUpScore: r.runnerUpScore,
    marginPct: r.marginPct,
    geoMatch: r.geoMatch,
    preserved: r.preserved,
    reasonCode: r.reasonCode,
    reason: r.reason,
    candidates: r.candidates.map((c) => ({
      rep: c.rep,
      currentArr: c.currentArr,
      currentAccounts: c.currentAccounts,
      currentRiskArr: c.currentRiskArr,
      blended: c.blended,
      geoMatch: c.geoMatch,
      preserve: c.preserve,
      bonus: c.bonus,
      score: c.score,
      rank: c.rank,
    })),
  };
}

const drivers = (set: DriverSet | null, floor: FloorCv) =>
  set === null
    ? null
    : Object.fromEntries(
        (['arr', 'accounts', 'risk'] as const).map((d) => {
          const s = set[d];
          return [d, s ? { cv: s.cv, score: s.score, gini: s.gini, minMaxRatio: s.minMaxRatio, floorCv: floor[d] } : null];
        }),
      );

/** SPEC §13 `refine`: moves, swaps, F after the greedy and at the end (+ the budget in rebalance mode). */
function refineJson(r: SegmentRefinement | null) {
  if (r === null) return null;
  const out: Record<string, number> = { moves: r.moves, swaps: r.swaps, fGreedy: r.fGreedy, fFinal: r.fFinal };
  if (r.budget !== null) {
    out.budgetUsed = r.budgetUsed!;
    out.budget = r.budget;
  }
  return out;
}

const before = (set: DriverSet | null) =>
  set === null
    ? null
    : Object.fromEntries((['arr', 'accounts', 'risk'] as const).map((d) => [d, set[d] ? { cv: set[d]!.cv, score: set[d]!.score } : null]));

function segmentJson(book: Book, seg: SegmentResult) {
  return {
    accounts: seg.accounts,
    arr: seg.arr,
    reps: Array.from(seg.reps, (r, i) => ({
      name: book.reps[r]!.name,
      arr: seg.loads.arr[i]!,
      accounts: seg.loads.accounts[i]!,
      riskArr: seg.loads.riskArr[i]!,
    })),
    drivers: drivers(seg.drivers, seg.floorCv),
    custom: seg.custom,
    balanced: seg.balanced,
    before: before(seg.before),
    unassigned: seg.unassigned,
    refine: refineJson(seg.refinement),
  };
}

/** Settings as an error report can know them: the threshold is null when no headcount parsed. */
export type ErrorReportSettings = Omit<Settings, 'threshold'> & { readonly threshold: number | null };

function settingsJson(settings: ErrorReportSettings, riskEnabled: boolean) {
  return { ...settings, weights: { ...settings.weights }, riskEnabled };
}

/** The report when the input has hard errors: settings, errors, warnings and no assignments. */
export function errorReport(settings: ErrorReportSettings | null, riskEnabled: boolean, errors: readonly InputError[], warnings: readonly Warning[]) {
  return {
    settings: settings ? settingsJson(settings, riskEnabled) : null,
    errors: errors.map(({ sheet, row, column, value, message }) => ({ sheet, row, column, value: value ?? null, message })),
    warnings: warnings.map(warningJson),
    assignments: [],
    segments: null,
    overall: null,
    dealSizeRatio: null,
    moved: null,
  };
}

function warningJson(w: Warning) {
  return { ...w };
}

/** The full report for a valid book. */
export function buildReport(book: Book, evaluation: Evaluation, readWarnings: readonly Warning[], options: ReportOptions = {}) {
  const { allocation } = evaluation;
  const acc = book.accounts;
  const assignments = [];
  for (let a = 0; a < acc.count; a++) {
    const r = allocation.assigned[a]!;
    assignments.push({ accountId: acc.id[a]!, segment: SEGMENTS[allocation.segment[a]!]!, assignedRep: r < 0 ? null : book.reps[r]!.name, locked: allocation.locked[a] === 1 });
  }
  const report: Record<string, unknown> = {
    settings: settingsJson(evaluation.settings, book.riskEnabled),
    errors: [],
    warnings: [...readWarnings, ...evaluation.warnings].map(warningJson),
    assignments,
    segments: { Enterprise: segmentJson(book, evaluation.segments[0]), 'Mid-Market': segmentJson(book, evaluation.segments[1]) },
    overall: { ...evaluation.overall },
    dealSizeRatio: evaluation.dealSizeRatio,
    moved: { ...evaluation.moved },
  };
  if (options.audit) report.audit = auditRecords(book, allocation).map(auditJson);
  if (options.sensitivity) report.sensitivity = options.sensitivity.map((s) => ({ ...s }));
  if (options.optimize) {
    const o = options.optimize;
    const optimize: Record<string, unknown> = { weights: { ...o.weights }, balanced: o.balanced, currentBalanced: o.currentBalanced };
    if (options.refinedOptimum) optimize.refined = { ...options.refinedOptimum, weights: { ...options.refinedOptimum.weights } };
    report.optimize = optimize;
  }
  return report;
}
