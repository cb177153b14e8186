/**
 * A hash of everything the pane's bundle is built from, so `npm run preview` (and the e2e setup)
 * can serve an existing dist/ instead of rebuilding it: the sources, the assets, the build
 * configuration, the installed packages, the mode and the environment variables the build reads.
 * webpack.config.js writes it into dist/ with every build (dist/.inputs-hash); webpack empties
 * dist/ when it starts, so a failed or interrupted build leaves no hash and is rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The sample workbook preview mode opens: assets/sample-territory.xlsx (made by `npm run sample`).
 * TS_SAMPLE_XLSX overrides it (tests of the pane against another book).
 */
export function samplePathFromEnv() {
  return process.env.TS_SAMPLE_XLSX ? path.resolve(process.env.TS_SAMPLE_XLSX) : path.join(root, 'assets', 'sample-territory.xlsx');
}

/** samplePathFromEnv() when this module loaded (what webpack.config.js builds with). */
export const samplePath = samplePathFromEnv();

/** The file dist/ carries its inputs' hash in. */
export const HASH_FILE = '.inputs-hash';

// Directories read whole, and single files, relative to the repository root.
const INPUT_DIRS = ['src', 'assembly', 'assets'];
const INPUT_FILES = [
  'webpack.config.js',
  'scripts/manifest-url.mjs',
  'scripts/sample-sheets-loader.mjs',
  'scripts/pane-inputs.mjs',
  'manifest.xml',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  // What npm actually installed (changes with any install, even one the lock file does not record).
  'node_modules/.package-lock.json',
];

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
    });
}

/** The hash of the pane's inputs for a build in `mode` (with this process's TS_SAMPLE_XLSX and ADDIN_URL). */
export function paneInputsHash(mode) {
  const addinUrl = process.env.ADDIN_URL;
  const hash = createHash('sha256');
  const add = (label, data) => hash.update(`${label}\0${data.length}\0`).update(data);
  add('mode', mode);
  add('addin-url', addinUrl ?? '');
  add('node', process.version);
  const sample = samplePathFromEnv();
  add('sample', sample);
  const files = [...INPUT_DIRS.flatMap((d) => filesUnder(path.join(root, d))), ...INPUT_FILES.map((f) => path.join(root, f)), sample];
  for (const file of files) {
    add('file', path.relative(root, file));
    add('content', existsSync(file) && statSync(file).isFile() ? readFileSync(file) : Buffer.from('(missing)'));
  }
  return hash.digest('hex');
}

/** True when dir holds a complete build whose inputs hash to `expected`. */
export function distIsCurrent(dir, expected) {
  const file = path.join(dir, HASH_FILE);
  return existsSync(path.join(dir, 'taskpane.html')) && existsSync(file) && readFileSync(file, 'utf8').trim() === expected;
}
