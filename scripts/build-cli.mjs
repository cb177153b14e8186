#!/usr/bin/env node
/**
 * `npm run build:cli` (and `prepare`, so `npm ci` runs it): compiles the command line from src/ to
 * plain ES modules in build/cli/ with esbuild, which bin/territory-slicer.mjs runs — no TypeScript
 * compiler at start-up. Two entries: bin.mjs (runs the CLI when imported) and optimize-worker.mjs (the worker_threads entry,
 * named like src/cli/optimize-worker.mjs so the pool's `new URL('./optimize-worker.mjs',
 * import.meta.url)` finds the compiled worker beside the compiled pool, and the tsx shim beside
 * the source). Packages stay external (exceljs, zod load from node_modules); code splitting keeps
 * ExcelJS out of start-up: input.ts imports the .xlsx reader only when a workbook is read.
 * The test and bench setups call buildCli() too, so they never spawn a stale build.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWasm } from './build-wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliDir = path.join(root, 'build', 'cli');

/** Rebuilds build/cli/ from src/cli (≈ 0.1 s), after the WebAssembly kernel it bundles. Deterministic: same sources → same bytes. */
export async function buildCli() {
  await buildWasm();
  const { build } = await import('esbuild');
  rmSync(cliDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { bin: 'src/cli/bin.ts', 'optimize-worker': 'src/cli/optimize-worker.ts' },
    outdir: cliDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildCli().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
