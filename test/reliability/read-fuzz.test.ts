/**
 * Hostile sheets through the reader and everything downstream of it (SPEC §2, §12, §14).
 * A fast subset of `npm run fuzz:long`, which runs the same properties over ≥ 100,000 sheets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookThresholdSlider, buildReport, evaluate, exportCsv, parseCsv, readBook, sensitivity, type SheetInput } from '../../src/engine/index.js';
import { readChecked, runPipeline } from './checks.js';
import { cellAsCsvText, hostileBook, settingsDraw, settingsFromDraw, writeCsv, type SettingsDraw } from './hostile.js';

// Fixed seeds keep CI reproducible; the long run draws fresh ones and prints them.
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 1500);

describe('readBook on hostile sheets', () => {
  it('never throws; returns located errors or a valid model; leaves the sheets untouched', () => {
    let valid = 0;
    fc.assert(
      fc.property(hostileBook, ({ reps, accounts }) => {
        const { result, violations } = readChecked(reps.sheet, accounts.sheet);
        expect(violations).toEqual([]);
        if (result.ok) valid++;
      }),
      { numRuns: RUNS, seed: 6001 },
    );
    // The generator must reach the valid path often enough for the pipeline property to mean something.
    expect(valid).toBeGreaterThan(RUNS * 0.15);
  });

  it('when the book is valid, evaluate + audit + CSV export + JSON report never throw and stay finite and ordered', () => {
    fc.assert(
      fc.property(hostileBook, settingsDraw, ({ reps, accounts }, draw) => {
        const result = readBook(reps.sheet, accounts.sheet);
        if (!result.ok) return;
        const outcome = runPipeline(result.book, result.warnings, settingsFromDraw(result.book, draw));
        expect(outcome.violations).toEqual([]);
      }),
      { numRuns: RUNS, seed: 6002 },
    );
  });

  it('is deterministic: reading and reporting the same hostile sheets twice gives byte-identical JSON and CSV', () => {
    const run = (reps: SheetInput, accounts: SheetInput, draw: SettingsDraw) => {
      const result = readBook(reps, accounts);
      if (!result.ok) return JSON.stringify(result);
      const settings = settingsFromDraw(result.book, draw);
      const ev = evaluate(result.book, settings);
      const samples = sensitivity(result.book, settings, bookThresholdSlider(result.book));
      return JSON.stringify(buildReport(result.book, ev, result.warnings, { audit: true, sensitivity: samples })) + exportCsv(result.book, ev.allocation);
    };
    fc.assert(
      fc.property(hostileBook, settingsDraw, ({ reps, accounts }, draw) => {
        expect(run(reps.sheet, accounts.sheet, draw)).toBe(run(reps.sheet, accounts.sheet, draw));
      }),
      { numRuns: Math.round(RUNS / 5), seed: 6004 },
    );
  });

  it('the same sheets written to CSV and parsed back (the CLI path) are read without a throw', () => {
    fc.assert(
      fc.property(hostileBook, ({ reps, accounts }) => {
        const viaCsv = (s: SheetInput): SheetInput => ({
          name: s.name,
          firstRow: 1,
          rows: parseCsv(writeCsv(s.rows.map((r) => Array.from(r, cellAsCsvText)))),
        });
        const r = viaCsv(reps.sheet), a = viaCsv(accounts.sheet);
        const { result, violations } = readChecked(r, a);
        expect(violations).toEqual([]);
        if (result.ok) expect(runPipeline(result.book, result.warnings).violations).toEqual([]);
      }),
      { numRuns: Math.round(RUNS / 3), seed: 6003 },
    );
  });
});
