/**
 * Allocation (SPEC §4, §15): the facade over preparation (prepare.ts), the literal scoring step
 * (score.ts), the fast greedy kernel (kernel.ts) and refinement (refine.ts).
 *
 * Per segment, Enterprise first: in rebalance mode the current books first (no step), then the
 * effective locks (steps of kind `lock`), then §4's greedy over the reps below their cap, then —
 * with refinement on — moves and swaps. The result keeps the state a later pass continues from
 * (assignment, loads), the greedy log (step order and kinds) and the refinement records, so the audit
 * replays the greedy exactly and lists refinement steps after it.
 */
import { runSegment } from './kernel.js';
import { segmentContext, type SegmentContext } from './prepare.js';
import { refineSegmentSteps, runToEnd, segmentF, type RefineControl, type RefineResult } from './refine.js';
import { emptyLoads, type SegmentLoads } from './score.js';
import { segmentOf } from './segment.js';
import { EngineSession } from './session.js';
import type { Book, Settings } from './types.js';

export { nameRanks, segmentOrders, segmentContext, prepareSegments, type SegmentContext, type SegmentPrep } from './prepare.js';
export { isHighRisk, scoreCandidates, pickWinner, addToLoads, emptyLoads, stepScratch, TIE_TOLERANCE, type SegmentLoads, type StepScratch } from './score.js';
export { runSegment } from './kernel.js';
export { EngineSession } from './session.js';

/** A greedy-log step: an effective lock placed, or a §4 greedy choice. */
export const STEP_LOCK = 0;
export const STEP_GREEDY = 1;

/** What refinement did in one segment (SPEC §13 `refine`), with its records for the audit. */
export interface SegmentRefinement extends RefineResult {
  /** F after locks and the greedy (or the start books + greedy in rebalance mode): `fGreedy`. */
  readonly fGreedy: number;
}

/** The result of one allocation. */
export interface Allocation {
  readonly settings: Settings;
  /** Segment of each account (0 Enterprise, 1 Mid-Market). */
  readonly segment: Uint8Array;
  /** Global rep index each account went to; -1 = unassigned (segment without reps, or every rep at its cap). */
  readonly assigned: Int32Array;
  /** 1 when an effective lock placed the account (SPEC §13 `locked`). */
  readonly locked: Uint8Array;
  /** Account index of each greedy-log step (locks and greedy choices), in step order (step = index + 1). */
  readonly steps: Int32Array;
  /** STEP_LOCK or STEP_GREEDY per step. */
  readonly stepKinds: Uint8Array;
  /** The local rep (index into its segment's reps) each step gave the account: the greedy log, kept apart from later refinement. */
  readonly stepReps: Int32Array;
  /**
   * Rebalance mode: per segment, the local rep each position started with before any step (its
   * current book), -1 for accounts that went through locks and the greedy; null in fresh mode.
   */
  readonly kept: readonly [Int32Array | null, Int32Array | null];
  readonly contexts: readonly [SegmentContext, SegmentContext];
  /** Final loads per segment, by local rep. */
  readonly loads: readonly [SegmentLoads, SegmentLoads];
  /** Accounts left unassigned: their segment has no reps, or every rep was at its cap. */
  readonly unassigned: Int32Array;
  /** Per segment: accounts unassigned because every rep was at its cap (SPEC §15 `capacity-exhausted`). */
  readonly capacityUnassigned: readonly [number, number];
  /** Per segment (null when it has no reps): moves, swaps, F before and after, budget; records for the audit. */
  readonly refinement: readonly [SegmentRefinement | null, SegmentRefinement | null];
}

/**
 * The loads-only greedy over `todo[from … to)` (every position in order when `todo` is null) on top
 * of `loads`: on the session's WebAssembly kernel where it runs, else on kernel.ts's runSegment —
 * bit-identical either way (test/engine/kernel-wasm.test.ts). Returns the number of steps taken.
 */
