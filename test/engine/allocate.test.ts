import { describe, expect, it } from 'vitest';
import { auditRecords, evaluate, type Cell } from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, REPS_HEADER, bookOf, greedySettingsFor } from '../helpers/books.js';

const names = (book: ReturnType<typeof bookOf>['book'], assigned: Int32Array) =>
  Array.from(assigned, (r) => (r < 0 ? null : book.reps[r]!.name));

/**
 * Two Enterprise reps; X1 goes to Ann (tie by name), X2 to Ben, then Y (in CA, Ann's state)
 * faces blended scores whose gap is `gap`: (2·p + 10)/(200 + 10) = 1 − gap.
 */
function bonusBook(gap: number) {
  const p = ((1 - gap) * 210 - 10) / 2;
  return bookOf(
    [REPS_HEADER, ['Ann', 'Enterprise', 'CA'], ['Ben', 'Enterprise', 'NY']],
    [
      ACCOUNTS_HEADER,
      ['X1', 'First', '', 100, 5000, '', 0],
      ['X2', 'Second', '', p, 5000, '', 0],
      ['Y', 'Target', '', 10, 5000, 'CA', 0],
    ],
  );
}

describe('preference bonuses are tie-breakers: B/(1+B) (SPEC §4)', () => {
  const weights = { arr: 100, accounts: 0, risk: 0 };
  it('a 0.10 geo bonus flips a 9 % gap', () => {
    const { book } = bonusBook(0.09);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000, weights, geoBonus: 0.1, preserveBonus: 0 }));
    expect(names(book, ev.allocation.assigned)).toEqual(['Ann', 'Ben', 'Ann']);
    const step3 = auditRecords(book, ev.allocation)[2]!;
    expect(step3.reasonCode).toBe('bonus');
    expect(step3.gapPct).toBeCloseTo(9, 6);
    expect(step3.reason).toMatch(/^Ann wins: geo match \(\+0\.10\) overcame a gap of 9\.0 %/);
  });

  it('but not an 11 % gap', () => {
    const { book } = bonusBook(0.11);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000, weights, geoBonus: 0.1, preserveBonus: 0 }));
    expect(names(book, ev.allocation.assigned)).toEqual(['Ann', 'Ben', 'Ben']);
    expect(auditRecords(book, ev.allocation)[2]!.reasonCode).toBe('lowest-score');
  });

  it('without the bonus the 9 % gap goes to the lighter rep', () => {
    const { book } = bonusBook(0.09);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000, weights, geoBonus: 0, preserveBonus: 0 }));
    expect(names(book, ev.allocation.assigned)[2]).toBe('Ben');
  });
});

describe('ties (SPEC §4, §14)', () => {
  // Accounts-only weighting makes every rep with the same account count tie exactly.
  const weights = { arr: 0, accounts: 100, risk: 0 };
  const reps: Cell[][] = [REPS_HEADER, ['Ann', 'E', ''], ['Ben', 'E', '']];
  const accounts: Cell[][] = [
    ACCOUNTS_HEADER,
    ['A1', 'Big', '', 100, 5000, '', 0],
    ['A2', 'Small', '', 10, 5000, '', 0],
    ['A3', 'Tiny', '', 5, 5000, '', 0],
  ];

  it('settles a tie by lower current ARR, then by name', () => {
    const { book } = bookOf(reps, accounts);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000, weights, geoBonus: 0, preserveBonus: 0 }));
    expect(names(book, ev.allocation.assigned)).toEqual(['Ann', 'Ben', 'Ben']);
    const audit = auditRecords(book, ev.allocation);
    expect(audit[0]!.reasonCode).toBe('tie-name');
    expect(audit[0]!.reason).toBe('Ann wins: tied score 0.444 with Ben and equal current ARR ($0), settled by name.');
    expect(audit[2]!.reasonCode).toBe('tie-arr');
    expect(audit[2]!.reason).toBe('Ben wins: tied score 1.333 with Ann, settled by lower current ARR ($10 vs $100).');
  });

  it('orders names lower-cased first ("adam" before "Zed")', () => {
    const { book } = bookOf([REPS_HEADER, ['Zed', 'E', ''], ['adam', 'E', '']], accounts.slice(0, 3));
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000, weights, geoBonus: 0, preserveBonus: 0 }));
    expect(names(book, ev.allocation.assigned)).toEqual(['adam', 'Zed']);
  });

  it('treats scores within a relative 1e-9 as tied: the tie rule, not the lower score, picks the winner', () => {
    // Step 3: Ann (geo match, +0.05) has the lower score, by a relative ~1e-12 only: Ann's
    // (2·105.25 + 10) / 1.05 equals Ben's 2·100 + 10 exactly, and 1.1e-10 off A1's ARR opens the
    // gap. Within 1e-9 it is a tie, settled by lower current ARR: Ben ($100 vs Ann's $105.25).
    const tiny = bookOf(
      [REPS_HEADER, ['Ann', 'Enterprise', 'CA'], ['Ben', 'Enterprise', 'NY']],
      [
        ACCOUNTS_HEADER,
        ['A1', 'First', '', 105.25 - 1.1e-10, 5000, '', 0],
        ['A2', 'Second', '', 100, 5000, '', 0],
        ['Y', 'Target', '', 10, 5000, 'CA', 0],
      ],
    ).book;
    const ev = evaluate(tiny, greedySettingsFor(tiny, { threshold: 1000, weights: { arr: 100, accounts: 0, risk: 0 }, geoBonus: 0.05, preserveBonus: 0 }));
    expect(names(tiny, ev.allocation.assigned)).toEqual(['Ann', 'Ben', 'Ben']);
    const step3 = auditRecords(tiny, ev.allocation)[2]!;
    const score = (rep: string) => step3.candidates.find((c) => c.rep === rep)!.score;
    // The scores differ, Ann's is the lower, and only the tolerance ties them.
    expect(score('Ann')).toBeLessThan(score('Ben'));
    const gap = (score('Ben') - score('Ann')) / score('Ann');
    expect(gap).toBeGreaterThan(1e-13);
    expect(gap).toBeLessThan(1e-11);
    expect(step3.reasonCode).toBe('tie-arr');
    expect(step3.reason).toMatch(/^Ben wins: tied score .* with Ann, settled by lower current ARR \(\$100 vs \$105\)\.$/);
  });

  it('treats only exact zeros as tied when the lowest score is 0', () => {
    // All ARR weight, but every account has zero ARR: the ARR target is 0, so ARR is left out of
    // scoring, every score is 0 and the name decides twice.
    const zero = bookOf(reps, [ACCOUNTS_HEADER, ['Z1', 'Zero', '', 0, 5000, '', 0], ['Z2', 'Zero', '', 0, 5000, '', 0]]).book;
    const ev = evaluate(zero, greedySettingsFor(zero, { threshold: 1000, weights: { arr: 100, accounts: 0, risk: 0 }, geoBonus: 0, preserveBonus: 0 }));
    // ARR target is 0, so ARR is left out of scoring: every score is 0 and the name decides twice.
    expect(names(zero, ev.allocation.assigned)).toEqual(['Ann', 'Ann']);
  });
});

