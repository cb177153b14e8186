/**
 * The weight sliders as the pane runs them: the real App, its state hooks (usePane → useLiveView,
 * which couples the weights through the engine) and a compute client on this thread, over an
 * in-memory workbook. Nothing in this file couples the weights itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setWeight, type Cell, type SheetInput } from '../../src/engine/index.js';
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

describe('weight sliders', () => {
  it('keep the three weights summing to 100 as the engine couples them', async () => {
    await renderPane({ risk: true });
    expect(shown()).toEqual({ arr: 34, accounts: 33, risk: 33 });
    await changeValue(getByRole('slider', 'ARR weight'), '50');
    expect(shown()).toEqual(setWeight({ arr: 34, accounts: 33, risk: 33 }, 'arr', 50, true));
    expect(shown().arr + shown().accounts + shown().risk).toBe(100);
    await changeValue(getByRole('slider', 'Risk weight'), '1');
    const w = shown();
    expect(w.risk).toBe(1);
    expect(w.arr + w.accounts + w.risk).toBe(100);
    expect(getAllByText('Total 100 %')).toHaveLength(1);
  });

  it('move in 1 % steps down to 0 and up to 100', async () => {
    await renderPane({ risk: true });
    const accounts = getByRole('slider', 'Accounts weight');
    await changeValue(accounts, '100');
    expect(shown()).toEqual({ arr: 0, accounts: 100, risk: 0 });
    await changeValue(accounts, '0');
    expect(shown()).toEqual({ arr: 50, accounts: 0, risk: 50 });
  });

  it('lock Risk at 0 and grey it out when the book has no risk', async () => {
    await renderPane({ risk: false });
    const risk = getByRole('slider', 'Risk weight') as HTMLInputElement;
    expect(risk.disabled).toBe(true);
    expect(shown()).toEqual({ arr: 50, accounts: 50, risk: 0 });
    await changeValue(getByRole('slider', 'ARR weight'), '70');
    expect(shown()).toEqual({ arr: 70, accounts: 30, risk: 0 });
    expect(getAllByText(/Risk weight is locked at 0 %/)).toHaveLength(1);
  });
});
