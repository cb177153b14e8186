/** The pure rules of the allocation-v2 controls (SPEC §10.1, §15): cap boxes, budget words, the setup's counts. */
import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../../src/engine/index.js';
import { formatShown } from '../../src/taskpane/format.js';
import {
  budgetAllowance,
  budgetTotals,
  budgetValueText,
  capValueText,
  constraintsSummary,
  evenShare,
  formatCap,
  parseCap,
  stepCap,
} from '../../src/taskpane/components/allocationRules.js';

describe('cap boxes', () => {
  it('read blank as no cap and whole numbers ≥ 0, separators allowed; anything else is not usable', () => {
    expect(parseCap('')).toEqual({ ok: true, value: null });
    expect(parseCap('   ')).toEqual({ ok: true, value: null });
    expect(parseCap('25')).toEqual({ ok: true, value: 25 });
    expect(parseCap(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(parseCap('1,000')).toEqual({ ok: true, value: 1000 });
    expect(parseCap('12,345,678')).toEqual({ ok: true, value: 12_345_678 });
    for (const bad of ['-1', '2.5', '1e3', 'ten', '1,00', ',100', '0x10', '99999999999999999999']) expect(parseCap(bad), bad).toEqual({ ok: false });
  });

  it('show a cap with separators, no cap as blank, and say it in words', () => {
    expect(formatCap(null)).toBe('');
    expect(formatCap(1500)).toBe('1,500');
    expect(capValueText(null)).toBe('no cap');
    expect(capValueText(1)).toBe('1 account');
    expect(capValueText(1500)).toBe('1,500 accounts');
    for (const v of [0, 7, 1500, null]) expect(parseCap(formatCap(v))).toEqual({ ok: true, value: v });
  });

  it('step from no cap to the even share, then by 1 (Page: 10), never below 0', () => {
    expect(evenShare({ accounts: 283, repCount: 8 })).toBe(36);
    expect(evenShare({ accounts: 0, repCount: 3 })).toBe(0);
    expect(evenShare({ accounts: 10, repCount: 0 })).toBeNull();
    expect(stepCap(null, 1, false, 36)).toBe(36);
    expect(stepCap(null, -1, false, 36)).toBe(36);
    expect(stepCap(null, 1, false, null)).toBe(0);
    expect(stepCap(36, 1, false, 36)).toBe(37);
    expect(stepCap(36, -1, true, 36)).toBe(26);
    expect(stepCap(3, -1, true, 36)).toBe(0);
    expect(stepCap(0, -1, false, 36)).toBe(0);
  });
});

describe('move budget and the setup summary', () => {
  it('says the budget as a percentage and what it allows per segment', () => {
    expect(budgetValueText(10)).toBe('10 %');
    const seg = (name: 'Enterprise' | 'Mid-Market', budget: number | null, budgetUsed: number | null) => ({ name, refinement: { moves: 0, swaps: 0, budget, budgetUsed } });
    expect(budgetAllowance([seg('Enterprise', 11, 3), seg('Mid-Market', 1280, 9)])).toBe('Up to 11 Enterprise and 1,280 Mid-Market accounts may move away from their current rep.');
    expect(budgetAllowance([seg('Enterprise', null, null), seg('Mid-Market', null, null)])).toBeNull();
    // A segment without reps has no refinement and no budget.
    expect(budgetAllowance([{ name: 'Enterprise', refinement: null }, seg('Mid-Market', 28, 0)])).toBe('Up to 28 Mid-Market accounts may move away from their current rep.');
  });

  it('sums the budget used and allowed over the segments; none in fresh mode', () => {
    const r = (budget: number | null, budgetUsed: number | null) => ({ refinement: { moves: 1, swaps: 0, budget, budgetUsed } });
    expect(budgetTotals([r(11, 10), r(28, 28)])).toEqual({ used: 38, total: 39 });
    expect(budgetTotals([{ refinement: null }, r(28, 4)])).toEqual({ used: 4, total: 28 });
    expect(budgetTotals([r(null, null), r(null, null)])).toBeNull();
    expect(budgetTotals([{ refinement: null }, { refinement: null }])).toBeNull();
  });

  it('counts locks and caps in words, singular and none included', () => {
    expect(constraintsSummary(12, 2)).toBe('12 locked accounts, 2 reps with a cap');
    expect(constraintsSummary(1, 1)).toBe('1 locked account, 1 rep with a cap');
    expect(constraintsSummary(0, 0)).toBe('No locked accounts, no reps with a cap');
    expect(constraintsSummary(1200, 0)).toBe('1,200 locked accounts, no reps with a cap');
  });

  it('shows the best achievable CV% rounded as the CV% beside it, so it never reads above the actual value', () => {
    expect(formatShown(0.04)).toBe('0');
    expect(formatShown(0.5)).toBe('1');
    expect(formatShown(3.14)).toBe('3');
    expect(formatShown(null)).toBe('N/A');
    // The sample's Enterprise Accounts row: actual and floor both 1.48 (117 accounts, 4 reps).
    expect(formatShown(1.48)).toBe(String(roundHalfUp(1.48)));
  });
});
