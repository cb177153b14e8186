/** The pane's plain-words checks (SPEC §10.1) and the Overall before composite. */
import { describe, expect, it } from 'vitest';
import { balancedComposite, customComposite, dominantDriverNote, evaluate, overallComposite, thresholdGuards } from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, REPS_HEADER, bookOf, greedySettingsFor } from '../helpers/books.js';

const REPS = [REPS_HEADER, ['Ann', 'E', 'CA'], ['Bob', 'E', 'NY'], ['Cat', 'E', 'TX'], ['Dee', 'MM', 'CA']];
const ACCOUNTS = [
  ACCOUNTS_HEADER,
  ['A1', 'One', 'Ann', 500, 5000, 'CA', 0.1],
  ['A2', 'Two', 'Dee', 400, 50, 'NY', 0.9],
  ['A3', 'Three', 'Bob', 300, 60, 'TX', 0.2],
  ['A4', 'Four', 'Cat', 200, 70, 'CA', 0.8],
];

describe('threshold guards', () => {
  it('says how many reps of a segment get no accounts, and when a segment has no reps', () => {
    const { book } = bookOf(REPS, ACCOUNTS);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000 }));
    expect(thresholdGuards(ev)).toEqual([
      { segment: 'Enterprise', kind: 'idle-reps', message: '2 of 3 Enterprise reps get no accounts at 1,000: the segment has 1 account.' },
    ]);
    const noMm = bookOf(REPS.slice(0, 4), ACCOUNTS).book;
    expect(thresholdGuards(evaluate(noMm, greedySettingsFor(noMm, { threshold: 102_000 })))).toEqual([
      { segment: 'Enterprise', kind: 'idle-reps', message: '3 of 3 Enterprise reps get no accounts at 102,000: the segment has 0 accounts.' },
      { segment: 'Mid-Market', kind: 'no-reps', message: '4 Mid-Market accounts have no rep at 102,000: the Reps sheet has no Mid-Market reps.' },
    ]);
    expect(thresholdGuards(evaluate(book, greedySettingsFor(book, { threshold: 55 })))).toEqual([]);
  });

  it('notes a recommendation that puts 90 % or more on one driver', () => {
    expect(dominantDriverNote({ arr: 0, accounts: 0, risk: 100 })).toBe('puts 100 % on Risk: ARR and account balance are ignored.');
    expect(dominantDriverNote({ arr: 92, accounts: 8, risk: 0 })).toBe('puts 92 % on ARR: Account and risk balance are nearly ignored.');
    expect(dominantDriverNote({ arr: 90, accounts: 10, risk: 0 })).toBe('puts 90 % on ARR: Risk balance is nearly ignored.');
    expect(dominantDriverNote({ arr: 89, accounts: 11, risk: 0 })).toBeNull();
  });
});

describe('Overall before (SPEC §10.1)', () => {
  it("is the composites of each segment's before loads, rep-weighted as the after ones", () => {
    const { book } = bookOf(REPS, ACCOUNTS);
    const settings = greedySettingsFor(book, { threshold: 65, weights: { arr: 50, accounts: 20, risk: 30 } });
    const ev = evaluate(book, settings);
    const parts = ev.segments.map((seg) => ({ reps: seg.reps.length, b: seg.before! }));
    expect(ev.overallBefore.balanced).toBe(overallComposite(parts.map((p) => ({ reps: p.reps, value: balancedComposite(p.b) }))));
    expect(ev.overallBefore.custom).toBe(overallComposite(parts.map((p) => ({ reps: p.reps, value: customComposite(p.b, settings.weights) }))));
    expect(ev.overallBefore.balanced).not.toBe(ev.overall.balanced);
  });
});
