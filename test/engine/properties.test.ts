/**
 * Property and differential tests over random books: the fast allocator against the simple
 * reference, every account once to a rep of its segment, loads summing to totals, determinism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, auditRecords, evaluate, type Cell, type Settings } from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, GREEDY_ONLY, REPS_HEADER, bookOf, generatedBook, greedySettingsFor } from '../helpers/books.js';
import { referenceAllocate } from '../helpers/reference-allocator.js';

const STATES = ['CA', 'NY', 'TX', ''];

// Small integer ARRs and few reps make exact ties and bonus flips frequent.
const bookArb = fc
  .record({
    reps: fc.array(fc.record({ segment: fc.constantFrom('E', 'MM'), location: fc.constantFrom(...STATES) }), { minLength: 1, maxLength: 7 }),
    accounts: fc.array(
      fc.record({
        arr: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2_000_000 })),
        employees: fc.integer({ min: 0, max: 3000 }),
        location: fc.constantFrom(...STATES),
        owner: fc.integer({ min: -2, max: 7 }),
        risk: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        id: fc.integer({ min: 0, max: 10_000 }),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  })
  .map(({ reps, accounts }) => {
    const repRows: Cell[][] = [REPS_HEADER, ...reps.map((r, i) => [`Rep ${String.fromCharCode(65 + ((i * 7) % 26))}${i}`, r.segment, r.location])];
    const seen = new Set<string>();
    const accountRows: Cell[][] = [ACCOUNTS_HEADER];
    accounts.forEach((a, i) => {
      const id = `ID-${a.id}`;
      if (seen.has(id)) return;
      seen.add(id);
      const owner = a.owner < 0 ? (a.owner === -1 ? '' : 'Departed') : a.owner < reps.length ? String(repRows[a.owner + 1]![0]).toUpperCase() : '';
      accountRows.push([id, `Account ${i}`, owner, a.arr, a.employees, a.location, a.risk]);
    });
    return { repRows, accountRows };
  });

const settingsArb = fc.record({
  threshold: fc.integer({ min: 0, max: 3000 }),
  split: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
  geo: fc.integer({ min: 0, max: 10 }),
  preserve: fc.integer({ min: 0, max: 10 }),
  cutoff: fc.constantFrom(0, 0.5, 0.7, 1),
});

interface DrawnSettings {
  threshold: number;
  split: [number, number];
  geo: number;
  preserve: number;
  cutoff: number;
}

function toSettings(s: DrawnSettings, riskEnabled: boolean): Settings {
  const [p, q] = s.split;
  const lo = Math.min(p, q), hi = Math.max(p, q);
  const weights = riskEnabled ? { arr: lo, accounts: hi - lo, risk: 100 - hi } : { arr: lo, accounts: 100 - lo, risk: 0 };
  return { threshold: s.threshold, weights, geoBonus: s.geo / 100, preserveBonus: s.preserve / 100, riskCutoff: s.cutoff, ...GREEDY_ONLY };
}

describe('fast allocator = reference allocator (differential)', () => {
  it('agrees to the last assignment on random books and settings', () => {
    fc.assert(
      fc.property(bookArb, settingsArb, ({ repRows, accountRows }, s) => {
        const { book } = bookOf(repRows, accountRows);
        const settings = toSettings(s, book.riskEnabled);
        const fast = allocate(book, settings);
        const expected = referenceAllocate(book, settings);
        expect(Array.from(fast.assigned, (r) => (r < 0 ? null : book.reps[r]!.name))).toEqual(expected);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('agrees on a wide team (5,000 accounts, 150 reps) across weights and bonuses', () => {
    const book = generatedBook(5000, 150, 4);
    for (const [weights, geoBonus, preserveBonus] of [
      [{ arr: 34, accounts: 33, risk: 33 }, 0.05, 0.05],
      [{ arr: 90, accounts: 5, risk: 5 }, 0.1, 0],
      [{ arr: 5, accounts: 90, risk: 5 }, 0, 0.1],
      [{ arr: 50, accounts: 0, risk: 50 }, 0.02, 0.08],
    ] as const) {
      const settings = greedySettingsFor(book, { weights, geoBonus, preserveBonus });
      const fast = allocate(book, settings);
      expect(Array.from(fast.assigned, (r) => (r < 0 ? null : book.reps[r]!.name))).toEqual(referenceAllocate(book, settings));
    }
  });

  it('agrees on seeded generated books (2,000 accounts, 24 reps)', () => {
    for (const seed of [1, 2, 3]) {
      const book = generatedBook(2000, 24, seed);
      for (const weights of [{ arr: 34, accounts: 33, risk: 33 }, { arr: 100, accounts: 0, risk: 0 }, { arr: 0, accounts: 50, risk: 50 }, { arr: 0, accounts: 100, risk: 0 }, { arr: 0, accounts: 0, risk: 100 }, { arr: 1, accounts: 0, risk: 99 }]) {
        const settings = greedySettingsFor(book, { weights, geoBonus: 0.07, preserveBonus: 0.03 });
        const fast = allocate(book, settings);
        expect(Array.from(fast.assigned, (r) => (r < 0 ? null : book.reps[r]!.name))).toEqual(referenceAllocate(book, settings));
      }
    }
  });
});

describe('allocation invariants', () => {
  it('assigns every account once, to a rep of its segment, and loads sum to segment totals', () => {
    fc.assert(
      fc.property(bookArb, settingsArb, ({ repRows, accountRows }, s) => {
        const { book } = bookOf(repRows, accountRows);
        const settings = toSettings(s, book.riskEnabled);
        const ev = evaluate(book, settings);
        const { assigned, segment, steps } = ev.allocation;
        const seenSteps = new Set(steps);
        expect(seenSteps.size).toBe(steps.length);
        for (let a = 0; a < book.accounts.count; a++) {
          const expectedSegment = book.accounts.employees[a]! >= settings.threshold ? 'Enterprise' : 'Mid-Market';
          expect(segment[a]).toBe(expectedSegment === 'Enterprise' ? 0 : 1);
          const r = assigned[a]!;
          if (r >= 0) {
            expect(book.reps[r]!.segment).toBe(expectedSegment);
            expect(seenSteps.has(a)).toBe(true);
          } else {
            expect(book.reps.some((rep) => rep.segment === expectedSegment)).toBe(false);
          }
        }
        for (const seg of ev.segments) {
          if (seg.reps.length === 0) continue;
          const sum = (xs: Float64Array) => xs.reduce((t, x) => t + x, 0);
          expect(sum(seg.loads.accounts)).toBe(seg.accounts);
          expect(sum(seg.loads.arr)).toBeCloseTo(seg.arr, 6);
          expect(sum(seg.loads.riskArr)).toBeCloseTo(seg.riskArr, 6);
          for (const d of ['arr', 'accounts', 'risk'] as const) {
            const stats = seg.drivers?.[d];
            if (stats) expect(stats.score).toBeGreaterThanOrEqual(0);
            if (stats) expect(stats.score).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    const book = generatedBook(500, 10, 9);
    const settings = greedySettingsFor(book);
    const a = evaluate(book, settings), b = evaluate(book, settings);
    expect(Array.from(a.allocation.assigned)).toEqual(Array.from(b.allocation.assigned));
    expect(JSON.stringify(a.segments.map((s) => s.drivers))).toBe(JSON.stringify(b.segments.map((s) => s.drivers)));
  });

  it('reordering Reps rows changes nothing when no name tie-break decides', () => {
    let compared = 0;
    fc.assert(
      fc.property(bookArb, settingsArb, fc.integer({ min: 0, max: 1000 }), ({ repRows, accountRows }, s, shuffleSeed) => {
        const { book } = bookOf(repRows, accountRows);
        const settings = toSettings(s, book.riskEnabled);
        const ev = evaluate(book, settings);
        const nameDecided = auditRecords(book, ev.allocation).some((r) => r.reasonCode === 'tie-name');
        const body = repRows.slice(1);
        const shuffled = body.map((row, i) => ({ row, key: (i * 7919 + shuffleSeed) % 104729 })).sort((x, y) => x.key - y.key).map((x) => x.row);
        const other = bookOf([repRows[0]!, ...shuffled], accountRows).book;
        const ev2 = evaluate(other, settings);
        const names = (b: typeof book, assigned: Int32Array) => Array.from(assigned, (r) => (r < 0 ? null : b.reps[r]!.name));
        if (nameDecided) return;
        expect(names(other, ev2.allocation.assigned)).toEqual(names(book, ev.allocation.assigned));
        if (book.reps.length > 1) compared++;
      }),
      { numRuns: 400, seed: 3 },
    );
    // Enough runs where the order of several reps really could have mattered.
    expect(compared).toBeGreaterThan(100);
  });

  it('the audit replay reproduces every winner of the allocation', () => {
    const book = generatedBook(800, 12, 21);
    const ev = evaluate(book, greedySettingsFor(book, { geoBonus: 0.1, preserveBonus: 0.1 }));
    const records = auditRecords(book, ev.allocation);
    expect(records.length).toBe(ev.allocation.steps.length);
    for (const r of records) {
      expect(r.winner).toBe(book.reps[ev.allocation.assigned[r.accountIndex]!]!.name);
      expect(r.candidates.find((c) => c.rank === 1)!.rep).toBe(r.winner);
      expect(r.reason).toContain(`${r.winner} wins`);
    }
  });
});
