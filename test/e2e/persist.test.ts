/**
 * Settings that persist, and scenarios (SPEC §16, §10.1), in preview mode, driven by role and exact
 * name: a reload restores the settings from local storage and says so; stored settings that no longer
 * apply are named; two saved scenarios sit side by side with the current settings, each value equal to
 * the engine's `scenarioResults`; Apply sets the scenario's settings as one undo step; Delete removes
 * it; the name box checks names, asks before replacing one and closes on Escape. Screenshots of the
 * restored message, the save box and the Scenarios tab at 320 and 450 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { evaluate, scenarioResults, settingsKey, settingsToFile, type Book, type ScenarioResults, type Settings, type StoredState } from '../../src/engine/index.js';
import { formatBonusValue, formatCount, formatMoneyShort, formatOneDecimal, formatThreshold } from '../../src/taskpane/format.js';
import { horizontalOverflow, openPane, screenshot, testIdText, waitForFairness, paneTests } from './browser.js';
import { sampleBook } from './reference.js';

const origin = inject('paneOrigin');
const t = paneTests(origin);

/** Preview's local-storage key for the bundled sample (one key per workbook opened). */
const SAMPLE_KEY = 'TerritorySlicer.paneState:sample workbook';

const viewKey = (page: Page) => page.getByTestId('fairness-cards').getAttribute('data-view-key');
const sliderValue = (page: Page, name: string) => page.getByRole('slider', { name, exact: true }).inputValue().then(Number);
const weights = async (page: Page) => ({ arr: await sliderValue(page, 'ARR weight'), accounts: await sliderValue(page, 'Accounts weight'), risk: await sliderValue(page, 'Risk weight') });

async function open(width = 450): Promise<Page> {
  t.session = await openPane(t.browser, origin, { width });
  await waitForFairness(t.session.page);
  return t.session.page;
}

/** Threshold typed in its box, then 50 / 30 / 20 in two box edits, Geo bonus one step up. */
async function setSettings(page: Page, threshold: string) {
  await page.getByRole('spinbutton', { name: 'Threshold value' }).fill(threshold);
  await page.getByRole('spinbutton', { name: 'ARR weight (%)' }).fill('50');
  await page.getByRole('spinbutton', { name: 'Accounts weight (%)' }).fill('30');
  await page.getByRole('slider', { name: 'Geo bonus' }).focus();
  await page.keyboard.press('ArrowRight');
}

/** The Scenarios table: column titles, and per row its label and each column's text. */
async function scenariosTable(page: Page): Promise<{ columns: string[]; rows: Record<string, string[]> }> {
  const table = page.getByRole('table', { name: 'Scenarios compared' });
  // The Scenarios page loads on demand.
  await table.waitFor();
  const columns = await table.locator('thead th[data-column]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column') ?? ''));
  const rows = await table.locator('tbody tr[data-row]').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-row') ?? '', [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())])),
  );
  return { columns, rows };
}

/** What one column must read for these settings and the engine's results. */
function expectedColumn(s: Settings, r: ScenarioResults): Record<string, string> {
  const cv = (seg: 'Enterprise' | 'Mid-Market', d: 'arr' | 'accounts' | 'risk') => formatOneDecimal(r.cv[seg][d]);
  return {
    Mode: s.mode === 'fresh' ? 'Fresh' : 'From current',
    Threshold: formatThreshold(s.threshold),
    'Weights ARR / Accts / Risk': `${s.weights.arr} / ${s.weights.accounts} / ${s.weights.risk}`,
    'Geo / Preserve bonus': `${formatBonusValue(s.geoBonus)} / ${formatBonusValue(s.preserveBonus)}`,
    'Overall Custom': formatOneDecimal(r.overallCustom),
    'Overall Balanced': formatOneDecimal(r.overallBalanced),
    'Enterprise ARR CV %': cv('Enterprise', 'arr'),
    'Enterprise Accounts CV %': cv('Enterprise', 'accounts'),
    'Enterprise Risk CV %': cv('Enterprise', 'risk'),
    'Mid-Market ARR CV %': cv('Mid-Market', 'arr'),
    'Mid-Market Accounts CV %': cv('Mid-Market', 'accounts'),
    'Mid-Market Risk CV %': cv('Mid-Market', 'risk'),
    'Accounts moved': `${formatCount(r.accountsMoved)} (${r.accountsMovedPct.toFixed(1)} %)`,
    'ARR moved': `${formatMoneyShort(r.arrMoved)} (${r.arrMovedPct.toFixed(1)} %)`,
  };
}

