/**
 * What crosses the worker boundary: small, render-ready views. The Book and the full
 * Evaluation stay inside the worker; the pane asks for rows, audit steps and moves on demand.
 */
import type {
  AccountMove,
  AuditRecord,
  Band,
  DriverChange,
  DriverName,
  Evaluation,
  FloorCv,
  KeyedSettings,
  InputError,
  MovementTotals,
  SegmentName,
  SensitivitySample,
  Settings,
  ThresholdSlider,
  ThresholdGuard,
  Warning,
} from '../engine/index.js';

/** One driver's fairness for a card: unrounded values plus the shown integer and its band. */
export interface DriverView {
  readonly cv: number;
  readonly score: number;
  /** The score as shown (round half up); the band is decided on it. */
  readonly shown: number;
  readonly band: Band;
  readonly gini: number;
  readonly minMaxRatio: number | null;
}

export type DriverViews = Readonly<Record<DriverName, DriverView | null>>;

/** One rep's book now and before (their whole original book, any segment). */
export interface RepRow {
  readonly name: string;
  readonly segment: SegmentName;
  readonly location: string;
  readonly arr: number;
  readonly accounts: number;
  readonly riskArr: number;
  readonly beforeArr: number;
  readonly beforeAccounts: number;
  readonly beforeRiskArr: number;
}

export interface SegmentView {
  readonly name: SegmentName;
  /** Every account of the segment, assigned or not. */
  readonly accounts: number;
  readonly arr: number;
  readonly riskArr: number;
  readonly repCount: number;
  readonly unassigned: number;
  /** Null when the segment has no accounts or no reps (N/A everywhere). */
  readonly drivers: DriverViews | null;
  readonly custom: number | null;
  readonly balanced: number | null;
  /** Before / after per driver (SPEC §8). */
  readonly changes: readonly DriverChange[];
  readonly reps: readonly RepRow[];
  /** Best achievable CV% per driver (SPEC §15 "best achievable"; locks and caps ignored). */
  readonly floorCv: FloorCv;
  /** Effective locks placed in this segment. */
  readonly locked: number;
  /** What refinement did (SPEC §13 `refine`); null when the segment has no reps. */
  readonly refinement: RefinementView | null;
}

/** A segment's refinement in numbers: moves and swaps taken, and in rebalance mode the move budget. */
export interface RefinementView {
  readonly moves: number;
  readonly swaps: number;
  /** Rebalance mode: accounts away from their start rep, and the most allowed (M); null in fresh mode. */
  readonly budgetUsed: number | null;
  readonly budget: number | null;
}

/**
 * Everything the Slicer and Comparison pages render for one set of settings (with their key): the
 * evaluation's overall fairness, deal size ratio and threshold-dependent warnings as they are,
 * and small views of the rest.
 */
export interface PaneView extends KeyedSettings, Pick<Evaluation, 'overall' | 'overallBefore' | 'dealSizeRatio' | 'warnings'> {
  readonly segments: readonly [SegmentView, SegmentView];
  /** Segments that leave reps idle or accounts without a rep at this threshold, in words (SPEC §10.1). */
  readonly guards: readonly ThresholdGuard[];
  /** Original_Rep names not on the Reps sheet (the From column shows them beside the reps' names). */
  readonly orphanReps: readonly string[];
  readonly totals: MovementTotals;
  readonly auditSteps: number;
  readonly accountCount: number;
  /** Engine time for this view, in ms (allocation + metrics + view building). */
  readonly computeMs: number;
  /**
   * 'greedy' when refinement is on and this is the greedy result shown while the refined one is
   * computed (SPEC §10.1 "live and refined"); 'final' when nothing better follows.
   */
  readonly stage: 'greedy' | 'final';
}

/** The result of Load / Validate. */
export type BookSummary =
  | {
      readonly ok: true;
      readonly slider: ThresholdSlider;
      readonly riskEnabled: boolean;
      readonly hasRiskColumn: boolean;
      readonly repCount: number;
      readonly accountCount: number;
      /** Accounts with a lock on the sheet (Locked or Locked_Rep filled), applied or not. */
      readonly lockedAccounts: number;
      /** Reps with their own Max_Accounts cell. */
      readonly cappedReps: number;
      readonly defaults: Settings;
      readonly warnings: readonly Warning[];
      /** The engine's `inputHash` of the book (SPEC §16: a scenario saved on other data is stale). */
      readonly inputHash: string;
    }
  | {
      readonly ok: false;
      /** The first errors (at most MAX_ERRORS_SENT); `errorCount` has the total. */
      readonly errors: readonly InputError[];
      readonly errorCount: number;
      readonly warnings: readonly Warning[];
    };

export const MAX_ERRORS_SENT = 500;

/** One row of the account assignments table. */
export interface AssignmentRow {
  readonly index: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly arr: number;
  readonly employees: number;
  readonly segment: SegmentName;
  readonly originalRep: string;
  /** '' = unassigned (segment without reps). */
  readonly assignedRep: string;
  readonly moved: boolean;
}

export type MoveSortKey = 'accountId' | 'accountName' | 'arr' | 'segment' | 'from' | 'to';

/** Sort and filter of the account movement table. */
export interface MoveQuery {
  readonly sort: MoveSortKey;
  readonly descending: boolean;
  /** Case-insensitive text matched against ID, name, from and to. */
  readonly filter: string;
  readonly segment: 'all' | SegmentName;
}

export interface MovePage {
  /** Rows matching the filter. */
  readonly total: number;
  readonly from: number;
  readonly rows: readonly AccountMove[];
}

export interface StepHit {
  readonly step: number;
  readonly accountId: string;
  readonly accountName: string;
}

export type { AuditRecord, SensitivitySample, ThresholdGuard };
