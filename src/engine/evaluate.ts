/**
 * One scenario end to end: allocation, per-segment fairness, composites, before/after
 * comparison and the warnings that depend on the threshold (SPEC §4, §5, §8).
 */
import { allocateSteps, type Allocation, type SegmentContext, type SegmentLoads, type SegmentRefinement } from './allocate.js';
import { floorCv, type FloorCv } from './floor.js';
import { runToEnd, type RefineControl } from './refine.js';
import { EngineSession } from './session.js';
import {
  balancedComposite,
  customComposite,
  driverScore,
  driverStats,
  overallComposite,
  type DriverScores,
  type DriverSet,
} from './metrics.js';
import { countOf } from './format.js';
import { SEGMENTS, type Book, type SegmentIndex, type SegmentName, type Settings, type Warning, type Weights } from './types.js';

export interface SegmentResult {
  readonly name: SegmentName;
  /** Every account of the segment, assigned or not. */
  readonly accounts: number;
  readonly arr: number;
  readonly riskArr: number;
  /** Global rep indexes, Reps-sheet order. */
  readonly reps: Int32Array;
  /** Loads by local rep index (same order as `reps`). */
  readonly loads: SegmentLoads;
  /** Null when the segment has no accounts or no reps. */
  readonly drivers: DriverSet | null;
  readonly custom: number | null;
  readonly balanced: number | null;
  /** The same reps' original books (§8); null when the segment has no reps. */
  readonly beforeLoads: SegmentLoads | null;
  readonly before: DriverSet | null;
  /** Accounts left unassigned: all of them without reps, else those no rep had room for (caps). */
  readonly unassigned: number;
  /** Best achievable CV% per driver (SPEC §15), locks and caps ignored. */
  readonly floorCv: FloorCv;
  /** Effective locks placed in this segment. */
  readonly locked: number;
  /** Refinement (SPEC §13 `refine`); null when the segment has no reps. */
  readonly refinement: SegmentRefinement | null;
}

export interface Evaluation {
  readonly settings: Settings;
  readonly allocation: Allocation;
  readonly segments: readonly [SegmentResult, SegmentResult];
  readonly overall: { readonly custom: number | null; readonly balanced: number | null };
  /** The same composites on the current books (§8's before loads), combined over segments as `overall` (SPEC §10.1). */
  readonly overallBefore: { readonly custom: number | null; readonly balanced: number | null };
  /** Mean Enterprise account ARR / mean Mid-Market account ARR; null when undefined. */
  readonly dealSizeRatio: number | null;
  readonly moved: { readonly accounts: number; readonly arr: number };
  /** Warnings that depend on the threshold (segments without reps, empty segments, idle reps). */
  readonly warnings: readonly Warning[];
}

/** Full driver statistics of a set of loads; Risk is null when risk balancing is off. */
export function driverSet(book: Book, loads: SegmentLoads): DriverSet {
  return {
    arr: driverStats(loads.arr),
    accounts: driverStats(loads.accounts),
    risk: book.riskEnabled ? driverStats(loads.riskArr) : null,
  };
}

/** Driver scores only (no Gini, no Min/Max): what every sensitivity and Optimize run needs. */
export function driverScores(book: Book, loads: SegmentLoads): DriverScores {
  return {
    arr: driverScore(loads.arr),
    accounts: driverScore(loads.accounts),
    risk: book.riskEnabled ? driverScore(loads.riskArr) : null,
  };
}

/** The part of a run that fairness needs: per-segment contexts and loads. */
export interface LoadsRun {
  readonly contexts: readonly [SegmentContext, SegmentContext];
  readonly loads: readonly [SegmentLoads, SegmentLoads];
}

/**
 * Per-segment composites and the Overall ones. A segment without accounts or reps has none.
 * `statsOf` picks how much per driver: scores (the default, for sweeps) or full statistics.
 */
