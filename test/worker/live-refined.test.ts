/**
 * Live then refined (SPEC §10.1): with refinement on, a view comes first from the greedy result
 * (stage 'greedy'), the refined view replaces it, and a newer live request stops a refinement in
 * progress (it answers null) while the worker keeps answering.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, keyedSettings, readBook } from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';
import { ComputeSession } from '../../src/worker/compute.js';

function loaded(accounts: number, reps: number) {
  const g = generateBook({ accounts, reps, seed: 11 });
  const sheets = { reps: { name: 'Reps', rows: g.reps, firstRow: 1 }, accounts: { name: 'Accounts', rows: g.accounts, firstRow: 1 } };
  const session = new ComputeSession();
  const summary = session.load(sheets.reps, sheets.accounts);
  if (!summary.ok) throw new Error('book has errors');
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) throw new Error('book has errors');
  return { session, defaults: summary.defaults, book: read.book };
}

describe('live then refined', () => {
  it('shows the greedy result first, then the refined one; refinement off gives the final view at once', async () => {
    const { session, defaults, book } = loaded(2000, 24);
    const request = keyedSettings(defaults);
    const first = session.view(request);
    expect(first.stage).toBe('greedy');
    const greedy = evaluate(book, { ...defaults, refine: false });
    expect(first.overall).toEqual(greedy.overall);
    const refined = await session.refinedView(request);
    const expected = evaluate(book, defaults);
    expect(refined).not.toBeNull();
    expect(refined!.stage).toBe('final');
    expect(refined!.overall).toEqual(expected.overall);
    expect(refined!.overall.balanced!).toBeGreaterThan(first.overall.balanced!);
    // Now on screen: the same request gives the refined view at once.
    expect(session.view(request).stage).toBe('final');
    const off = keyedSettings({ ...defaults, refine: false, threshold: defaults.threshold + 1 });
    expect(session.view(off)).toMatchObject({ stage: 'final', overall: evaluate(book, off.settings).overall });
  });

  it('a newer live request stops a refinement in progress; the worker answers it meanwhile', async () => {
    const { session, defaults } = loaded(20_000, 80);
    const old = keyedSettings(defaults);
    session.view(old);
    const pending = session.refinedView(old);
    // Let the refinement run a slice, then move the slider.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const newer = keyedSettings({ ...defaults, geoBonus: 0.02 });
    const t0 = performance.now();
    const view = session.view(newer);
    const answeredIn = performance.now() - t0;
    expect(view.key).toBe(newer.key);
    expect(await pending).toBeNull();
    console.log(`LIVE-REFINED: greedy view answered in ${answeredIn.toFixed(1)} ms while a refinement was pending`);
  });
});
