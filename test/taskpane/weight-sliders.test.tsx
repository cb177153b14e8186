/**
 * The weights as the pane runs them: the real App, its state hooks (usePane → useLiveView, which
 * applies the engine's least-recently-edited rule) and a compute client on this thread, over an
 * in-memory workbook. Sliders and number boxes follow the same rule (SPEC §10.1).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_WEIGHT_ORDER, setWeightLeastRecent, type Cell, type SheetInput } from '../../src/engine/index.js';
import { App } from '../../src/taskpane/App.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { ComputeClient } from '../../src/worker/client.js';
import { changeValue, cleanup, getAllByText, getByRole, queryAllByRole, renderInPane, waitFor } from './setup.js';

afterEach(cleanup);

// Preview mode's bundled sample is a webpack asset; the pane here runs on its Office host path.
vi.mock('../../src/taskpane/preview/sample.js', () => ({ previewBook: () => Promise.reject(new Error('no preview sample in tests')) }));

/** The pane over a 40-account book: with its Risk_Score column, or without it. */
async function renderPane({ risk }: { risk: boolean }) {
  const sheets = syntheticSheets({ accounts: 40, reps: 5, seed: 3 });
  const withoutRisk = (s: SheetInput): SheetInput => ({ ...s, rows: s.rows.map((r): Cell[] => r.slice(0, 6)) });
  const workbook = new MemoryWorkbook([sheets.reps, risk ? sheets.accounts : withoutRisk(sheets.accounts)]);
  await renderInPane(<App host={{ mode: 'office', workbook, dark: false }} client={ComputeClient.mainThread()} />);
  await waitFor(() => expect(queryAllByRole('slider', 'ARR weight')).toHaveLength(1), 10_000);
}

const shown = () => ({
  arr: Number(getByRole('slider', 'ARR weight').getAttribute('value')),
  accounts: Number(getByRole('slider', 'Accounts weight').getAttribute('value')),
  risk: Number(getByRole('slider', 'Risk weight').getAttribute('value')),
});
/** What the number boxes say: the same weights, typed or not. */
const boxes = () => ({
  arr: Number((getByRole('spinbutton', 'ARR weight (%)') as HTMLInputElement).value),
  accounts: Number((getByRole('spinbutton', 'Accounts weight (%)') as HTMLInputElement).value),
  risk: Number((getByRole('spinbutton', 'Risk weight (%)') as HTMLInputElement).value),
});

describe('weights', () => {
  it('keep the three weights summing to 100, taking each edit from the least recently edited driver', async () => {
    await renderPane({ risk: true });
    expect(shown()).toEqual({ arr: 34, accounts: 33, risk: 33 });
    expect(boxes()).toEqual(shown());
    await changeValue(getByRole('slider', 'ARR weight'), '50');
    const first = setWeightLeastRecent({ arr: 34, accounts: 33, risk: 33 }, 'arr', 50, INITIAL_WEIGHT_ORDER, true);
    expect(shown()).toEqual(first.weights);
    expect(shown()).toEqual({ arr: 50, accounts: 33, risk: 17 });
    await changeValue(getByRole('slider', 'Risk weight'), '1');
    // Risk was set: Accounts (edited longer ago than ARR) makes up the sum.
    expect(shown()).toEqual(setWeightLeastRecent(first.weights, 'risk', 1, first.order, true).weights);
    expect(shown()).toEqual({ arr: 50, accounts: 49, risk: 1 });
    expect(boxes()).toEqual(shown());
    expect(getAllByText('Total 100 %')).toHaveLength(1);
  });

  it('set an exact 50 / 30 / 20 in two edits of the number boxes', async () => {
    await renderPane({ risk: true });
    await changeValue(getByRole('spinbutton', 'ARR weight (%)'), '50');
    await changeValue(getByRole('spinbutton', 'Accounts weight (%)'), '30');
    expect(shown()).toEqual({ arr: 50, accounts: 30, risk: 20 });
    expect(boxes()).toEqual({ arr: 50, accounts: 30, risk: 20 });
    // A box takes whole percentages 0–100 only; anything else is flagged and changes nothing.
    const risk = getByRole('spinbutton', 'Risk weight (%)');
    await changeValue(risk, '120');
    expect(risk.getAttribute('aria-invalid')).toBe('true');
    expect(shown()).toEqual({ arr: 50, accounts: 30, risk: 20 });
  });

  it('move in 1 % steps down to 0 and up to 100, the sliders as the boxes', async () => {
    await renderPane({ risk: true });
    const accounts = getByRole('slider', 'Accounts weight');
    await changeValue(accounts, '100');
    expect(shown()).toEqual({ arr: 0, accounts: 100, risk: 0 });
    await changeValue(accounts, '0');
    // Risk is the least recently edited other driver; it takes all of it.
    expect(shown()).toEqual({ arr: 0, accounts: 0, risk: 100 });
    const box = getByRole('spinbutton', 'ARR weight (%)');
    expect(box.getAttribute('aria-valuemin')).toBe('0');
    expect(box.getAttribute('aria-valuemax')).toBe('100');
    await changeValue(box, '7');
    expect(shown()).toEqual({ arr: 7, accounts: 0, risk: 93 });
  });

  it('lock Risk at 0 and grey it out when the book has no risk', async () => {
    await renderPane({ risk: false });
    const risk = getByRole('slider', 'Risk weight') as HTMLInputElement;
    expect(risk.disabled).toBe(true);
    expect((getByRole('spinbutton', 'Risk weight (%)') as HTMLInputElement).disabled).toBe(true);
    expect(shown()).toEqual({ arr: 50, accounts: 50, risk: 0 });
    await changeValue(getByRole('slider', 'ARR weight'), '70');
    expect(shown()).toEqual({ arr: 70, accounts: 30, risk: 0 });
    await changeValue(getByRole('spinbutton', 'Accounts weight (%)'), '45');
    expect(shown()).toEqual({ arr: 55, accounts: 45, risk: 0 });
    expect(getAllByText(/Risk weight is locked at 0 %/)).toHaveLength(1);
  });
});