export function overallFairness<S extends DriverScores = DriverScores>(
  book: Book,
  run: LoadsRun,
  weights: Weights,
  statsOf: (book: Book, loads: SegmentLoads) => S = driverScores as (book: Book, loads: SegmentLoads) => S,
) {
  const parts = run.contexts.map((ctx) => {
    const k = ctx.reps.length;
    if (k === 0 || ctx.accounts.length === 0) return { reps: k, custom: null, balanced: null, drivers: null };
    const drivers = statsOf(book, run.loads[ctx.segment]);
    return { reps: k, custom: customComposite(drivers, weights), balanced: balancedComposite(drivers), drivers };
  });
  return {
    parts,
    custom: overallComposite(parts.map((p) => ({ reps: p.reps, value: p.custom }))),
    balanced: overallComposite(parts.map((p) => ({ reps: p.reps, value: p.balanced }))),
  };
}

/** Mean Enterprise ARR per account over mean Mid-Market ARR per account. */
export function dealSizeRatio(run: Pick<LoadsRun, 'contexts'>): number | null {
  const [e, m] = run.contexts;
  if (e.accounts.length === 0 || m.accounts.length === 0) return null;
  const mmMean = m.totalArr / m.accounts.length;
  if (mmMean === 0) return null;
  return e.totalArr / e.accounts.length / mmMean;
}

/** Each rep's original book (all their accounts, any segment), by global rep index. */
export function originalBooks(book: Book, riskCutoff: number, session: EngineSession = new EngineSession(book)): SegmentLoads {
  return session.originalBooks(riskCutoff);
}

/**
 * Did the account move? Original vs assigned rep, trimmed and case-insensitive, blank = unassigned.
 * An orphan original rep is on no Reps row, so no assignment can equal it.
 */
export function accountMoved(book: Book, allocation: Allocation, a: number): boolean {
  const to = allocation.assigned[a]!;
  const from = book.accounts.originalRepIndex[a]!;
  if (from >= 0) return to !== from;
  return book.accounts.originalRep[a] === '' ? to >= 0 : true;
}

/** Runs the allocation and every metric for one set of settings. */
export function evaluate(book: Book, settings: Settings, session: EngineSession = new EngineSession(book), control?: RefineControl): Evaluation {
  return runToEnd(evaluateSteps(book, settings, session, control));
}

/** evaluate as a generator that pauses inside refinement, for a worker that must stay responsive. */
export function* evaluateSteps(book: Book, settings: Settings, session: EngineSession, control?: RefineControl): Generator<void, Evaluation> {
  const allocation = yield* allocateSteps(book, settings, session, control);
  const fairness = overallFairness(book, allocation, settings.weights, driverSet);
  const before = session.originalBooks(settings.riskCutoff);
  const segments = allocation.contexts.map((ctx, s): SegmentResult => {
    const k = ctx.reps.length;
    const beforeLoads = k === 0 ? null : pick(before, ctx.reps);
    return {
      name: SEGMENTS[s]!,
      accounts: ctx.accounts.length,
      arr: ctx.totalArr,
      riskArr: ctx.totalRiskArr,
      reps: ctx.reps,
      loads: allocation.loads[s]!,
      drivers: fairness.parts[s]!.drivers,
      custom: fairness.parts[s]!.custom,
      balanced: fairness.parts[s]!.balanced,
      beforeLoads,
      before: beforeLoads ? driverSet(book, beforeLoads) : null,
      unassigned: k === 0 ? ctx.accounts.length : allocation.capacityUnassigned[s]!,
      floorCv: floorCv(ctx, book.riskEnabled),
      locked: ctx.lockCount,
      refinement: allocation.refinement[s]!,
    };
  }) as unknown as readonly [SegmentResult, SegmentResult];

  let movedAccounts = 0, movedArr = 0;
  for (let a = 0; a < book.accounts.count; a++) {
    if (!accountMoved(book, allocation, a)) continue;
    movedAccounts++;
    movedArr += book.accounts.arr[a]!;
  }
  const beforeParts = segments.map((seg) => ({
    reps: seg.reps.length,
    custom: seg.before ? customComposite(seg.before, settings.weights) : null,
    balanced: seg.before ? balancedComposite(seg.before) : null,
  }));
  return {
    settings,
    allocation,
    segments,
    overall: { custom: fairness.custom, balanced: fairness.balanced },
    overallBefore: {
      custom: overallComposite(beforeParts.map((p) => ({ reps: p.reps, value: p.custom }))),
      balanced: overallComposite(beforeParts.map((p) => ({ reps: p.reps, value: p.balanced }))),
    },
    dealSizeRatio: dealSizeRatio(allocation),
    moved: { accounts: movedAccounts, arr: movedArr },
    warnings: [...allocationWarnings(book, allocation, segments), ...constraintWarnings(book, allocation)],
  };
}

