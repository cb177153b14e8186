/**
 * The Office path end to end (issue 14): the built office.html — the page the manifest opens — with
 * office.js answered by the Office.js fake (office-path-stand-in.ts), so startHost, the compute workers
 * and the Office adapter run as in Excel. Driven by role and name: pick the sheets, Load, Allocate, move
 * a slider, Allocate again (the book loaded once, as a user does); then the fake workbook is read back:
 * result columns against the engine, owned sheets, tables, charts and their series, user cells
 * byte-identical, every request under 5 MB. At ExcelApi 1.7, 1.8 and 1.12+, with the Accounts data as a
 * plain range and as an Excel table (one small enough for TableColumnCollection.add, and ones too large
 * for it on the web).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { defaultSettings, evaluate, readBook, SEGMENTS, type Cell, type Settings, type SheetInput } from '../../src/engine/index.js';
import { layoutWorkbook, OWNED_SHEET_NAMES } from '../../src/workbook/layout/index.js';
import { runOutput } from '../workbook/fixtures.js';
import { OFFICE_JS_URL } from '../../src/taskpane/host.js';
import { expectLocalAndClean, foreignRequests, testIdText, waitForFairness, paneTests } from './browser.js';
import { officeBook, openOfficePane, picture, standInScript } from './office-path-helpers.js';
import type { StandInConfig, WorkbookPicture } from './office-path-stand-in.js';

const origin = inject('paneOrigin');
const t = paneTests(origin, { check: false, before: standInScript });

const PAYLOAD_LIMIT = 5_000_000;

/** The owned sheets as the layout lays them out for these sheets and settings: names, roles, tables, charts. */
function ownedLayout(team: SheetInput, customers: SheetInput, settings: Partial<Settings>) {
  return layoutWorkbook(runOutput(team, customers, settings)).sheets.map((sheet) => ({
    name: OWNED_SHEET_NAMES[sheet.role],
    role: sheet.role,
    tables: sheet.tables.map((t) => t.name),
    charts: sheet.charts.length,
  }));
}

/** The rows a series reads, from `'Sheet'!B5:B54`. */
const rowSpan = (address: string | null) => /!\$?[A-Z]+\$?(\d+):\$?[A-Z]+\$?(\d+)$/.exec(address ?? '')?.slice(1).join(':');

/** Pick the two sheets by name (they are not called Reps / Accounts), then Load / Validate. */
async function pickAndLoad(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Reps sheet' }).waitFor();
  await expect.poll(() => page.getByRole('combobox', { name: 'Reps sheet' }).locator('option').allTextContents()).toEqual(['Notes', 'Team', 'Customers']);
  await page.getByRole('combobox', { name: 'Reps sheet' }).selectOption('Team');
  await page.getByRole('combobox', { name: 'Accounts sheet' }).selectOption('Customers');
  await page.getByRole('button', { name: 'Load / Validate' }).click();
  await waitForFairness(page, 60_000);
}

/** Allocate (the one primary button, first write and every one after) and wait for the pane to say the workbook matches the settings on screen. */
async function write(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Allocate', exact: true }).click();
  await expect.poll(() => page.getByTestId('workbook-status').getAttribute('data-out-of-date'), { timeout: 60_000 }).toBe('false');
  await page.getByTestId('write-report').waitFor();
  return testIdText(page, 'write-report');
}