function columnOf(table: { columns: string[]; rows: Record<string, string[]> }, name: string): Record<string, string> {
  const i = table.columns.indexOf(name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return Object.fromEntries(Object.entries(table.rows).map(([label, cells]) => [label, cells[i]!]));
}

const engineResults = (book: Book, s: Settings) => scenarioResults(book, evaluate(book, s));

describe('settings persist in preview (local storage)', () => {
  it('a reload restores the last settings and says so; Undo has nothing to undo; Reset to defaults is one button', async () => {
    const page = await open(450);
    const { settings: defaults } = await sampleBook();
    await setSettings(page, '2,000');
    const changed: Settings = { ...defaults, threshold: 2000, weights: { arr: 50, accounts: 30, risk: 20 }, geoBonus: 0.06 };
    await expect.poll(() => viewKey(page)).toBe(settingsKey(changed));
    // Saved at every change (after a short quiet).
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), SAMPLE_KEY).then((t) => t && (JSON.parse(t) as StoredState).settings)).toEqual(
      settingsToFile(changed, { repsSheet: 'Reps', accountsSheet: 'Accounts' }),
    );
    await page.reload();
    await waitForFairness(page);
    const message = page.getByTestId('restore-message');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('status');
    expect(await testIdText(page, 'restore-message')).toMatch(/^Settings restored from this browser \(last changed [A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d (AM|PM)\)\.Dismiss$/);
    await expect.poll(() => viewKey(page)).toBe(settingsKey(changed));
    expect(await page.getByRole('spinbutton', { name: 'Threshold value' }).inputValue()).toBe('2,000');
    expect(await weights(page)).toEqual({ arr: 50, accounts: 30, risk: 20 });
    expect(await page.getByRole('slider', { name: 'Geo bonus' }).inputValue()).toBe('0.06');
    // The restore is the base state: nothing to undo.
    expect(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'restored-message-450');
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'restored-message-320');
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => viewKey(page)).toBe(settingsKey(defaults));
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => viewKey(page)).toBe(settingsKey(changed));
  });

  it('restores what still applies and names what does not (a sheet gone, a threshold outside the book); a scenario on other data is stale', async () => {
    const { book, settings: defaults } = await sampleBook();
    const savedSettings: Settings = { ...defaults, threshold: 10_000_000, preserveBonus: 0.02, weights: { arr: 40, accounts: 40, risk: 20 } };
    const stored: StoredState = {
      version: 1,
      settings: settingsToFile(savedSettings, { repsSheet: 'Team', accountsSheet: 'Accounts' }),
      savedAt: '2026-12-06T17:30:00.000Z',
      savedBy: 'change',
      inputHash: 'saved-on-other-data',
      scenarios: [{ name: 'Old plan', settings: settingsToFile(defaults), savedAt: '2026-12-01T09:00:00.000Z', inputHash: 'saved-on-other-data', results: engineResults(book, defaults) }],
    };
    t.session = await openPane(t.browser, origin, {
      width: 450,
      beforeOpen: async (context) => {
        await context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [SAMPLE_KEY, JSON.stringify(stored)]);
      },
    });
    const page = t.session.page;
    await waitForFairness(page);
    await page.getByTestId('restore-message').waitFor();
    expect(await testIdText(page, 'restore-message')).toMatch(
      /^Settings restored from this browser \(last changed Dec \d, 2026, .*\)\. The data has changed since\. Not restored: Reps sheet "Team" \(no longer in the workbook; "Reps" instead\); threshold 10,000,000 \(outside this book's .* employees; 1,000 instead\)\.Dismiss$/,
    );
    const restored: Settings = { ...savedSettings, threshold: defaults.threshold };
    await expect.poll(() => viewKey(page)).toBe(settingsKey(restored));
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    const table = await scenariosTable(page);
    expect(table.columns).toEqual(['Current settings', 'Old plan']);
    expect(await page.getByTestId('stale').count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: /Old plan/ }).textContent()).toContain('Stale: other data');
  });
});