function pick(loads: SegmentLoads, reps: Int32Array): SegmentLoads {
  return {
    arr: Float64Array.from(reps, (r) => loads.arr[r]!),
    accounts: Float64Array.from(reps, (r) => loads.accounts[r]!),
    riskArr: Float64Array.from(reps, (r) => loads.riskArr[r]!),
  };
}

function allocationWarnings(book: Book, allocation: Allocation, segments: readonly SegmentResult[]): Warning[] {
  const warnings: Warning[] = [];
  for (const seg of segments) {
    if (seg.accounts === 0) {
      warnings.push({ code: 'empty-segment', segment: seg.name, message: `No ${seg.name} accounts at this threshold.` });
    } else if (seg.reps.length === 0) {
      const ctx = allocation.contexts[seg.name === 'Enterprise' ? 0 : 1];
      const ids = Array.from(ctx.accounts.subarray(0, 50), (a) => book.accounts.id[a]!);
      warnings.push({
        code: 'segment-without-reps', segment: seg.name, subjects: ids, count: seg.accounts,
        message: `${countOf(seg.accounts, `${seg.name} account`)} ${seg.accounts === 1 ? 'stays' : 'stay'} unassigned: the Reps sheet has no ${seg.name} reps. Add one, or move the threshold. Unassigned: ${ids.slice(0, 10).join(', ')}${seg.accounts > 10 ? ', …' : ''}.`,
      });
    }
  }
  const idle: string[] = [];
  for (const seg of segments) {
    seg.reps.forEach((r, i) => {
      if (seg.loads.accounts[i] === 0) idle.push(book.reps[r]!.name);
    });
  }
  if (idle.length > 0) {
    warnings.push({
      code: 'rep-without-accounts', subjects: idle, count: idle.length,
      message: `${countOf(idle.length, 'rep')} ${idle.length === 1 ? 'ends' : 'end'} with no accounts: ${idle.slice(0, 20).join(', ')}${idle.length > 20 ? ', …' : ''}.`,
    });
  }
  return warnings;
}

