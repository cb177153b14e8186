/**
 * SPEC §16 through the real App over the in-memory workbook (preview's port): Allocate stores the
 * settings; a pane opened again on the same storage restores them and says so; Assigned_Rep cells changed
 * in the workbook are listed before anything is written — Cancel writes nothing, Lock writes Locked_Rep,
 * reloads and writes again with the same settings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, evaluate, readBook, settingsToFile, type StoredState } from '../../src/engine/index.js';
import { App } from '../../src/taskpane/App.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { MemoryWorkbook, type StateStorage } from '../../src/workbook/memory/index.js';
import { ComputeClient } from '../../src/worker/client.js';
import { changeValue, cleanup, click, getByRole, queryAllByRole, renderInPane, waitFor } from './setup.js';

afterEach(cleanup);

vi.mock('../../src/taskpane/preview/sample.js', () => ({ previewBook: () => Promise.reject(new Error('no preview sample in tests')) }));

const KEY = 'TerritorySlicer.paneState';

function mapStorage(): StateStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

async function open(workbook: MemoryWorkbook) {
  await renderInPane(<App host={{ mode: 'office', workbook, dark: false }} client={ComputeClient.mainThread()} />);
  await waitFor(() => expect(queryAllByRole('slider', 'Threshold')).toHaveLength(1), 10_000);
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function allocateAndWait() {
  await click(getByRole('button', 'Allocate'));
  await waitFor(() => expect(byTestId('workbook-status')?.getAttribute('data-out-of-date')).toBe('false'), 10_000);
}

describe('settings that persist and hand edits, through the pane', () => {
  it('Allocate stores the settings; Load / Validate again keeps them; the pane opened again restores them and says so', async () => {
    const sheets = syntheticSheets({ accounts: 40, reps: 5, seed: 3 });
    const storage = mapStorage();
    await open(new MemoryWorkbook([sheets.reps, sheets.accounts], { storage }));
    await changeValue(getByRole('spinbutton', 'ARR weight (%)'), '50');
    await changeValue(getByRole('spinbutton', 'Accounts weight (%)'), '30');
    await allocateAndWait();
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture book did not load');
    const settings = { ...defaultSettings(read.book), weights: { arr: 50, accounts: 30, risk: 20 } };
    await waitFor(() => expect((JSON.parse(storage.map.get(KEY) ?? 'null') as StoredState | null)?.settings).toEqual(settingsToFile(settings, { repsSheet: 'Reps', accountsSheet: 'Accounts' })));

    // Load / Validate again reads the sheets anew but keeps the settings on screen.
    await click(getByRole('button', /^Data: 40 accounts/));
    await click(await waitFor(() => getByRole('button', 'Load / Validate')));
    await waitFor(() => expect(byTestId('workbook-status')?.getAttribute('data-out-of-date')).toBe('true'), 10_000);
    expect((getByRole('spinbutton', 'ARR weight (%)') as HTMLInputElement).value).toBe('50');
    expect((getByRole('spinbutton', 'Accounts weight (%)') as HTMLInputElement).value).toBe('30');

    cleanup();
    await open(new MemoryWorkbook([sheets.reps, sheets.accounts], { storage }));
    await waitFor(() => expect(byTestId('restore-message')?.textContent).toMatch(/^Settings restored from the last Allocate \(.*\)\./));
    expect((getByRole('spinbutton', 'ARR weight (%)') as HTMLInputElement).value).toBe('50');
    expect((getByRole('spinbutton', 'Risk weight (%)') as HTMLInputElement).value).toBe('20');
    expect((getByRole('button', 'Undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists hand edits before writing: Cancel writes nothing, Lock writes Locked_Rep and keeps the new reps', async () => {
    const sheets = syntheticSheets({ accounts: 40, reps: 5, seed: 3 });
    const workbook = new MemoryWorkbook([sheets.reps, sheets.accounts], { storage: null });
    await open(workbook);
    await allocateAndWait();
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture book did not load');
    const { book } = read;
    const { allocation } = evaluate(book, defaultSettings(book));
    const accounts = workbook.sheet('Accounts')!;
    const repColumn = accounts.rows[0]!.indexOf('Assigned_Rep');
    const k = [...Array(book.accounts.count).keys()].find((i) => allocation.assigned[i]! >= 0)!;
    const was = book.reps[allocation.assigned[k]!]!;
    const to = book.reps.find((r) => r.segment === was.segment && r.name !== was.name)!;
    const row = accounts.rows[book.accounts.row[k]! - 1]!;
    row[repColumn] = to.name;
    const before = JSON.stringify(accounts.rows);

    await click(getByRole('button', 'Allocate'));
    await waitFor(() => expect(queryAllByRole('table', 'Hand-edited accounts')).toHaveLength(1), 10_000);
    const cells = [...getByRole('table', 'Hand-edited accounts').querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).toEqual([book.accounts.id[k], was.name, to.name]);
    await click(getByRole('button', 'Cancel'));
    await waitFor(() => expect(queryAllByRole('table', 'Hand-edited accounts')).toHaveLength(0));
    expect(JSON.stringify(accounts.rows)).toBe(before);

    await click(getByRole('button', 'Allocate'));
    await waitFor(() => expect(queryAllByRole('button', 'Lock these 1 accounts to their new rep')).toHaveLength(1), 10_000);
    await click(getByRole('button', 'Lock these 1 accounts to their new rep'));
    await waitFor(() => expect(byTestId('lock-message')?.textContent).toMatch(/^Locked 1 account to their new rep in Locked_Rep \(column added\)\./), 10_000);
    await waitFor(() => expect(byTestId('workbook-status')?.getAttribute('data-out-of-date')).toBe('false'), 10_000);
    const lockColumn = accounts.rows[0]!.indexOf('Locked_Rep');
    expect(lockColumn).toBeGreaterThan(repColumn);
    expect(row[lockColumn]).toBe(to.name);
    expect(row[repColumn]).toBe(to.name);
    expect(accounts.rows.slice(1).filter((r) => r[lockColumn]).length).toBe(1);
  });
});
