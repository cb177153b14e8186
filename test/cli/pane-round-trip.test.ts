/**
 * SPEC §16: the pane stores exactly the settings object `--settings FILE.json` reads, so a pane result
 * is reproduced on the command line. The pane's compute session allocates the sample workbook with
 * non-default v2 settings; the settings it would store go through the binary; both agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyedSettings, parseStoredState, settingsToFile, inputHash, readBook } from '../../src/engine/index.js';
import { readXlsxSheets } from '../../src/workbook/xlsx/read.js';
import { ComputeSession } from '../../src/worker/compute.js';

const BIN = join(import.meta.dirname, '../../bin/territory-slicer.mjs');
const SAMPLE = join(import.meta.dirname, '../../assets/sample-territory.xlsx');

describe('pane settings → CLI (SPEC §16)', () => {
  it('the settings the pane stores reproduce its allocation on the command line', async () => {
    const sheets = await readXlsxSheets(new Uint8Array(readFileSync(SAMPLE)));
    const reps = sheets.find((s) => s.name === 'Reps')!, accounts = sheets.find((s) => s.name === 'Accounts')!;
    const session = new ComputeSession();
    const summary = session.load(reps, accounts);
    if (!summary.ok) throw new Error('sample has errors');
    const settings = { ...summary.defaults, threshold: 1250, weights: { arr: 50, accounts: 30, risk: 20 }, mode: 'rebalance' as const, budget: 15, maxAccounts: { Enterprise: 40, 'Mid-Market': null } };
    const request = keyedSettings(settings);
    const output = session.runOutput(request, '2026-12-07T12:00:00.000Z');
    // What the pane keeps in the document: the stored state, through JSON as Office settings keep it.
    const read = readBook(reps, accounts);
    if (!read.ok) throw new Error('sample has errors');
    const state = parseStoredState(JSON.parse(JSON.stringify({
      version: 1, settings: settingsToFile(settings, { repsSheet: 'Reps', accountsSheet: 'Accounts' }), savedAt: '2026-12-07T12:00:00.000Z', inputHash: inputHash(read.book), scenarios: [],
    })))!;
    const dir = mkdtempSync(join(tmpdir(), 'ts-roundtrip-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify(state.settings));
    const run = spawnSync(process.execPath, [BIN, 'report', '--workbook', SAMPLE, '--settings', file, '--json', '-'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    const { book, evaluation } = output;
    expect(report.assignments.map((a: { assignedRep: string | null }) => a.assignedRep)).toEqual(Array.from(evaluation.allocation.assigned, (r) => (r < 0 ? null : book.reps[r]!.name)));
    expect(report.overall).toEqual(evaluation.overall);
    expect(report.moved).toEqual(evaluation.moved);
    expect(report.segments.Enterprise.refine.budgetUsed).toBe(evaluation.segments[0].refinement!.budgetUsed);
    expect(report.settings).toMatchObject({ threshold: 1250, mode: 'rebalance', budget: 15, maxAccounts: { Enterprise: 40, 'Mid-Market': null } });
  });
});
