/**
 * Compiles the CLI (build/cli/, ≈ 0.1 s) before the unit tests, so the tests that spawn
 * bin/territory-slicer.mjs run the current source, never a stale build.
 */
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup() {
  await buildCli();
}
