#!/usr/bin/env node
// Runs the compiled CLI (build/cli/, made by `npm run build:cli`, which `npm ci` runs as `prepare`):
// plain JavaScript, no TypeScript compiler at start-up. `npm run cli -- …` runs the source via tsx.
try {
  await import('../build/cli/bin.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('bin.mjs')) throw error;
  console.error('territory-slicer: the compiled CLI (build/cli/) is missing: run `npm run build:cli` (npm ci and npm install run it).');
  process.exitCode = 1;
}
