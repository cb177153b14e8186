/** Types for the independent reading of the spec (independent-report.mjs). */
export interface IndependentOutcome {
  readonly exitCode: 0 | 2;
  readonly report: Record<string, unknown>;
}
/** The §13 report (always with audit, sensitivity and optimize unless turned off); throws on bad flags (exit 1). */
export declare function buildReport(
  repsText: string,
  accountsText: string,
  opts?: Record<string, string | boolean | undefined>,
): IndependentOutcome;
export declare function parseCsv(text: string): string[][];

/** §3 threshold slider: scale, every position (ascending) and the default threshold (§15.1: nearest position, ties to the higher). */
export interface SliderPositions {
  readonly scale: 'log' | 'linear';
  readonly positions: number[];
  readonly default: number;
}
export declare function sliderPositions(employeesList: readonly number[]): SliderPositions;
/** The nice-number grid of §3 (0, 1, …, 6, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, …) up to the first value ≥ upTo. */
export declare function niceGrid(upTo: number): number[];
/** §6 sample thresholds: the positions (all when ≤ 50, else 50 by index rounding), plus the current threshold, ascending. */
export declare function sensitivitySamples(positions: readonly number[], currentThreshold?: number | null): number[];
export declare function defaultThreshold(employeesList: readonly number[]): number;
export declare function median(values: readonly number[]): number;
