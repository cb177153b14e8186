/**
 * Undo / Redo (SPEC §10.1): the history over whole settings (pure), and the pane running it — the
 * real App with its hooks, buttons and keys over an in-memory workbook.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUDGET, NO_CAPS, type Settings } from '../../src/engine/index.js';
import { App } from '../../src/taskpane/App.js';
import { EMPTY_HISTORY, recordChange, redoStep, undoStep, type ChangeMark } from '../../src/taskpane/state/history.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { ComputeClient } from '../../src/worker/client.js';
import { changeValue, cleanup, click, getByRole, queryAllByRole, renderInPane, waitFor } from './setup.js';

afterEach(cleanup);

vi.mock('../../src/taskpane/preview/sample.js', () => ({ previewBook: () => Promise.reject(new Error('no preview sample in tests')) }));

const base: Settings = { threshold: 1000, weights: { arr: 34, accounts: 33, risk: 33 }, geoBonus: 0.05, preserveBonus: 0.05, riskCutoff: 0.7, mode: 'fresh', refine: true, budget: DEFAULT_BUDGET, maxAccounts: NO_CAPS };
const mark = (control: string, at: number, extra: Partial<ChangeMark> = {}): ChangeMark => ({ control, at, gesture: 0, dragging: false, ...extra });

describe('settings history', () => {
  it('makes one step of a run of changes on one control less than 500 ms apart', () => {
    let h = recordChange(EMPTY_HISTORY, base, mark('threshold-slider', 0));
    h = recordChange(h, { ...base, threshold: 1250 }, mark('threshold-slider', 300));
    h = recordChange(h, { ...base, threshold: 1500 }, mark('threshold-slider', 700));
    expect(h.past).toEqual([base]);
    // A pause over 500 ms, another control, or a new pointer press starts a new step.
    h = recordChange(h, { ...base, threshold: 2000 }, mark('threshold-slider', 1300));
    h = recordChange(h, { ...base, threshold: 2500 }, mark('geo-bonus', 1400));
    h = recordChange(h, { ...base, threshold: 2500, geoBonus: 0.06 }, mark('geo-bonus', 1500, { gesture: 1 }));
    expect(h.past.map((s) => s.threshold)).toEqual([1000, 2000, 2500, 2500]);
  });

  it('keeps one drag one step however slow, until the pointer is pressed again', () => {
    let h = recordChange(EMPTY_HISTORY, base, mark('arr', 0, { gesture: 3, dragging: true }));
    h = recordChange(h, { ...base, weights: { arr: 40, accounts: 33, risk: 27 } }, mark('arr', 2000, { gesture: 3, dragging: true }));
    expect(h.past).toHaveLength(1);
    h = recordChange(h, { ...base, weights: { arr: 45, accounts: 33, risk: 22 } }, mark('arr', 2100, { gesture: 4, dragging: true }));
    expect(h.past).toHaveLength(2);
  });

  it('undoes and redoes whole settings — any field, v2 ones included — and a new change drops the redo', () => {
    const v2: Settings = { ...base, mode: 'rebalance', refine: false, budget: 25, maxAccounts: { Enterprise: 30, 'Mid-Market': null } };
    const h = recordChange(EMPTY_HISTORY, base, mark('mode', 0));
    const back = undoStep(h, v2)!;
    expect(back.settings).toEqual(base);
    const forth = redoStep(back.history, base)!;
    expect(forth.settings).toEqual(v2);
    expect(undoStep(EMPTY_HISTORY, base)).toBeNull();
    expect(redoStep(h, v2)).toBeNull();
    expect(recordChange(back.history, base, mark('x', 10)).future).toEqual([]);
  });
});

async function renderPane() {
  const sheets = syntheticSheets({ accounts: 40, reps: 5, seed: 3 });
  await renderInPane(<App host={{ mode: 'office', workbook: new MemoryWorkbook([sheets.reps, sheets.accounts]), dark: false }} client={ComputeClient.mainThread()} />);
  await waitFor(() => expect(queryAllByRole('slider', 'Threshold')).toHaveLength(1), 10_000);
}

const threshold = () => (getByRole('spinbutton', 'Threshold value') as HTMLInputElement).getAttribute('aria-valuenow');
const button = (name: string) => getByRole('button', name) as HTMLButtonElement;
const press = async (target: Element, init: KeyboardEventInit) => {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
};

describe('Undo, Redo and Reset to defaults in the pane', () => {
  it('restore the previous threshold and weights with the buttons and Ctrl+Z / Ctrl+Y', async () => {
    await renderPane();
    const start = threshold();
    expect(button('Undo').disabled).toBe(true);
    expect(button('Reset to defaults').disabled).toBe(true);
    await changeValue(getByRole('slider', 'Threshold'), String(Number(getByRole('slider', 'Threshold').getAttribute('value')) + 2));
    const moved = threshold();
    expect(moved).not.toBe(start);
    await click(button('Undo'));
    expect(threshold()).toBe(start);
    await click(button('Redo'));
    expect(threshold()).toBe(moved);
    // Keys on a slider undo settings; Ctrl+Y redoes.
    await changeValue(getByRole('slider', 'Geo bonus'), '0.09');
    const slider = getByRole('slider', 'Geo bonus');
    await press(slider, { key: 'z', ctrlKey: true });
    expect(slider.getAttribute('value')).toBe('0.05');
    await press(slider, { key: 'y', ctrlKey: true });
    expect(getByRole('slider', 'Geo bonus').getAttribute('value')).toBe('0.09');
    // Inside a text box the keys are the box's own: the settings stay.
    const box = getByRole('spinbutton', 'Threshold value');
    await press(box, { key: 'z', ctrlKey: true });
    expect(getByRole('slider', 'Geo bonus').getAttribute('value')).toBe('0.09');
    // Reset to defaults is one step: Undo brings the user's settings back.
    await click(button('Reset to defaults'));
    expect(threshold()).toBe(start);
    expect(getByRole('slider', 'Geo bonus').getAttribute('value')).toBe('0.05');
    expect(button('Reset to defaults').disabled).toBe(true);
    await click(button('Undo'));
    expect(threshold()).toBe(moved);
    expect(getByRole('slider', 'Geo bonus').getAttribute('value')).toBe('0.09');
  });
});
