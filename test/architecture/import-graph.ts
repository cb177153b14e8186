/**
 * The import graph of src/, read with TypeScript's own import scanner (static, dynamic and
 * type-only imports alike: a type import ties two layers as much as a value import does).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SRC = path.resolve('src');

/** One import: `from` and, for relative imports, `to` as paths relative to src/; `external` otherwise. */
export type ImportEdge =
  | { readonly from: string; readonly to: string; readonly external?: undefined }
  | { readonly from: string; readonly external: string; readonly to?: undefined };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Sources import './x.js' (ESM style) for x.ts / x.tsx. */
function resolveRelative(fromFile: string, spec: string): string {
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.mjs$/, '.mts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
}

/** Every import of every source file under src/. */
export function importGraph(root = SRC): ImportEdge[] {
  return sourceFiles(root).flatMap((file) => {
    const from = path.relative(root, file);
    return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: spec }): ImportEdge =>
      spec.startsWith('.') ? { from, to: path.relative(root, resolveRelative(file, spec)) } : { from, external: spec },
    );
  });
}

/** The top-level folder of a path under src/: its layer. */
export const layerOf = (file: string): string => file.split(/[\\/]/)[0]!;

/** A package as the rules name it: `@scope/*`, `node:*`, or the package without its subpath. */
export function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return 'node:*';
  if (spec.startsWith('@')) return `${spec.split('/')[0]}/*`;
  return spec.split('/')[0]!;
}
