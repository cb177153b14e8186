/** Types for scripts/pane-inputs.mjs (the preview's reuse check). */

/** The sample workbook a build would bundle now (TS_SAMPLE_XLSX, else assets/sample-territory.xlsx). */
export function samplePathFromEnv(): string;
/** samplePathFromEnv() when the module loaded. */
export const samplePath: string;
/** The file in dist/ that holds its inputs' hash. */
export const HASH_FILE: string;
/** The hash of the pane's inputs for a build in `mode`. */
export function paneInputsHash(mode: 'production' | 'development'): string;
/** True when dir holds a complete build whose inputs hash to `expected`. */
export function distIsCurrent(dir: string, expected: string): boolean;