/** The workbook holds exactly what one write of `settings` must leave, and nothing of the user's changed. */
function expectWorkbook(pic: WorkbookPicture, config: StandInConfig, settings: Settings, apiVersion: string, label: string): void {
  const [notes, team, customers] = config.sheets;
  const teamInput: SheetInput = { name: 'Team', rows: team!.values, firstRow: 1 };
  const customersInput: SheetInput = { name: 'Customers', rows: customers!.values, firstRow: 1 };
  const owned = ownedLayout(teamInput, customersInput, settings);
  const sheetNamed = (name: string) => pic.sheets.find((s) => s.name === name)!;
  expect(pic.sheets.map((s) => s.name), label).toEqual(['Notes', 'Team', 'Customers', 'TS_LastWritten', ...owned.map((o) => o.name)]);
  expect(sheetNamed('TS_LastWritten').visibility).toBe('VeryHidden');
  // User cells byte-identical: the notes and reps sheets whole, the accounts sheet outside the two result columns.
  const asStored = (rows: (Cell | null)[][]) => JSON.stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))));
  expect(JSON.stringify(sheetNamed('Notes').values.map((r) => r.slice(0, 2))), label).toBe(asStored(notes!.values));
  expect(JSON.stringify(sheetNamed('Team').values), label).toBe(asStored(team!.values));
  const width = customers!.values[0]!.length;
  const accounts = sheetNamed('Customers').values;
  expect(JSON.stringify(accounts.map((r) => r.slice(0, width))), label).toBe(asStored(customers!.values));
  // Result columns: the engine's segment and rep for every account.
  const read = readBook(teamInput, customersInput);
  if (!read.ok) throw new Error('the generated book should be valid');
  const { book } = read;
  const { allocation } = evaluate(book, settings);
  expect(accounts[0]!.slice(width), label).toEqual(['Segment', 'Assigned_Rep']);
  for (let k = 0; k < book.accounts.count; k++) {
    const r = allocation.assigned[k]!;
    expect(accounts[book.accounts.row[k]! - 1]!.slice(width), `${label}: account ${book.accounts.id[k]}`).toEqual([SEGMENTS[allocation.segment[k]!], r < 0 ? '' : book.reps[r]!.name]);
  }
  // Owned sheets: their tables, native charts with every series on the rows of its categories, the ownership marks.
  const record = JSON.parse(String(pic.settings['TerritorySlicer.ownedSheets'])) as Record<string, unknown>;
  for (const sheet of owned) {
    expect(pic.tables.filter((t) => t.sheet === sheet.name).map((t) => t.name), `${label}: ${sheet.name}`).toEqual(sheet.tables);
    const charts = pic.charts.filter((c) => c.sheet === sheet.name);
    expect(charts, `${label}: ${sheet.name}`).toHaveLength(sheet.charts);
    for (const chart of charts) {
      expect(chart.series.length).toBeGreaterThan(0);
      for (const s of chart.series) expect(rowSpan(s.values), `${label}: ${chart.name} / ${s.name}`).toBe(rowSpan(s.xValues));
    }
    expect(sheetNamed(sheet.name).owner, `${label}: ${sheet.name} marked`).toBe(Number(apiVersion.split('.')[1]) >= 12 ? sheet.role : undefined);
    expect(typeof record[sheet.role], `${label}: ${sheet.name} in the record`).toBe('string');
  }
  expect(record.pending).toBeUndefined();
  expect(pic.sheets.every((s) => s.formulas === 0), `${label}: no cell became a formula`).toBe(true);
  expect(pic.stats.failedSyncs, label).toBe(0);
  expect(pic.stats.maxRequestBytes, label).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  expect(pic.stats.maxResponseBytes, label).toBeLessThanOrEqual(PAYLOAD_LIMIT);
}

const CASES: Array<{ apiVersion: string; accounts: number; table: boolean; tableAddress?: string }> = [
  { apiVersion: '1.7', accounts: 300, table: false },
  { apiVersion: '1.7', accounts: 300, table: true, tableAddress: 'Customers!A1:J301' },
  { apiVersion: '1.8', accounts: 300, table: false },
  // Too large for TableColumnCollection.add on the web: header cells beside it, Excel grows the table.
  { apiVersion: '1.8', accounts: 2100, table: true, tableAddress: 'Customers!A1:J2101' },
  { apiVersion: '1.12', accounts: 300, table: false },
  // The same from ExcelApi 1.13 on, made sure of with Table.resize.
  { apiVersion: '1.20', accounts: 2100, table: true, tableAddress: 'Customers!A1:J2101' },
];