/** Locks that could not apply, locks and current books over a cap, accounts no rep had room for (SPEC §15). */
function constraintWarnings(book: Book, allocation: Allocation): Warning[] {
  const warnings: Warning[] = [];
  const acc = book.accounts;
  const notApplied = allocation.contexts.flatMap((ctx) => Array.from(ctx.lockNotApplied, (a) => ({ a, why: lockProblem(book, a, ctx.segment) })));
  if (notApplied.length > 0) {
    const listed = notApplied.slice(0, 10).map(({ a, why }) => `${acc.id[a]} (${why})`);
    warnings.push({
      code: 'lock-not-applied', sheet: book.accountsSheet.name, count: notApplied.length,
      subjects: notApplied.slice(0, 50).map(({ a }) => acc.id[a]!), rows: notApplied.slice(0, 50).map(({ a }) => acc.row[a]!),
      message: `${countOf(notApplied.length, 'lock')} could not apply, so ${notApplied.length === 1 ? 'that account was' : 'those accounts were'} allocated normally: ${listed.join('; ')}${notApplied.length > 10 ? '; …' : ''}.`,
    });
  }
  const overLocked: string[] = [], overKept: string[] = [];
  for (const ctx of allocation.contexts) {
    const k = ctx.reps.length;
    if (k === 0 || !ctx.capped) continue;
    const locks = new Float64Array(k), kept = new Float64Array(k);
    for (let j = 0; j < ctx.accounts.length; j++) if (ctx.lockLocal[j]! >= 0) locks[ctx.lockLocal[j]!]!++;
    const start = allocation.kept[ctx.segment];
    if (start) for (let j = 0; j < start.length; j++) if (start[j]! >= 0) kept[start[j]!]!++;
    for (let i = 0; i < k; i++) {
      const name = book.reps[ctx.reps[i]!]!.name, cap = ctx.cap[i]!;
      if (locks[i]! > cap) overLocked.push(`${name} holds ${countOf(locks[i]!, 'locked account')}, cap ${cap}`);
      else if (locks[i]! + kept[i]! > cap) overKept.push(`${name} keeps ${countOf(locks[i]! + kept[i]!, 'account')} of the current book, cap ${cap}`);
    }
  }
  if (overLocked.length > 0) {
    warnings.push({
      code: 'lock-over-capacity', count: overLocked.length,
      message: `Locks put ${countOf(overLocked.length, 'rep')} over ${overLocked.length === 1 ? 'their' : 'their'} cap (locks always hold; nothing else goes to ${overLocked.length === 1 ? 'that rep' : 'those reps'}): ${overLocked.slice(0, 10).join('; ')}${overLocked.length > 10 ? '; …' : ''}.`,
    });
  }
  if (overKept.length > 0) {
    warnings.push({
      code: 'cap-exceeded', count: overKept.length,
      message: `Starting from current books, ${countOf(overKept.length, 'rep')} ${overKept.length === 1 ? 'is' : 'are'} over the cap; nothing forces moves off a current book, and no new account goes to ${overKept.length === 1 ? 'that rep' : 'them'}: ${overKept.slice(0, 10).join('; ')}${overKept.length > 10 ? '; …' : ''}.`,
    });
  }
  for (const ctx of allocation.contexts) {
    const left = allocation.capacityUnassigned[ctx.segment];
    if (left === 0) continue;
    const name = SEGMENTS[ctx.segment]!;
    const ids: string[] = [];
    for (let j = 0; j < ctx.accounts.length && ids.length < 50; j++) {
      const a = ctx.accounts[j]!;
      if (allocation.assigned[a]! < 0) ids.push(acc.id[a]!);
    }
    let capacity = 0;
    for (let i = 0; i < ctx.reps.length; i++) capacity += ctx.cap[i]!;
    warnings.push({
      code: 'capacity-exhausted', segment: name, count: left, subjects: ids,
      message: `${countOf(left, `${name} account`)} ${left === 1 ? 'stays' : 'stay'} unassigned: every ${name} rep is at their cap (total capacity ${capacity.toLocaleString('en-US')} for ${ctx.accounts.length.toLocaleString('en-US')} accounts). Raise a cap or add a rep. Unassigned: ${ids.slice(0, 10).join(', ')}${left > 10 ? ', …' : ''}.`,
    });
  }
  return warnings;
}

/** Why an account's lock could not apply in its segment, in the user's words. */
function lockProblem(book: Book, a: number, segment: SegmentIndex): string {
  const acc = book.accounts;
  const other = SEGMENTS[1 - segment]!;
  const pinned = acc.lockedRepIndex[a]!;
  if (pinned >= 0) return `Locked_Rep ${book.reps[pinned]!.name} is a ${other} rep and the account is ${SEGMENTS[segment]} at this threshold`;
  const original = acc.originalRepIndex[a]!;
  if (original >= 0) return `Locked, but its Original_Rep ${book.reps[original]!.name} is a ${other} rep`;
  if (acc.originalRep[a] === '') return 'Locked, but it has no Original_Rep';
  return `Locked, but its Original_Rep ${acc.originalRep[a]} is not on the Reps sheet`;
}
