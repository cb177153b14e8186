/**
 * Hostile sheets through the reader and everything downstream of it (SPEC §2, §12, §14).
 * A fast subset of `npm run fuzz:long`, which runs the same properties over ≥ 100,000 sheets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookThresholdSlider, buildReport, evaluate, exportCsv, parseCsv, readBook, sensitivity, type SheetInput } from '../../src/engine/index.js';
import { readChecked, runPipeline } from './checks.js';
import { CaseCounter } from './coverage.js';
import { cellAsCsvText, hostileBook, settingsDraw, settingsFromDraw, writeCsv, type SettingsDraw } from './hostile.js';

// Fixed seeds keep CI reproducible; the long run draws fresh ones and prints them.
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 1500);

describe('readBook on hostile sheets', () => {
  it('never throws; returns located errors or a valid model; leaves the sheets untouched', () => {
    const cases = new CaseCounter<'valid model' | 'located errors'>(RUNS);
    fc.assert(
      fc.property(hostileBook, ({ reps, accounts }) => {
        const { result, violations } = readChecked(reps.sheet, accounts.sheet);
        expect(violations).toEqual([]);
        cases.hit(result.ok ? 'valid model' : 'located errors');
      }),
      { numRuns: RUNS, seed: 6001 },
    );
    // Both outcomes must be reached often enough for their checks to mean something.
    cases.expectAtLeast('valid model', 0.15);
    cases.expectAtLeast('located errors', 0.15);
  });

  it('when the book is valid, evaluate + audit + CSV export + JSON report never throw and stay finite and ordered', () => {
    const cases = new CaseCounter<'valid book through the pipeline'>(RUNS);
    fc.assert(
      fc.property(hostileBook, settingsDraw, ({ reps, accounts }, draw) => {
        const result = readBook(reps.sheet, accounts.sheet);
        if (!result.ok) return;
        const outcome = runPipeline(result.book, result.warnings, settingsFromDraw(result.book, draw));
        expect(outcome.violations).toEqual([]);
        cases.hit('valid book through the pipeline');
      }),
      { numRuns: RUNS, seed: 6002 },
    );
    cases.expectAtLeast('valid book through the pipeline', 0.15);
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
    const runs = Math.round(RUNS / 5);
    const cases = new CaseCounter<'full report (valid book)' | 'error report'>(runs);
    fc.assert(
      fc.property(hostileBook, settingsDraw, ({ reps, accounts }, draw) => {
        expect(run(reps.sheet, accounts.sheet, draw)).toBe(run(reps.sheet, accounts.sheet, draw));
        cases.hit(readBook(reps.sheet, accounts.sheet).ok ? 'full report (valid book)' : 'error report');
      }),
      { numRuns: runs, seed: 6004 },
    );
    cases.expectAtLeast('full report (valid book)', 0.15);
    cases.expectAtLeast('error report', 0.15);
  });

  it('the same sheets written to CSV and parsed back (the CLI path) are read without a throw', () => {
    const runs = Math.round(RUNS / 3);
    const cases = new CaseCounter<'valid after the CSV round trip'>(runs);
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
        if (result.ok) {
          expect(runPipeline(result.book, result.warnings).violations).toEqual([]);
          cases.hit('valid after the CSV round trip');
        }
      }),
      { numRuns: runs, seed: 6003 },
    );
    cases.expectAtLeast('valid after the CSV round trip', 0.15);
  });
});