describe('scenarios', () => {
  it('two saved scenarios side by side with the current settings, equal to the engine; Apply is one undo step; Delete removes', async () => {
    const page = await open(450);
    const { book, settings: defaults } = await sampleBook();

    // The name box: empty and too long names are refused with the engine's words.
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    const name = page.getByRole('textbox', { name: 'Scenario name' });
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.press('Enter');
    await page.getByText('Type a name for the scenario.').waitFor();
    await name.fill('x'.repeat(41));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Use at most 40 characters (this one has 41).').waitFor();
    await name.fill('Defaults');
    await screenshot(page, 'scenario-save-450');
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'scenario-save-320');
    await page.setViewportSize({ width: 450, height: 900 });
    await name.press('Enter');
    await page.getByText('Saved scenario "Defaults".').waitFor();
    expect(await name.count()).toBe(0);

    await setSettings(page, '2,000');
    const second: Settings = { ...defaults, threshold: 2000, weights: { arr: 50, accounts: 30, risk: 20 }, geoBonus: 0.06 };
    await expect.poll(() => viewKey(page)).toBe(settingsKey(second));
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await page.getByRole('textbox', { name: 'Scenario name' }).fill('  Big ARR ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved scenario "Big ARR".').waitFor();

    // A name taken (ignoring case) asks first; Escape cancels and changes nothing.
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await page.getByRole('textbox', { name: 'Scenario name' }).fill('defaults');
    await page.getByRole('textbox', { name: 'Scenario name' }).press('Enter');
    await page.getByText('A scenario named "Defaults" exists. Replace it with these settings?').waitFor();
    expect(await page.getByRole('button', { name: 'Replace' }).count()).toBe(1);
    await page.getByRole('textbox', { name: 'Scenario name' }).press('Escape');
    expect(await page.getByRole('textbox', { name: 'Scenario name' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await expect.poll(async () => (await scenariosTable(page)).columns).toEqual(['Current settings', 'Defaults', 'Big ARR']);
    // Every value equals the engine's scenarioResults for that column's settings (current: the second).
    await expect.poll(async () => columnOf(await scenariosTable(page), 'Current settings')).toMatchObject(expectedColumn(second, engineResults(book, second)));
    let table = await scenariosTable(page);
    expect(columnOf(table, 'Defaults')).toMatchObject(expectedColumn(defaults, engineResults(book, defaults)));
    expect(columnOf(table, 'Big ARR')).toMatchObject(expectedColumn(second, engineResults(book, second)));
    expect(columnOf(table, 'Defaults')['Overall Balanced']).not.toBe(columnOf(table, 'Big ARR')['Overall Balanced']);
    expect(await page.getByTestId('stale').count()).toBe(0);
    await screenshot(page, 'scenarios-450');
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'scenarios-320');
    await page.setViewportSize({ width: 450, height: 900 });

    // Apply sets the threshold and weights; one Undo brings the previous settings back.
    await page.getByRole('button', { name: 'Apply scenario Defaults' }).click();
    await expect.poll(async () => columnOf(await scenariosTable(page), 'Current settings')).toMatchObject(expectedColumn(defaults, engineResults(book, defaults)));
    await page.getByRole('tab', { name: 'Territory Slicer' }).click();
    await expect.poll(() => viewKey(page)).toBe(settingsKey(defaults));
    expect(await page.getByRole('spinbutton', { name: 'Threshold value' }).inputValue()).toBe(formatThreshold(defaults.threshold));
    expect(await weights(page)).toEqual(defaults.weights);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => viewKey(page)).toBe(settingsKey(second));
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => viewKey(page)).toBe(settingsKey(defaults));

    // Delete removes the column, and the scenarios are kept over a reload.
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Delete scenario Big ARR' }).click();
    await expect.poll(async () => (await scenariosTable(page)).columns).toEqual(['Current settings', 'Defaults']);
    expect(await page.getByRole('button', { name: 'Apply scenario Big ARR' }).count()).toBe(0);
    await page.reload();
    await waitForFairness(page);
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await expect.poll(async () => (await scenariosTable(page)).columns).toEqual(['Current settings', 'Defaults']);
    table = await scenariosTable(page);
    expect(columnOf(table, 'Defaults')).toMatchObject(expectedColumn(defaults, engineResults(book, defaults)));
  });
});
