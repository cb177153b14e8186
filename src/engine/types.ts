/**
 * Shared engine types. Pure data: no DOM, no Office, no React.
 * Units that are easy to mix up are branded (Excel row numbers vs 0-based indexes).
 */

/** A cell as Office.js `Range.values`, an .xlsx reader or a CSV parser hands it over. */
export type Cell = string | number | boolean | null | undefined;

/** 1-based row number as Excel (or a CSV record count) shows it to the user. */
export type ExcelRow = number & { readonly __brand: 'ExcelRow' };
export const excelRow = (n: number): ExcelRow => n as ExcelRow;

/** A sheet as a rectangular-ish 2-D array plus where it sits in the workbook. */
export interface SheetInput {
  /** Sheet name, used in error messages. */
  readonly name: string;
  /** Cell values, row by row, starting at the used range's first row. */
  readonly rows: readonly (readonly Cell[])[];
  /** Excel row number of `rows[0]` (1 when the used range starts at A1). */
  readonly firstRow: number;
}

export type SegmentName = 'Enterprise' | 'Mid-Market';
export const SEGMENTS: readonly SegmentName[] = ['Enterprise', 'Mid-Market'];
/** 0 = Enterprise, 1 = Mid-Market: index into SEGMENTS. */
export type SegmentIndex = 0 | 1;

export type DriverName = 'arr' | 'accounts' | 'risk';
export const DRIVERS: readonly DriverName[] = ['arr', 'accounts', 'risk'];

/** A hard error: blocks allocation. `row`/`column`/`value` point at the offending cell. */
export interface InputError {
  readonly sheet: string;
  readonly row: number;
  /** Canonical column name (`ARR`, `Account_ID`, ...) or null for sheet-level errors. */
  readonly column: string | null;
  readonly value: Cell;
  readonly code: InputErrorCode;
  readonly message: string;
}

export type InputErrorCode =
  | 'missing-column'
  | 'bad-type'
  | 'negative-number'
  | 'out-of-range'
  | 'blank-required'
  | 'duplicate-account-id'
  | 'duplicate-rep-name'
  | 'unknown-segment'
  | 'unknown-rep'
  | 'no-data-rows';

/** A soft warning: the user may proceed. Codes are stable (other tools read them). */
export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
  readonly sheet?: string;
  /** Excel rows concerned (the first 50 at most; `count` has the total). */
  readonly rows?: readonly number[];
  /** Names concerned (reps, original reps, account ids). */
  readonly subjects?: readonly string[];
  readonly count?: number;
  readonly segment?: SegmentName;
}

export type WarningCode =
  | 'risk-score-clamped'
  | 'risk-score-blank'
  | 'risk-disabled'
  | 'orphan-original-rep'
  | 'new-hire'
  | 'blank-location'
  | 'segment-without-reps'
  | 'empty-segment'
  | 'rep-without-accounts'
  | 'lock-not-applied'
  | 'lock-over-capacity'
  | 'capacity-exhausted'
  | 'cap-exceeded';

export interface Rep {
  /** As written (trimmed). */
  readonly name: string;
  /** Trimmed, lower-cased: the identity used for matching and uniqueness. */
  readonly key: string;
  readonly segment: SegmentName;
  /** Trimmed location as written; '' when blank. */
  readonly location: string;
  readonly row: number;
  /** Max_Accounts (SPEC §15): this rep's own cap; null = blank (the segment default applies). */
  readonly maxAccounts: number | null;
}

/**
 * Accounts stored column-wise in flat arrays: a 1M-row book stays compact and the
 * allocation loop reads typed arrays only.
 */
export interface AccountTable {
  readonly count: number;
  readonly id: readonly string[];
  readonly name: readonly string[];
  readonly arr: Float64Array;
  readonly employees: Float64Array;
  /** Risk_Score after clamping; 0 when the column is absent or the cell blank. */
  readonly risk: Float64Array;
  /** Trimmed location as written; '' when blank. */
  readonly location: readonly string[];
  /** Trimmed Original_Rep as written; '' when blank (unassigned). */
  readonly originalRep: readonly string[];
  /** Index into `Book.reps` of the original rep, -1 when blank or not on the Reps sheet. */
  readonly originalRepIndex: Int32Array;
  /** Location key: lower-cased trimmed location, or -1 when blank, as a dense id. */
  readonly locationId: Int32Array;
  /** Excel row number of each account. */
  readonly row: Int32Array;
  /** Index into the source sheet's `rows` array (for export of the original cells). */
  readonly sourceIndex: Int32Array;
  /** Locked column (SPEC §15): 1 = pinned to its Original_Rep; 0 without the column. */
  readonly locked: Uint8Array;
  /** Locked_Rep: index into `Book.reps` of the rep the account is pinned to, -1 when blank or absent. */
  readonly lockedRepIndex: Int32Array;
}

