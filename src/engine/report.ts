/** The JSON report of SPEC §13: field names are a contract other tools read. */
import { auditRecords } from './audit.js';
import type { Evaluation, SegmentResult } from './evaluate.js';
import type { DriverSet } from './metrics.js';
import type { OptimizeResult } from './optimize.js';
import type { SensitivitySample } from './sensitivity.js';
import { SEGMENTS, type Book, type InputError, type Settings, type Warning } from './types.js';

export interface ReportOptions {
  readonly audit?: boolean;
  readonly sensitivity?: readonly SensitivitySample[];
  readonly optimize?: OptimizeResult;
}

const drivers = (set: DriverSet | null) =>
  set === null
    ? null
    : Object.fromEntries(
        (['arr', 'accounts', 'risk'] as const).map((d) => {
          const s = set[d];
          return [d, s ? { cv: s.cv, score: s.score, gini: s.gini, minMaxRatio: s.minMaxRatio } : null];
        }),
      );

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
    drivers: drivers(seg.drivers),
    custom: seg.custom,
    balanced: seg.balanced,
    before: before(seg.before),
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
    assignments.push({ accountId: acc.id[a]!, segment: SEGMENTS[allocation.segment[a]!]!, assignedRep: r < 0 ? null : book.reps[r]!.name });
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
  if (options.audit) {
    report.audit = auditRecords(book, allocation).map((r) => ({
      step: r.step,
      accountId: r.accountId,
      accountName: r.accountName,
      segment: r.segment,
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
    }));
  }
  if (options.sensitivity) report.sensitivity = options.sensitivity.map((s) => ({ ...s }));
  if (options.optimize) {
    const o = options.optimize;
    report.optimize = { weights: { ...o.weights }, balanced: o.balanced, currentBalanced: o.currentBalanced };
  }
  return report;
}
