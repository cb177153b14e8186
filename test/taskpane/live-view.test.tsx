/**
 * The pane's live view as the real App runs it (usePane and its hooks, a compute client on this
 * thread): what one slider move costs in requests to the worker and in settings keys.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as settingsModule from '../../src/engine/settings.js';
import { App } from '../../src/taskpane/App.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { ComputeClient } from '../../src/worker/client.js';
import { changeValue, cleanup, click, getByRole, queryAllByRole, renderInPane, settle, waitFor } from './setup.js';

afterEach(cleanup);

// Preview mode's bundled sample is a webpack asset; the pane here runs on its Office host path.
vi.mock('../../src/taskpane/preview/sample.js', () => ({ previewBook: () => Promise.reject(new Error('no preview sample in tests')) }));
// Every settings key, wherever computed (pane, worker on this thread), goes through here.
vi.mock('../../src/engine/settings.js', async (original) => {
  const actual = await original<typeof settingsModule>();
  return { ...actual, settingsKey: vi.fn(actual.settingsKey) };
});

async function renderPane() {
  const sheets = syntheticSheets({ accounts: 40, reps: 5, seed: 3 });
  const client = ComputeClient.mainThread();
  const views = vi.spyOn(client, 'view');
  await renderInPane(<App host={{ mode: 'office', workbook: new MemoryWorkbook([sheets.reps, sheets.accounts]), dark: false }} client={client} />);
  await waitFor(() => expect(queryAllByRole('slider', 'ARR weight')).toHaveLength(1), 10_000);
  await waitFor(() => expect(document.querySelector('[data-testid="fairness-cards"]')).not.toBeNull(), 10_000);
  // Let the sensitivity chart's debounced request run, so only the move is counted.
  await settle(300);
  return { views, keys: vi.mocked(settingsModule.settingsKey) };
}

const viewKey = () => document.querySelector<HTMLElement>('[data-testid="fairness-cards"]')!.dataset.viewKey;

describe('live view', () => {
  it.each([
    ['a weight', 'ARR weight', '50'],
    ['the threshold', 'Threshold', '5000'],
    ['a bonus', /Geo/, '0.08'],
  ])('moving %s asks the worker for one view and computes its settings key once', async (_, slider, value) => {
    const { views, keys } = await renderPane();
    const before = viewKey();
    views.mockClear();
    keys.mockClear();
    await changeValue(getByRole('slider', slider), value);
    await waitFor(() => expect(viewKey()).not.toBe(before), 5_000);
    await settle(300);
    expect(views).toHaveBeenCalledTimes(1);
    expect(keys).toHaveBeenCalledTimes(1);
    expect(viewKey()).toBe(keys.mock.results[0]!.value);
  });
});

describe('allocation-v2 controls in the live view', () => {
  it('mode and refine each ask for one view and leave the sensitivity chart alone; a cap redraws it', async () => {
    const { views } = await renderPane();
    const sensitivity = vi.spyOn(ComputeClient.prototype, 'sensitivity');
    const before = viewKey();
    views.mockClear();
    await click(getByRole('radio', 'Start from current books'));
    await waitFor(() => expect(viewKey()).not.toBe(before), 5_000);
    const rebalanced = viewKey();
    await click(getByRole('switch', 'Refine after greedy'));
    await waitFor(() => expect(viewKey()).not.toBe(rebalanced), 5_000);
    await settle(400);
    expect(views).toHaveBeenCalledTimes(2);
    expect(sensitivity).not.toHaveBeenCalled();
    // Budget used M of B shows in rebalance mode; refinement off uses none of it.
    expect(document.querySelector('[data-testid="change-budget"]')!.textContent).toMatch(/^budget used 0 of \d+$/);
    await changeValue(getByRole('spinbutton', 'Mid-Market max accounts per rep'), '9');
    await waitFor(() => expect(sensitivity).toHaveBeenCalled(), 5_000);
    sensitivity.mockRestore();
  });
});
