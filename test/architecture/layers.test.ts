/**
 * The layers as the code has them, checked on every run: engine ← workbook ← worker ← taskpane,
 * the CLI beside the pane over workbook and engine, the sample generator used by several, and
 * nothing importing the pane or the CLI. docs/ARCHITECTURE.md states the same graph; this test
 * fails when the two differ, so the document is written from the code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, layerOf, packageOf, SRC, type ImportEdge } from './import-graph.js';

/** What each layer may import: layers below it, and the packages it is allowed to depend on. */
const RULES: Readonly<Record<string, { readonly layers: readonly string[]; readonly packages: readonly string[] }>> = {
  engine: { layers: [], packages: ['zod'] },
  sample: { layers: [], packages: [] },
  workbook: { layers: ['engine'], packages: ['exceljs'] },
  worker: { layers: ['engine', 'workbook'], packages: ['zod'] },
  taskpane: { layers: ['engine', 'sample', 'workbook', 'worker'], packages: ['@fluentui/*', '@tanstack/*', 'react', 'react-dom', 'sample-workbook.xlsx'] },
  cli: { layers: ['engine', 'workbook'], packages: ['node:*', 'tsx'] },
};

/** Everything above the engine imports it through its public surface. */
const ENGINE_SURFACE = path.join('engine', 'index.ts');

/** Inside the workbook layer: the sheet layout is a plain description, rendered by the adapters. */
const LAYOUT_DIR = path.join('workbook', 'layout');
const ADAPTER_DIRS = ['office', 'memory', 'xlsx'].map((d) => path.join('workbook', d));

/** Every import that breaks a rule, as "from → to: why". */
export function violations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const layer = layerOf(e.from);
    const rule = RULES[layer];
    if (!rule) {
      out.push(`${e.from}: src/${layer} is no known layer (add it to RULES and docs/ARCHITECTURE.md)`);
      continue;
    }
    if (e.external !== undefined) {
      if (!rule.packages.includes(packageOf(e.external))) out.push(`${e.from} → ${e.external}: ${layer} may use ${rule.packages.join(', ') || 'no package'}`);
      continue;
    }
    const target = layerOf(e.to);
    if (target !== layer && !rule.layers.includes(target)) out.push(`${e.from} → ${e.to}: ${layer} may import ${[layer, ...rule.layers].join(', ')}`);
    if (target === 'engine' && layer !== 'engine' && e.to !== ENGINE_SURFACE) out.push(`${e.from} → ${e.to}: outside the engine, import its public surface (${ENGINE_SURFACE})`);
    if (e.from.startsWith(LAYOUT_DIR + path.sep) && ADAPTER_DIRS.some((d) => e.to.startsWith(d + path.sep))) {
      out.push(`${e.from} → ${e.to}: the layout describes the sheets; the adapters render it, not the other way round`);
    }
  }
  return out;
}

/** Import cycles between files, each as its path of files. */
function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to !== undefined) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...trail.slice(trail.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    for (const to of next.get(file) ?? []) visit(to, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of next.keys()) visit(file, []);
  return found;
}

/** Layer → the layers and packages it imports, as docs/ARCHITECTURE.md writes it. */
function layerLines(edges: readonly ImportEdge[]): string[] {
  return Object.keys(RULES).map((layer) => {
    const own = edges.filter((e) => layerOf(e.from) === layer);
    const layers = [...new Set(own.flatMap((e) => (e.to !== undefined && layerOf(e.to) !== layer ? [layerOf(e.to)] : [])))].sort();
    const packages = [...new Set(own.flatMap((e) => (e.external !== undefined ? [packageOf(e.external)] : [])))].sort();
    return `${layer.padEnd(9)}→ ${layers.join(', ') || '(no layer)'} · ${packages.join(', ') || 'no package'}`;
  });
}

const ARCHITECTURE = path.resolve('docs/ARCHITECTURE.md');

describe('layers', () => {
  const edges = importGraph();

  it('knows every folder of src/ as a layer and reads their imports', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual(Object.keys(RULES).sort());
    expect(edges.length).toBeGreaterThan(300);
  });

  it('no layer imports a layer above it, or a package it should not use', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('fails on an upward import (the check itself)', () => {
    const upward: ImportEdge[] = [
      { from: 'engine/x.ts', to: 'workbook/port.ts' },
      { from: 'workbook/layout/x.ts', to: 'workbook/office/env.ts' },
      { from: 'worker/x.ts', to: 'taskpane/App.tsx' },
      { from: 'engine/x.ts', external: 'react' },
      { from: 'cli/x.ts', to: 'taskpane/format.ts' },
      { from: 'worker/x.ts', to: 'engine/evaluate.ts' },
    ];
    expect(violations(upward)).toHaveLength(6);
    expect(cycles([{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'a.ts' }])).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('is the graph docs/ARCHITECTURE.md shows, and the files it names exist', () => {
    const doc = readFileSync(ARCHITECTURE, 'utf8');
    const block = /<!-- layers:begin -->\n```text\n([\s\S]*?)\n```\n<!-- layers:end -->/.exec(doc);
    expect(block, 'docs/ARCHITECTURE.md has the layers block').not.toBeNull();
    expect(block![1]!.split('\n')).toEqual(layerLines(edges));
    const cited = [...doc.matchAll(/`((?:src|test|bench|scripts|bin|docs)\/[^`\s]*)`/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((p) => !existsSync(path.resolve(p.replace(/\/$/, ''))))).toEqual([]);
  });
});
