/**
 * What the pane's allocation-v2 controls read from the worker (SPEC §10.1, §15): the locks and caps on
 * the sheets in the load summary, and per segment the best achievable CV%, the effective locks and the
 * refinement with its move budget — each equal to the engine's on a book with Locked, Locked_Rep and
 * Max_Accounts columns.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, keyedSettings, readBook, type Cell } from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';
import { ComputeSession } from '../../src/worker/compute.js';

/** A generated book with locks (Locked on accounts 0, 5, 10 …, Locked_Rep on one) and two reps with Max_Accounts. */
function constrained() {
  const g = generateBook({ accounts: 600, reps: 12, seed: 5 });
  const repName = String(g.reps[1]![0]);
  const accounts: Cell[][] = g.accounts.map((row, i) => (i === 0 ? [...row, 'Locked', 'Locked_Rep'] : [...row, i % 50 === 1 ? 'yes' : i % 50 === 2 ? 'FALSE' : '', i === 7 ? repName : '']));
  const reps: Cell[][] = g.reps.map((row, i) => (i === 0 ? [...row, 'Max_Accounts'] : [...row, i === 2 ? 30 : i === 5 ? 0 : null]));
  return { reps: { name: 'Reps', rows: reps, firstRow: 1 }, accounts: { name: 'Accounts', rows: accounts, firstRow: 1 } };
}

describe('the allocation-v2 figures the pane shows', () => {
  it('counts the locked accounts (Locked true or Locked_Rep filled) and the reps with their own cap', () => {
    const sheets = constrained();
    const summary = new ComputeSession().load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error(summary.errors[0]!.message);
    // Rows 1, 51, …, 551: 12 "yes"; row 7 pinned by Locked_Rep (not one of those); "FALSE" is no lock.
    expect(summary.lockedAccounts).toBe(13);
    expect(summary.cappedReps).toBe(2);
    const plain = generateBook({ accounts: 50, reps: 4, seed: 1 });
    const none = new ComputeSession().load({ name: 'Reps', rows: plain.reps, firstRow: 1 }, { name: 'Accounts', rows: plain.accounts, firstRow: 1 });
    expect(none.ok && [none.lockedAccounts, none.cappedReps]).toEqual([0, 0]);
  });

  it('carries the engine’s floor, effective locks and refinement (with the budget in rebalance mode) per segment', async () => {
    const sheets = constrained();
    const session = new ComputeSession();
    const summary = session.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error(summary.errors[0]!.message);
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('book has errors');
    for (const settings of [summary.defaults, { ...summary.defaults, mode: 'rebalance' as const, budget: 7 }, { ...summary.defaults, mode: 'rebalance' as const, refine: false }]) {
      const request = keyedSettings(settings);
      session.view(request);
      const view = settings.refine ? (await session.refinedView(request))! : session.view(request);
      const evaluation = evaluate(read.book, settings);
      view.segments.forEach((seg, s) => {
        const engine = evaluation.segments[s]!;
        expect(seg.floorCv).toEqual(engine.floorCv);
        expect(seg.locked).toBe(engine.locked);
        const r = engine.refinement!;
        expect(seg.refinement).toEqual({ moves: r.moves, swaps: r.swaps, budgetUsed: r.budgetUsed, budget: r.budget });
        if (settings.mode === 'fresh') expect(seg.refinement!.budget).toBeNull();
        else expect(seg.refinement!.budget).toBe(Math.floor((settings.budget * engine.accounts) / 100));
      });
      expect(view.segments.reduce((n, seg) => n + seg.locked, 0)).toBeGreaterThan(0);
    }
  });
});