/** Where the Accounts sheet's columns were found, for CSV export and workbook writes. */
export interface AccountsLayout {
  /** Index in SheetInput.rows of the header row. */
  readonly headerIndex: number;
  /** Excel row number of the header row. */
  readonly headerRow: number;
  /** Header cells as written. */
  readonly headers: readonly string[];
  /** Canonical name → 0-based column index. */
  readonly columns: Readonly<Record<string, number>>;
  /** True when the original-rep column is headed Current_Rep (renamed on export). */
  readonly usesCurrentRepAlias: boolean;
  /** Existing result columns from an earlier run (0-based), or -1. */
  readonly segmentColumn: number;
  readonly assignedRepColumn: number;
}

/** A validated workbook, ready for any number of allocations. */
export interface Book {
  readonly reps: readonly Rep[];
  readonly accounts: AccountTable;
  /** Risk_Score column exists with at least one number. */
  readonly riskEnabled: boolean;
  readonly hasRiskColumn: boolean;
  /** Account indexes by ARR descending, then Account_ID ascending (code-unit order). */
  readonly order: Int32Array;
  /** Distinct location keys; `AccountTable.locationId` and `repLocationId` index it. */
  readonly locations: readonly string[];
  /** Location id per rep (-1 when blank). */
  readonly repLocationId: Int32Array;
  readonly accountsLayout: AccountsLayout;
  /** The Accounts sheet as read (for export of extra columns). */
  readonly accountsSheet: SheetInput;
  readonly repsSheetName: string;
}

export type ReadResult =
  | { readonly ok: true; readonly book: Book; readonly warnings: readonly Warning[] }
  | {
      readonly ok: false;
      readonly errors: readonly InputError[];
      readonly warnings: readonly Warning[];
      /** What can be told despite the errors, for the settings of an error report. */
      readonly riskEnabled: boolean;
      /** The §3 default threshold over the Num_Employees cells that parsed; null when none did. */
      readonly defaultThreshold: number | null;
    };

/** Integer percentages summing to 100. */
export interface Weights {
  readonly arr: number;
  readonly accounts: number;
  readonly risk: number;
}

/** "Fresh allocation" or "Start from current books" (SPEC §15). */
export type AllocationMode = 'fresh' | 'rebalance';

/** Per-segment default cap on accounts per rep; null = no cap (a rep's Max_Accounts cell overrides it). */
export type SegmentCaps = Readonly<Record<SegmentName, number | null>>;

export interface Settings {
  readonly threshold: number;
  readonly weights: Weights;
  /** In [0, 0.10], 0.01 steps. */
  readonly geoBonus: number;
  readonly preserveBonus: number;
  /** Risk_Score ≥ cutoff ⇒ high-risk. */
  readonly riskCutoff: number;
  /** Allocation v2 (SPEC §15): where the allocation starts. */
  readonly mode: AllocationMode;
  /** Refinement after the greedy (moves and swaps, §15). */
  readonly refine: boolean;
  /** Rebalance mode's move budget, whole percent of each segment's accounts (0–100). */
  readonly budget: number;
  readonly maxAccounts: SegmentCaps;
}

/**
 * The threshold slider (SPEC §3): positions are the nice-number grid on a log scale, or min, min + step,
 * … max on a linear one (one decade or less). Position i is `sliderPosition(slider, i)`.
 */
export interface ThresholdSlider {
  readonly scale: 'log' | 'linear';
  /** First and last positions. */
  readonly min: number;
  readonly max: number;
  /** Linear scale: the step between positions; 0 on the log scale. */
  readonly step: number;
  /** Number of positions. */
  readonly count: number;
  /** The log scale's positions, ascending; null on the linear scale (computed from min and step). */
  readonly grid: readonly number[] | null;
  readonly defaultValue: number;
}