describe('segments', () => {
  const reps: Cell[][] = [REPS_HEADER, ['Ann', 'E', 'CA'], ['Ben', 'MM', 'NY'], ['Cy', 'MM', 'TX']];
  const accounts: Cell[][] = [
    ACCOUNTS_HEADER,
    ['A1', 'One', 'Ann', 900, 5000, 'CA', 0.9],
    ['A2', 'Two', 'Ben', 100, 50, 'NY', 0.1],
    ['A3', 'Three', 'Cy', 300, 60, 'TX', 0.8],
  ];

  it('allocates Enterprise first and numbers audit steps across both segments', () => {
    const { book } = bookOf(reps, accounts);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000 }));
    const audit = auditRecords(book, ev.allocation);
    expect(audit.map((r) => [r.step, r.accountId, r.segment])).toEqual([
      [1, 'A1', 'Enterprise'],
      [2, 'A3', 'Mid-Market'],
      [3, 'A2', 'Mid-Market'],
    ]);
  });

  it('an empty segment gives N/A metrics and a warning, and nothing breaks', () => {
    const { book } = bookOf(reps, accounts);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1_000_000 }));
    expect(ev.segments[0].accounts).toBe(0);
    expect(ev.segments[0].drivers).toBeNull();
    expect(ev.segments[0].custom).toBeNull();
    // Its before is still computed from Ann's original book (A1, 900).
    expect(Array.from(ev.segments[0].beforeLoads!.arr)).toEqual([900]);
    expect(ev.dealSizeRatio).toBeNull();
    expect(ev.warnings.find((w) => w.code === 'empty-segment')?.message).toBe('No Enterprise accounts at this threshold.');
    // Overall is Mid-Market's alone: the empty segment has no composite to weigh in.
    expect(ev.overall.balanced).toBe(ev.segments[1].balanced);
    expect(ev.segments[1].balanced).not.toBeNull();
  });

  it('a segment with accounts but no reps leaves them unassigned with a warning', () => {
    const { book } = bookOf([REPS_HEADER, ['Ben', 'MM', 'NY']], accounts);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000 }));
    expect(names(book, ev.allocation.assigned)).toEqual([null, 'Ben', 'Ben']);
    expect(ev.segments[0].drivers).toBeNull();
    expect(ev.segments[0].before).toBeNull();
    expect(ev.warnings.find((w) => w.code === 'segment-without-reps')).toMatchObject({ subjects: ['A1'], count: 1 });
    // Ann's accounts went unassigned: rep → unassigned counts as moved.
    expect(ev.moved.accounts).toBe(2);
    expect(ev.allocation.steps.length).toBe(2);
  });

  it('flags reps who end with no accounts', () => {
    const { book } = bookOf([...reps, ['Dee', 'E', 'CA']], accounts);
    const ev = evaluate(book, greedySettingsFor(book, { threshold: 1000 }));
    expect(ev.warnings.find((w) => w.code === 'rep-without-accounts')?.subjects).toEqual(['Dee']);
  });
});

describe('risk disabled', () => {
  it('locks Risk at 0, defaults weights to 50/50/0 and shows Risk as N/A', () => {
    const { book } = bookOf(
      [REPS_HEADER, ['Ann', 'E', 'CA'], ['Ben', 'E', 'NY']],
      [ACCOUNTS_HEADER.slice(0, 6), ['A1', 'One', 'Ann', 900, 5000, 'CA'], ['A2', 'Two', 'Ben', 100, 5000, 'NY']],
    );
    const settings = greedySettingsFor(book);
    expect(settings.weights).toEqual({ arr: 50, accounts: 50, risk: 0 });
    const ev = evaluate(book, { ...settings, riskCutoff: 0 });
    expect(ev.segments[0].drivers?.risk).toBeNull();
    expect(ev.segments[0].before?.risk).toBeNull();
  });
});
