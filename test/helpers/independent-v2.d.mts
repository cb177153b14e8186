/** Types for the independent reading of SPEC §15 / §15.1 (independent-v2.mjs). */
import type { SliderPositions } from './independent-report.mjs';

export type Segment = 'Enterprise' | 'Mid-Market';
export type Driver = 'arr' | 'accounts' | 'risk';
/** CLI flags by name (threshold, weights, geo, preserve, risk-cutoff, mode, refine, budget, max-accounts) plus report switches. */
export type V2Opts = Record<string, string | boolean | undefined>;

export interface V2Options {
  readonly mode: 'fresh' | 'rebalance';
  readonly refine: boolean;
  readonly budget: number;
  readonly maxAccounts: Record<Segment, number | null>;
}
/** --mode, --refine, --budget, --max-accounts; throws UsageError (exit 1) on a bad value. */
export declare function parseV2Options(opts?: V2Opts): V2Options;
export declare class UsageError extends Error {}

/** §15 Locked cell: true, false, or null (hard error). */
export declare function parseLocked(raw: unknown): boolean | null;
/** §15 Max_Accounts cell: the cap, undefined when blank (no own cap), or null (hard error). */
export declare function parseMaxAccounts(raw: unknown): number | undefined | null;
export declare function sliderPositions(employeesList: readonly number[]): SliderPositions;
export declare function sensitivitySamples(positions: readonly number[], currentThreshold?: number | null): number[];

export interface V2Outcome {
  readonly exitCode: 0 | 2;
  readonly report: Record<string, unknown>;
  /** Report paths that the refinement decides (refine on): not comparable with the product. Empty with refine off. */
  readonly notComparable: string[];
}
/**
 * The §13 report with the §15 additions. opts.refineWith (string): 'none' (default; refine on reports the greedy result and
 * nulls the refined counters) or 'reference' (best-improvement refinement); opts.swapOrders 'both' | 'forward'. Throws UsageError on bad flags.
 */
export declare function buildReportV2(repsText: string, accountsText: string, opts?: V2Opts): V2Outcome;

export interface CheckOptions {
  /** 'both' (default): the swap of a and c and of c and a are both swaps; 'forward': a before c in §4 order only. */
  readonly swapOrders?: 'both' | 'forward';
  readonly maxViolations?: number;
}
/** Violations of §15 / §15.1 in the product's report for this book and these flags; [] when every property holds. */
export declare function checkV2Properties(repsText: string, accountsText: string, opts: V2Opts, report: unknown, checkOpts?: CheckOptions): string[];

export interface ReferenceSegment {
  readonly F: number;
  readonly fGreedy: number;
  readonly floorF: number;
  /** F − k·Σw_d (§15.1). */
  readonly excess: number;
  readonly floorExcess: number;
  /** F − floorF: the avoidable part of F. */
  readonly gap: number;
  readonly moves: number;
  readonly swaps: number;
}
export interface ReferenceResult {
  readonly exitCode: 0 | 2;
  readonly assignments: { accountId: string; segment: Segment; assignedRep: string | null; locked: boolean }[];
  readonly segments: Record<Segment, ReferenceSegment | null> | null;
}
/** Best-improvement local search from the v2 greedy (or start books + greedy in rebalance mode, with the budget rule). */
export declare function referenceLocalSearch(repsText: string, accountsText: string, opts?: V2Opts, searchOpts?: { swapOrders?: 'both' | 'forward' }): ReferenceResult;

/** Counts floor: n mod k reps at ⌈n/k⌉, the rest at ⌊n/k⌋. */
export declare function floorCountLoads(n: number, k: number): number[];
/** Water-filling floor loads (ascending). */
export declare function waterFillLoads(contributions: readonly number[], k: number): number[];
/** Best-achievable CV% for a driver; null when undefined (mean 0) or no reps / accounts. */
export declare function floorCv(driver: Driver, contributions: readonly number[], k: number): number | null;
export declare function cvPercent(values: readonly number[]): number | null;
/** §15.1 excess: F − k · Σ w_d (w_d fractions of the defined drivers). */
export declare function excess(F: number, k: number, weights: readonly number[] | Record<string, number>): number;

/** Lower-level pieces (segment model, greedy state, steps) for tests that need them. */
export interface SegmentModel {
  readonly seg: Segment;
  readonly k: number;
  readonly reps: { name: string }[];
  readonly accts: number[];
  readonly target: Record<Driver, number>;
  readonly defined: Driver[];
  readonly w: Record<Driver, number>;
  readonly caps: number[];
  readonly order: number[];
}
export declare function floorF(model: SegmentModel): number;
export declare function definedWeights(model: SegmentModel): number[];
export declare function segmentF(model: SegmentModel, loads: Record<Driver, number>[]): number;
export interface PreparedV2 {
  readonly exitCode: 0 | 2;
  readonly settings: Record<string, unknown> & { threshold: number; weights: Record<Driver, number>; mode: 'fresh' | 'rebalance'; refine: boolean; budget: number };
  readonly errors: Record<string, unknown>[];
  readonly warnings: Record<string, unknown>[];
  readonly ctx: unknown;
}
export declare function prepareV2(repsText: string, accountsText: string, opts?: V2Opts): PreparedV2;
export interface V2Run {
  readonly segmentOf: Segment[];
  readonly assigned: (string | null)[];
  readonly locked: boolean[];
  readonly models: Record<Segment, SegmentModel>;
  readonly states: Record<Segment, unknown>;
  readonly segments: Record<Segment, Record<string, unknown>>;
  readonly audit: Record<string, unknown>[] | null;
}
export declare function runV2(
  ctx: unknown,
  threshold: number,
  weights: Record<Driver, number>,
  opts?: { mode?: 'fresh' | 'rebalance'; refine?: 'off' | 'none' | 'reference'; wantAudit?: boolean; swapOrders?: 'both' | 'forward'; budget?: number },
): V2Run;
/** Accepted (and, with budgetM, feasible) moves and swaps left on a state. */
export declare function acceptedSteps(ctx: unknown, model: SegmentModel, state: unknown, opts?: { budgetM?: number | null; swapOrders?: 'both' | 'forward' }): { kind: 'move' | 'swap'; dF: number; dCount: number }[];
