/**
 * What one Allocate press produces: the engine's result for a book and settings, as the workbook
 * writers, the compute worker and the CLI pass it on. It lives here, below every layer that
 * carries it, so the worker does not depend on the workbook layer for a type.
 */
import type { Evaluation } from './evaluate.js';
import type { Scenario } from './scenarios.js';
import type { SensitivitySample } from './sensitivity.js';
import type { Book, Warning } from './types.js';

/** Everything one Allocate press writes into the workbook. */
export interface RunOutput {
  readonly book: Book;
  readonly evaluation: Evaluation;
  /** Warnings from reading the sheets (the evaluation carries the threshold-dependent ones). */
  readonly readWarnings: readonly Warning[];
  readonly sensitivity: readonly SensitivitySample[];
  /** ISO timestamp shown on the Fairness sheet; injected so tests and the CLI stay deterministic. */
  readonly generatedAt: string;
  /** The scenarios saved in the pane (SPEC §16), for the Scenarios sheet; none when absent. */
  readonly scenarios?: readonly Scenario[];
}
