/** Types for scripts/build-cli.mjs (used by the unit tests' global setup). */

/** Absolute path of build/cli/. */
export const cliDir: string;
/** Rebuilds build/cli/ from src/cli with esbuild. */
export function buildCli(): Promise<void>;