describe('the pane in Excel (office.html with the Office.js fake as office.js)', () => {
  for (const c of CASES) {
    const label = `ExcelApi ${c.apiVersion}, ${c.accounts} accounts as ${c.table ? 'an Excel table' : 'a plain range'}`;
    it(`${label}: pick sheets, Allocate, move a slider, Allocate again`, async () => {
      const sheets = officeBook(c.accounts, 9, 70 + c.accounts);
      const config: StandInConfig = {
        sheets,
        tables: c.table ? [{ sheet: 'Customers', address: `A1:H${c.accounts + 1}`, name: 'CustomerData' }] : [],
        options: { apiVersion: c.apiVersion },
      };
      ({ session: t.session } = await openOfficePane(t.browser, origin, config));
      const { page } = t.session;
      await pickAndLoad(page);
      // Inside Excel: no preview badge, the footer says so.
      expect(await page.getByTestId('preview-badge').count()).toBe(0);
      await page.getByText(/Nothing leaves Excel\./).waitFor();

      const read = readBook({ name: 'Team', rows: sheets[1]!.values, firstRow: 1 }, { name: 'Customers', rows: sheets[2]!.values, firstRow: 1 });
      if (!read.ok) throw new Error('the generated book should be valid');
      const settings = defaultSettings(read.book);
      expect(await write(page)).toMatch(new RegExp(`^Wrote Segment and Assigned_Rep for ${c.accounts.toLocaleString('en-US')} accounts on "Customers" and rebuilt Fairness, Comparison, Audit Log, Sensitivity and Scenarios\\.`));
      expectWorkbook(await picture(page), config, settings, c.apiVersion, `${label}, Allocate`);

      // A slider moves; the pane still holds the book it loaded. Allocate again rewrites in place.
      await page.getByRole('slider', { name: 'Geo bonus' }).focus();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => page.getByTestId('workbook-status').getAttribute('data-out-of-date')).toBe('true');
      await write(page);
      const pic = await picture(page);
      expectWorkbook(pic, config, { ...settings, geoBonus: Math.round((settings.geoBonus - 0.01) * 100) / 100 }, c.apiVersion, `${label}, Allocate again`);
      if (c.tableAddress) expect(pic.tables.find((t) => t.name === 'CustomerData')!.address).toBe(c.tableAddress);
      // No request left the page but the stand-in's office.js.
      expect(foreignRequests(t.session.requests, origin)).toEqual([OFFICE_JS_URL]);
      expect(await t.session.cspViolations()).toEqual([]);
      expect(t.session.pageErrors).toEqual([]);
      expect(t.session.consoleErrors).toEqual([]);
    });
  }
});

describe('a write Excel stops midway, from the pane', () => {
  it('reports exactly what was written, and Allocate again completes it without a second sheet', async () => {
    const sheets = officeBook(300, 9, 99);
    const config: StandInConfig = { sheets, options: { apiVersion: '1.8', batchFailure: 'partial' } };
    ({ session: t.session } = await openOfficePane(t.browser, origin, config));
    const { page } = t.session;
    await pickAndLoad(page);
    // Requests of the first Allocate: the hand-edit check 3 (SPEC §16; nothing written yet), then the write:
    // prepare 2, Account_ID read-back 1, result columns 1, the record sheet 2, Fairness 2, then Comparison is
    // created (request 12) and its content (request 13) fails after 3 operations.
    await page.evaluate(() => window.__tsFake!.failRequest(13, 'GeneralException', 3));
    await page.getByRole('button', { name: 'Allocate' }).click();
    await page.getByTestId('write-report').waitFor({ timeout: 60_000 });
    const report = await testIdText(page, 'write-report');
    expect(report).toMatch(/^Excel could not write the Comparison sheet \(GeneralException: .*\)\. Press Allocate again; if it keeps failing, save and reopen the workbook\. Written: Customers: Segment, Assigned_Rep and Fairness\. Partly written: Comparison\. Not written: Audit Log, Sensitivity and Scenarios\./);
    let pic = await picture(page);
    expect(pic.sheets.map((s) => s.name)).toEqual(['Notes', 'Team', 'Customers', 'TS_LastWritten', 'Fairness', 'Comparison']);
    // The half-written Comparison sheet is recorded as ours (ExcelApi 1.8: no custom properties) before its content.
    const record = JSON.parse(String(pic.settings['TerritorySlicer.ownedSheets'])) as Record<string, unknown>;
    expect(typeof record.comparison).toBe('string');
    await write(page);
    pic = await picture(page);
    expect(pic.sheets.map((s) => s.name)).toEqual(['Notes', 'Team', 'Customers', 'TS_LastWritten', 'Fairness', 'Comparison', 'Audit Log', 'Sensitivity', 'Scenarios']);
    const read = readBook({ name: 'Team', rows: sheets[1]!.values, firstRow: 1 }, { name: 'Customers', rows: sheets[2]!.values, firstRow: 1 });
    if (!read.ok) throw new Error('the generated book should be valid');
    expectWorkbook({ ...pic, stats: { ...pic.stats, failedSyncs: 0 } }, config, defaultSettings(read.book), '1.8', 'after the retry');
    expect(pic.stats.failedSyncs).toBe(1);
    await expectLocalAndClean({ ...t.session!, requests: t.session!.requests.filter((u) => u !== OFFICE_JS_URL) }, origin);
  });
});
