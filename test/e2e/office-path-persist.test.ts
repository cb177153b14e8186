/**
 * SPEC §16 on the Office path (office.html with the Office.js fake as office.js), by role and exact
 * name: Allocate stores the settings and scenarios in the document's settings without touching the
 * ownership record, and a reopened workbook restores them (sheets and settings) and says so; Assigned_Rep
 * cells changed by hand in the fake workbook are listed before anything is written — Escape writes
 * nothing, "Overwrite" writes, "Lock these N accounts to their new rep" writes Locked_Rep, reloads,
 * allocates again and the accounts keep their new rep. Every value is checked against the engine.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { defaultSettings, evaluate, readBook, settingsKey, settingsToFile, type Book, type Settings, type SheetInput, type StoredState } from '../../src/engine/index.js';
import { OFFICE_JS_URL } from '../../src/taskpane/host.js';
import { expectLocalAndClean, SCREENSHOT_DIR, testIdText, waitForFairness, paneTests } from './browser.js';
import { officeBook, openOfficePane, picture, standInScript } from './office-path-helpers.js';
import type { StandInConfig } from './office-path-stand-in.js';

const origin = inject('paneOrigin');
const t = paneTests(origin, {
  before: standInScript,
  check: (session) => expectLocalAndClean({ ...session, requests: session.requests.filter((u) => u !== OFFICE_JS_URL) }, origin),
});

const STATE_KEY = 'TerritorySlicer.paneState';
const viewKey = (page: Page) => page.getByTestId('fairness-cards').getAttribute('data-view-key');

/** Pick the two sheets by name (they are not called Reps / Accounts), then Load / Validate. */
async function pickAndLoad(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Reps sheet' }).waitFor();
  await expect.poll(() => page.getByRole('combobox', { name: 'Reps sheet' }).locator('option').allTextContents()).toEqual(['Notes', 'Team', 'Customers']);
  await page.getByRole('combobox', { name: 'Reps sheet' }).selectOption('Team');
  await page.getByRole('combobox', { name: 'Accounts sheet' }).selectOption('Customers');
  await page.getByRole('button', { name: 'Load / Validate' }).click();
  await waitForFairness(page, 60_000);
}

/** Waits until the pane says the workbook matches the settings on screen. */
async function upToDate(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('workbook-status').getAttribute('data-out-of-date'), { timeout: 60_000 }).toBe('false');
  await page.getByTestId('write-report').waitFor();
}

/** The sheet as the pane reads it now, from the fake workbook. */
async function sheetNow(page: Page, name: string): Promise<SheetInput> {
  const pic = await picture(page);
  return { name, rows: pic.sheets.find((s) => s.name === name)!.values, firstRow: 1 };
}

function bookOf(team: SheetInput, customers: SheetInput): Book {
  const read = readBook(team, customers);
  if (!read.ok) throw new Error(`the book should be valid: ${read.errors[0]?.message}`);
  return read.book;
}

/** Column letter of a 0-based index (A, …, Z, AA, …). */
const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** The header's column index, as written. */
const columnOf = (rows: readonly (readonly unknown[])[], header: string) => rows[0]!.findIndex((c) => c === header);

async function viewportShot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

