/** Builds the WebAssembly kernel's generated module (only when its source changed) before the dom tests. */
import { buildWasm } from '../../scripts/build-wasm.mjs';

export default async function setup() {
  await buildWasm();
}