export function runSegmentLoads(session: EngineSession, ctx: SegmentContext, settings: Settings, loads: SegmentLoads, todo: Int32Array | null, from = 0, to = todo ? todo.length : ctx.accounts.length): number {
  const wasm = session.fastKernel();
  if (wasm) {
    try {
      return wasm.run(ctx, settings, loads, todo, from, to);
    } catch (error) {
      // Its memory could not grow (RangeError, before `loads` is touched): this session goes on in TypeScript.
      if (!(error instanceof RangeError)) throw error;
      session.dropFastKernel();
    }
  }
  if (todo) return runSegment(ctx, settings, loads, null, from === 0 && to === todo.length ? todo : todo.subarray(from, to));
  // Every position in order: the whole list is null; a part is its positions (fallback only, once per part).
  const whole = from === 0 && to === ctx.accounts.length;
  return runSegment(ctx, settings, loads, null, whole ? null : Int32Array.from({ length: to - from }, (_, i) => from + i));
}

/** Only the loads, of the v2 greedy (locks and caps, fresh, no refinement): what sensitivity and Optimize need. */
export function allocateLoads(book: Book, settings: Settings, session: EngineSession = new EngineSession(book)): { contexts: readonly [SegmentContext, SegmentContext]; loads: readonly [SegmentLoads, SegmentLoads] } {
  const prep = session.prepared(settings.threshold, settings.riskCutoff);
  const contexts = [segmentContext(prep[0], settings), segmentContext(prep[1], settings)] as const;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  for (const ctx of contexts) {
    const segLoads = loads[ctx.segment];
    if (ctx.lockCount === 0) {
      runSegmentLoads(session, ctx, settings, segLoads, null);
      continue;
    }
    const local = new Int32Array(ctx.accounts.length).fill(-1);
    placeLocks(ctx, segLoads, local);
    runSegmentLoads(session, ctx, settings, segLoads, unplaced(local));
  }
  return { contexts, loads };
}

/** Runs the allocation over both segments: Enterprise first, steps numbered across both. */
export function allocate(book: Book, settings: Settings, session: EngineSession = new EngineSession(book), control: RefineControl = {}): Allocation {
  return runToEnd(allocateSteps(book, settings, session, control));
}

