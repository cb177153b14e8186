/** Types for scripts/build-wasm.mjs (used by the tests and the build scripts). */

/** Hash of the kernel's source, the compiler's version and the options. */
export function wasmInputsHash(): string;
/** The hash the generated module was built from, or null when there is none. */
export function builtWasmHash(): string | null;
/** Builds the generated module unless it is current; resolves true when it built. */
export function buildWasm(): Promise<boolean>;