describe('hand edits are never lost (Office path)', () => {
  it('lists the Assigned_Rep cells changed since the last write; Escape writes nothing, Overwrite writes, Lock keeps the new reps', async () => {
    const sheets = officeBook(300, 9, 41);
    const config: StandInConfig = { sheets, options: { apiVersion: '1.12' } };
    ({ session: t.session } = await openOfficePane(t.browser, origin, config));
    const { page } = t.session;
    await pickAndLoad(page);
    const team: SheetInput = { name: 'Team', rows: sheets[1]!.values, firstRow: 1 };
    const book = bookOf(team, { name: 'Customers', rows: sheets[2]!.values, firstRow: 1 });
    // A setting away from the defaults, which must survive the reload a lock makes.
    await page.getByRole('slider', { name: 'Geo bonus' }).focus();
    await page.keyboard.press('ArrowLeft');
    const settings: Settings = { ...defaultSettings(book), geoBonus: 0.04 };
    await expect.poll(() => viewKey(page)).toBe(settingsKey(settings));
    await page.getByRole('button', { name: 'Allocate' }).click();
    await upToDate(page);

    // A person gives two accounts to another rep of their segment, in the Assigned_Rep cells.
    const { allocation } = evaluate(book, settings);
    const written = await sheetNow(page, 'Customers');
    const repColumn = columnOf(written.rows, 'Assigned_Rep');
    const picks = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k * 30).filter((k) => allocation.assigned[k]! >= 0).slice(0, 2);
    const edits = picks.map((k) => {
      const was = book.reps[allocation.assigned[k]!]!;
      const to = book.reps.find((r) => r.segment === was.segment && r.name !== was.name)!;
      return { k, id: book.accounts.id[k]!, row: book.accounts.row[k]!, was: was.name, to: to.name };
    });
    const edit = () =>
      page.evaluate(
        (cells) => cells.forEach((c) => window.__tsFake!.fake.workbookState.sheet('Customers').typeValues(c.address, [[c.value]])),
        edits.map((e) => ({ address: `${letter(repColumn)}${e.row}`, value: e.to })),
      );
    await edit();
    const edited = await sheetNow(page, 'Customers');

    const dialog = page.getByRole('dialog', { name: 'Assigned_Rep changed by hand' });
    const listed = () => dialog.getByRole('table', { name: 'Hand-edited accounts' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    await page.getByRole('button', { name: 'Allocate' }).click();
    await dialog.waitFor({ timeout: 60_000 });
    expect(await listed()).toEqual(edits.map((e) => [e.id, e.was, e.to]));
    // Screenshots once the dialog's fade-in is over.
    const opaque = () => expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    for (const width of [450, 320]) {
      await page.setViewportSize({ width, height: 700 });
      await opaque();
      await viewportShot(page, `hand-edits-${width}`);
    }
    await page.setViewportSize({ width: 400, height: 900 });
    // Escape: nothing written.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await sheetNow(page, 'Customers')).rows).toEqual(edited.rows);

    // Overwrite: the allocation is written over the two cells.
    await page.getByRole('button', { name: 'Allocate' }).click();
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Overwrite' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await upToDate(page);
    expect((await sheetNow(page, 'Customers')).rows).toEqual(written.rows);

    // Lock: Locked_Rep written for the two, the sheets loaded again, allocated again and written.
    await edit();
    await page.getByRole('button', { name: 'Allocate' }).click();
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Lock these 2 accounts to their new rep' }).click();
    await page.getByTestId('lock-message').waitFor({ timeout: 60_000 });
    expect(await testIdText(page, 'lock-message')).toMatch(/^Locked 2 accounts to their new rep in Locked_Rep \(column added\)\./);
    await upToDate(page);
    // No second dialog about the same cells; the settings on screen are still the user's.
    expect(await dialog.count()).toBe(0);
    await expect.poll(() => viewKey(page)).toBe(settingsKey(settings));
    const after = await sheetNow(page, 'Customers');
    const lockColumn = columnOf(after.rows, 'Locked_Rep');
    expect(lockColumn).toBeGreaterThan(repColumn);
    for (const e of edits) {
      expect(after.rows[e.row - 1]![lockColumn], e.id).toBe(e.to);
      expect(after.rows[e.row - 1]![repColumn], e.id).toBe(e.to);
    }
    const lockedRows = after.rows.filter((r, i) => i > 0 && r[lockColumn] !== '' && r[lockColumn] !== null && r[lockColumn] !== undefined);
    expect(lockedRows).toHaveLength(2);
    // Every Assigned_Rep is the engine's for the reloaded book (with its two locks) and the same settings.
    const reloaded = bookOf(team, after);
    const again = evaluate(reloaded, settings).allocation;
    for (let k = 0; k < reloaded.accounts.count; k++) {
      const r = again.assigned[k]!;
      expect(after.rows[reloaded.accounts.row[k]! - 1]![repColumn], reloaded.accounts.id[k]).toBe(r < 0 ? '' : reloaded.reps[r]!.name);
    }
    const stored = (await picture(page)).settings[STATE_KEY] as StoredState;
    expect(stored.settings).toEqual(settingsToFile(settings, { repsSheet: 'Team', accountsSheet: 'Customers' }));
  });
});

describe('settings persist in the document (Office path)', () => {
  it('Allocate stores settings and scenarios beside the ownership record; the reopened workbook restores them and says so', async () => {
    const sheets = officeBook(300, 9, 52);
    ({ session: t.session } = await openOfficePane(t.browser, origin, { sheets, options: { apiVersion: '1.20' } }));
    let page = t.session.page;
    await pickAndLoad(page);
    const book = bookOf({ name: 'Team', rows: sheets[1]!.values, firstRow: 1 }, { name: 'Customers', rows: sheets[2]!.values, firstRow: 1 });
    await page.getByRole('spinbutton', { name: 'Threshold value' }).fill('500');
    await page.getByRole('spinbutton', { name: 'ARR weight (%)' }).fill('50');
    await page.getByRole('spinbutton', { name: 'Accounts weight (%)' }).fill('30');
    const settings: Settings = { ...defaultSettings(book), threshold: 500, weights: { arr: 50, accounts: 30, risk: 20 } };
    await expect.poll(() => viewKey(page)).toBe(settingsKey(settings));
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await page.getByRole('textbox', { name: 'Scenario name' }).fill('Plan B');
    await page.getByRole('textbox', { name: 'Scenario name' }).press('Enter');
    await page.getByText('Saved scenario "Plan B".').waitFor();
    await page.getByRole('button', { name: 'Allocate' }).click();
    await upToDate(page);

    const pic = await picture(page);
    const stored = pic.settings[STATE_KEY] as StoredState;
    expect(stored.settings).toEqual(settingsToFile(settings, { repsSheet: 'Team', accountsSheet: 'Customers' }));
    expect(stored.savedBy).toBeUndefined();
    expect(stored.scenarios.map((s) => [s.name, s.settings.threshold])).toEqual([['Plan B', 500]]);
    // The ownership record and the Assigned_Rep record survived the settings save.
    expect(typeof JSON.parse(String(pic.settings['TerritorySlicer.ownedSheets'])).scenarios).toBe('string');
    expect(pic.settings['TerritorySlicer.lastWritten']).toBeDefined();
    // The Scenarios sheet has this Allocate and the saved scenario.
    const scenariosSheet = pic.sheets.find((s) => s.name === 'Scenarios')!.values.map((r) => r[0]);
    expect(scenariosSheet).toContain('Plan B');
    await t.session.close();

    // The workbook opened again: its cells and the settings the first session saved.
    const reopened: StandInConfig = {
      sheets: ['Notes', 'Team', 'Customers'].map((name) => ({ name, values: pic.sheets.find((s) => s.name === name)!.values })),
      options: { apiVersion: '1.20' },
      settings: { [STATE_KEY]: pic.settings[STATE_KEY] },
    };
    ({ session: t.session } = await openOfficePane(t.browser, origin, reopened));
    page = t.session.page;
    // The stored sheets are picked and loaded without a click.
    await waitForFairness(page, 60_000);
    // The setup folds away after a clean load; open it to see the pickers.
    await page.getByRole('button', { name: /^Data: 300 accounts, 9 reps/ }).click();
    expect(await page.getByRole('combobox', { name: 'Reps sheet' }).inputValue()).toBe('Team');
    expect(await page.getByRole('combobox', { name: 'Accounts sheet' }).inputValue()).toBe('Customers');
    await page.getByTestId('restore-message').waitFor();
    expect(await testIdText(page, 'restore-message')).toMatch(/^Settings restored from the last Allocate \([A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d (AM|PM)\)\.Dismiss$/);
    await expect.poll(() => viewKey(page)).toBe(settingsKey(settings));
    expect(await page.getByRole('spinbutton', { name: 'Threshold value' }).inputValue()).toBe('500');
    // Those settings produced the sheets, on the same rows: the workbook is up to date with them.
    expect(await testIdText(page, 'workbook-status')).toBe('Workbook up to date with these settings.');
    expect(await page.getByTestId('workbook-status').getAttribute('data-out-of-date')).toBe('false');
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Apply scenario Plan B' }).waitFor();
    expect(await page.getByTestId('stale').count()).toBe(0);
  });
});
