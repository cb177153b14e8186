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