/** allocate as a generator that pauses inside refinement (see refineSegmentSteps). */
export function* allocateSteps(book: Book, settings: Settings, session: EngineSession, control: RefineControl = {}): Generator<void, Allocation> {
  const n = book.accounts.count;
  const segment = new Uint8Array(n);
  const assigned = new Int32Array(n).fill(-1);
  const locked = new Uint8Array(n);
  const prep = session.prepared(settings.threshold, settings.riskCutoff);
  const contexts = [segmentContext(prep[0], settings), segmentContext(prep[1], settings)] as const;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  const steps = new Int32Array(n);
  const stepKinds = new Uint8Array(n);
  const stepReps = new Int32Array(n);
  let stepCount = 0;
  const unassigned: number[] = [];
  const capacityUnassigned: [number, number] = [0, 0];
  const kept: [Int32Array | null, Int32Array | null] = [null, null];
  const refinement: [SegmentRefinement | null, SegmentRefinement | null] = [null, null];
  const rebalance = settings.mode === 'rebalance';

  for (const ctx of contexts) {
    const s = ctx.segment;
    const m = ctx.accounts.length;
    for (let j = 0; j < m; j++) segment[ctx.accounts[j]!] = s;
    if (ctx.reps.length === 0) {
      for (let j = 0; j < m; j++) unassigned.push(ctx.accounts[j]!);
      continue;
    }
    const segLoads = loads[s];
    const local = new Int32Array(m).fill(-1);
    // Rebalance: accounts whose Original_Rep is a rep of their segment start there (no step); a lock wins.
    if (rebalance) {
      const start = new Int32Array(m).fill(-1);
      for (let j = 0; j < m; j++) {
        const rep = ctx.originalLocal[j]!;
        if (rep < 0 || ctx.lockLocal[j]! >= 0) continue;
        start[j] = local[j] = rep;
        addPosition(ctx, segLoads, j, rep);
      }
      kept[s] = start;
    }
    const lockMask = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      if (ctx.lockLocal[j]! < 0) continue;
      lockMask[j] = 1;
      locked[ctx.accounts[j]!] = 1;
      steps[stepCount] = ctx.accounts[j]!;
      stepReps[stepCount] = ctx.lockLocal[j]!;
      stepKinds[stepCount++] = STEP_LOCK;
    }
    placeLocks(ctx, segLoads, local);
    const todo = ctx.lockCount === 0 && !rebalance ? null : unplaced(local);
    const taken = runSegment(ctx, settings, segLoads, { assigned: null, steps, stepOffset: stepCount, stepReps, local }, todo);
    stepKinds.fill(STEP_GREEDY, stepCount, stepCount + taken);
    stepCount += taken;

    const fGreedy = segmentF(ctx, segLoads);
    let result: RefineResult = { records: [], moves: 0, swaps: 0, fStart: fGreedy, fFinal: fGreedy, budgetUsed: rebalance ? 0 : null, budget: rebalance ? moveBudget(settings.budget, m) : null };
    if (settings.refine) {
      const start = rebalance ? local.slice() : null;
      result = yield* refineSegmentSteps(ctx, settings, segLoads, local, lockMask, start, rebalance ? moveBudget(settings.budget, m) : null, control);
    }
    refinement[s] = { ...result, fGreedy };
    for (let j = 0; j < m; j++) {
      const rep = local[j]!;
      if (rep >= 0) assigned[ctx.accounts[j]!] = ctx.reps[rep]!;
      else {
        unassigned.push(ctx.accounts[j]!);
        capacityUnassigned[s]++;
      }
    }
  }
  return {
    settings,
    segment,
    assigned,
    locked,
    steps: steps.subarray(0, stepCount),
    stepKinds: stepKinds.subarray(0, stepCount),
    stepReps: stepReps.subarray(0, stepCount),
    kept,
    contexts,
    loads,
    unassigned: Int32Array.from(unassigned),
    capacityUnassigned,
    refinement,
  };
}

/** M = ⌊PCT · n_S / 100⌋ in integer arithmetic (SPEC §15). */
export function moveBudget(percent: number, accounts: number): number {
  return Math.floor((percent * accounts) / 100);
}

/** Places the effective locks of a segment in allocation order, adding to loads and counts. */
export function placeLocks(ctx: SegmentContext, loads: SegmentLoads, local: Int32Array): void {
  if (ctx.lockCount === 0) return;
  for (let j = 0; j < ctx.accounts.length; j++) {
    const rep = ctx.lockLocal[j]!;
    if (rep < 0) continue;
    local[j] = rep;
    addPosition(ctx, loads, j, rep);
  }
}

function addPosition(ctx: SegmentContext, loads: SegmentLoads, j: number, rep: number): void {
  loads.arr[rep]! += ctx.xArr[j]!;
  loads.accounts[rep]! += 1;
  loads.riskArr[rep]! += ctx.xRisk[j]!;
}

/** Positions no lock or current book has placed, in allocation order. */
export function unplaced(local: Int32Array): Int32Array {
  let count = 0;
  for (let j = 0; j < local.length; j++) if (local[j]! < 0) count++;
  const out = new Int32Array(count);
  for (let j = 0, t = 0; j < local.length; j++) if (local[j]! < 0) out[t++] = j;
  return out;
}

/** Segment of every account at a threshold, without allocating. */
export function segmentsAt(book: Book, threshold: number): Uint8Array {
  const { employees } = book.accounts;
  const out = new Uint8Array(employees.length);
  for (let a = 0; a < employees.length; a++) out[a] = segmentOf(employees[a]!, threshold);
  return out;
}
