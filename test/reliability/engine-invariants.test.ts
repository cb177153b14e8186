/**
 * Engine invariants on random valid books that test/engine/properties.test.ts does not cover:
 * the ranges of every fairness number (SPEC §5), the JSON report's ordering (SPEC §13) and
 * the sensitivity samples. Allocation correctness itself is checked there, against the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balancedComposite,
  bookThresholdSlider,
  buildReport,
  cellText,
  customComposite,
  driverStats,
  evaluate,
  overallComposite,
  readBook,
  sensitivity,
  type Cell,
  type DriverSet,
} from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';
import { checkReportOrder, checkReportRanges, nonFiniteNumbers } from './checks.js';
import { settingsDraw, settingsFromDraw } from './hostile.js';

// Loads as a segment can end up with them: zeros, equal values, one whale, decimals, wide spreads.
// Magnitudes the reader accepts (ARR 0 or within [1e-100, 1e100]).
const load = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.double({ min: 1e-100, max: 1e12, noNaN: true }),
  fc.constantFrom(0, 0.1, 1 / 3, 1e-9, 1e9, 123_456.789),
);
const loads = fc.oneof(
  fc.array(load, { minLength: 1, maxLength: 40 }),
  // All equal: the spread must be exactly 0 or a rounding hair above, never negative.
  fc.tuple(load, fc.integer({ min: 1, max: 200 })).map(([x, k]) => new Array<number>(k).fill(x)),
  // One whale among equals.
  fc.tuple(load, load, fc.integer({ min: 1, max: 50 })).map(([x, w, k]) => [...new Array<number>(k).fill(x), w]),
);

describe('fairness metrics stay in range (SPEC §5)', () => {
  it('CV ≥ 0, score in [0, 100], Gini in [0, 1), Min/Max in [0, 1]; N/A exactly when the mean is 0', () => {
    fc.assert(
      fc.property(loads, (values) => {
        const s = driverStats(Float64Array.from(values));
        const sum = values.reduce((t, x) => t + x, 0);
        if (sum === 0) {
          expect(s).toBeNull();
          return;
        }
        expect(s).not.toBeNull();
        expect(s!.cv).toBeGreaterThanOrEqual(0);
        expect(s!.score).toBeGreaterThanOrEqual(0);
        expect(s!.score).toBeLessThanOrEqual(100);
        expect(s!.gini).toBeGreaterThanOrEqual(0);
        expect(s!.gini).toBeLessThan(1);
        expect(s!.minMaxRatio).not.toBeNull();
        expect(s!.minMaxRatio!).toBeGreaterThanOrEqual(0);
        expect(s!.minMaxRatio!).toBeLessThanOrEqual(1);
        // Gini is bounded by (k − 1)/k: all load on one rep.
        expect(s!.gini).toBeLessThanOrEqual((values.length - 1) / values.length + 1e-12);
      }),
      { numRuns: 5000, seed: 8001 },
    );
  });

  it('Custom, Balanced and Overall composites of in-range scores stay in [0, 100]', () => {
    const stats = fc.option(fc.double({ min: 0, max: 100, noNaN: true }).map((score) => ({ mean: 1, cv: 100 - score, score, gini: 0, minMaxRatio: 1 })), { nil: null });
    const weights = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([p, q]) => {
      const lo = Math.min(p, q), hi = Math.max(p, q);
      return { arr: lo, accounts: hi - lo, risk: 100 - hi };
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(stats, stats, stats, fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 2 }), weights, (parts, w) => {
        const composites = parts.map(([arr, accounts, risk, reps]) => {
          const set: DriverSet = { arr, accounts, risk };
          const custom = customComposite(set, w), balanced = balancedComposite(set);
          for (const c of [custom, balanced]) if (c !== null) expect(c >= 0 && c <= 100).toBe(true);
          return { reps, custom, balanced };
        });
        for (const key of ['custom', 'balanced'] as const) {
          const overall = overallComposite(composites.map((c) => ({ reps: c.reps, value: c[key] })));
          if (overall !== null) expect(overall >= 0 && overall <= 100).toBe(true);
        }
      }),
      { numRuns: 5000, seed: 8002 },
    );
  });
});

// Valid books with the shapes that stress metrics and ordering: decimal and zero ARR, many reps,
// duplicate-looking IDs that differ by case, rows shuffled, blank rows and title rows, extra columns.
const validBook = fc
  .record({
    reps: fc.uniqueArray(
      fc.record({ name: fc.constantFrom('Ann', 'ann b', 'Ben', 'Zoë', '=Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kai', 'Lu', 'שרה', 'é', 'e\u0301'), segment: fc.constantFrom('E', 'MM', 'Enterprise', 'mid market'), location: fc.constantFrom('CA', 'ny', '', 'TX') }),
      { minLength: 1, maxLength: 14, selector: (r) => r.name.toLowerCase() },
    ),
    accounts: fc.uniqueArray(
      fc.record({
        id: fc.oneof(fc.integer({ min: 1, max: 400 }).map((n) => `a-${n}`), fc.integer({ min: 1, max: 400 }).map((n) => `A-${n}`), fc.integer({ min: 1, max: 400 })),
        arr: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.double({ min: 0.01, max: 5e6, noNaN: true }), fc.constantFrom('$1,200', ' 850 ', '0.5', 1e-90, 1e90)),
        employees: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(999.5, 1000, '1,000')),
        owner: fc.integer({ min: -2, max: 15 }),
        location: fc.constantFrom('CA', 'ca', 'NY', '', 'TX'),
        risk: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      }),
      { minLength: 1, maxLength: 80, selector: (a) => String(a.id) },
    ),
    titleRows: fc.integer({ min: 0, max: 3 }),
    blankEvery: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ reps, accounts, titleRows, blankEvery }) => {
    const repRows: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ...reps.map((r) => [r.name, r.segment, r.location])];
    const accountRows: Cell[][] = [
      ...Array.from({ length: titleRows }, (_, i): Cell[] => (i === 0 ? ['FY26 book'] : [])),
      ['Account_ID', 'Account_Name', 'Current_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score', 'Notes'],
    ];
    accounts.forEach((a, i) => {
      if (blankEvery > 0 && i % blankEvery === blankEvery - 1) accountRows.push([]);
      const owner = a.owner === -2 ? 'Gone' : a.owner < 0 || a.owner >= reps.length ? '' : reps[a.owner]!.name.toUpperCase();
      accountRows.push([a.id, `Account ${i}`, owner, a.arr, a.employees, a.location, a.risk, i % 3 === 0 ? '@note' : null]);
    });
    return { repRows, accountRows };
  });

describe('fairness numbers and report order on random valid books', () => {
  it('every driver, composite, before-score and sensitivity sample is in range; the report is finite and ordered', () => {
    fc.assert(
      fc.property(validBook, settingsDraw, fc.boolean(), ({ repRows, accountRows }, draw, withSensitivity) => {
        const result = readBook({ name: 'Reps', rows: repRows, firstRow: 1 }, { name: 'Accounts', rows: accountRows, firstRow: 1 });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const { book } = result;
        const settings = settingsFromDraw(book, draw);
        const ev = evaluate(book, settings);
        const samples = withSensitivity ? sensitivity(book, settings, bookThresholdSlider(book)) : undefined;
        const report = buildReport(book, ev, result.warnings, { sensitivity: samples });
        expect(nonFiniteNumbers(report)).toEqual([]);
        expect(checkReportRanges(report)).toEqual([]);
        expect(checkReportOrder(book, report)).toEqual([]);
        // Independently of the reader: assignment IDs are the Accounts sheet's ID column, top to bottom.
        const header = accountRows.findIndex((r) => r[0] === 'Account_ID');
        const sheetIds = accountRows.slice(header + 1).filter((r) => r.length > 0).map((r) => cellText(r[0]));
        expect((report.assignments as { accountId: string }[]).map((a) => a.accountId)).toEqual(sheetIds);
        // And reps per segment are the Reps sheet's rows of that segment, top to bottom.
        const segments = report.segments as Record<string, { reps: { name: string }[] }>;
        const ent = repRows.slice(1).filter((r) => /^e/i.test(String(r[1]))).map((r) => String(r[0]));
        expect(segments.Enterprise!.reps.map((r) => r.name)).toEqual(ent);
      }),
      { numRuns: 500, seed: 8101 },
    );
  });

  it('holds on seeded generated books of varied size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 40 }), fc.integer(), settingsDraw, (accounts, reps, seed, draw) => {
        const g = generateBook({ accounts, reps, seed });
        const result = readBook({ name: 'Reps', rows: g.reps, firstRow: 1 }, { name: 'Accounts', rows: g.accounts, firstRow: 1 });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const { book } = result;
        const report = buildReport(book, evaluate(book, settingsFromDraw(book, draw)), result.warnings);
        expect(nonFiniteNumbers(report)).toEqual([]);
        expect(checkReportRanges(report)).toEqual([]);
        expect(checkReportOrder(book, report)).toEqual([]);
      }),
      { numRuns: 60, seed: 8102 },
    );
  });
});
