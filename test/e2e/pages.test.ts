/**
 * The comparison page against the engine, the layout at 320 and 450 px (screenshots under
 * test-results/screenshots/, no sideways scrolling), opening a file from disk, and no office.js in
 * preview mode (start-up inside Office: office-path-start.test.ts).
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { accountMoves, driverChanges, movementTotals } from '../../src/engine/index.js';
import { chartColours } from '../../src/taskpane/chartColours.js';
import { formatChange, formatCount, formatMoney, formatMoneyFull, formatOneDecimal, formatPercent } from '../../src/taskpane/format.js';
import { expectLocalAndClean, horizontalOverflow, openPane, screenshot, testIdText, waitForFairness, paneTests } from './browser.js';
import { evaluateAt, sampleBook } from './reference.js';

const origin = inject('paneOrigin');
const t = paneTests(origin, { check: false });

async function open(options: { query?: string; width?: number; dark?: boolean } = {}): Promise<Page> {
  t.session = await openPane(t.browser, origin, options);
  await waitForFairness(t.session.page);
  return t.session.page;
}

const expectLocalOnly = () => expectLocalAndClean(t.session!, origin);

describe('Territory Comparison', () => {
  it('shows the engine’s before / after figures and movement totals', async () => {
    const page = await open();
    await page.getByRole('tab', { name: 'Territory Comparison' }).click();
    await page.getByTestId('kpi-table').waitFor();
    const { book, settings } = await sampleBook();
    const evaluation = evaluateAt(book, settings);
    for (const seg of evaluation.segments) {
      for (const c of driverChanges(seg.before, seg.drivers)) {
        if (c.driver === 'risk' && !book.riskEnabled) continue;
        const id = `kpi-${seg.name}-${c.driver}`;
        expect(await testIdText(page, `${id}-cv-before`)).toBe(formatOneDecimal(c.cvBefore));
        expect(await testIdText(page, `${id}-cv-after`)).toBe(formatOneDecimal(c.cvAfter));
        expect(await testIdText(page, `${id}-score-before`)).toBe(formatOneDecimal(c.scoreBefore));
        expect(await testIdText(page, `${id}-score-after`)).toBe(formatOneDecimal(c.scoreAfter));
        expect(await testIdText(page, `${id}-change`)).toBe(formatChange(c.scoreChange));
      }
    }
    const totals = movementTotals(book, evaluation);
    expect(await testIdText(page, 'moved-accounts')).toBe(formatCount(totals.accountsMoved));
    expect(await testIdText(page, 'moved-accounts-pct')).toBe(formatPercent(totals.accountsMovedPct));
    expect(await testIdText(page, 'moved-arr')).toBe(formatMoney(totals.arrMoved));
    expect(await testIdText(page, 'moved-arr-pct')).toBe(formatPercent(totals.arrMovedPct));
    expect(await testIdText(page, 'kept-accounts')).toBe(formatCount(totals.accountsKept));
    expect(await page.getByTestId('movement-table').getAttribute('data-row-count')).toBe(String(totals.accountsMoved));
    // Filter by segment, then by text: the count follows the engine's move list.
    await page.getByRole('combobox', { name: 'Segment filter' }).selectOption('Enterprise');
    const enterpriseMoves = accountMoves(book, evaluation).filter((m) => m.segment === 'Enterprise');
    await expect.poll(() => page.getByTestId('movement-table').getAttribute('data-row-count')).toBe(String(enterpriseMoves.length));
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('arr');
    const firstArr = await page.getByTestId('movement-table').getByRole('row').nth(1).getByRole('cell').nth(1).getAttribute('title');
    const biggest = Math.max(...enterpriseMoves.map((m) => m.arr));
    expect(firstArr).toBe(formatMoneyFull(biggest));
    // The sort direction is a labelled choice (its name no longer flips with its state).
    await page.getByRole('combobox', { name: 'Order' }).selectOption('ascending');
    const smallest = Math.min(...enterpriseMoves.map((m) => m.arr));
    await expect.poll(() => page.getByTestId('movement-table').getByRole('row').nth(1).getByRole('cell').nth(1).getAttribute('title')).toBe(formatMoneyFull(smallest));
    await expectLocalOnly();
  });
});

describe('layout from 320 to 450 px', () => {
  for (const width of [320, 450]) {
    for (const dark of [false, true]) {
      const look = `${width}${dark ? '-dark' : ''}`;
      it(`fits ${width} px ${dark ? 'dark' : 'light'} on every page without sideways scrolling (screenshots)`, async () => {
        const page = await open({ width, dark });
        await page.getByTestId('sensitivity-chart').locator('svg').first().waitFor();
        await page.waitForTimeout(300);
        expect(await horizontalOverflow(page)).toBe(0);
        await screenshot(page, `slicer-${look}`);
        await page.getByRole('tab', { name: 'Territory Comparison' }).click();
        await page.getByTestId('before-after-charts').locator('svg').first().waitFor();
        await page.waitForTimeout(300);
        expect(await horizontalOverflow(page)).toBe(0);
        await screenshot(page, `comparison-${look}`);
        await page.getByRole('tab', { name: 'Audit Trail' }).click();
        await page.getByTestId('audit-reason').waitFor();
        expect(await horizontalOverflow(page)).toBe(0);
        await screenshot(page, `audit-${look}`);
        await expectLocalOnly();
      });
    }
  }

  it('fits 40 reps at 320 px: horizontal rep bars, every page (screenshots)', async () => {
    const page = await open({ width: 320, query: '?sample=6700' });
    await page.getByTestId('rep-bars-Mid-Market').waitFor();
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'slicer-320-40reps');
    await page.getByRole('tab', { name: 'Territory Comparison' }).click();
    await page.getByRole('list', { name: 'Mid-Market: ARR per rep, before and after' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'comparison-320-40reps');
    await expectLocalOnly();
  });

  it('renders the dark theme (prefers-color-scheme: dark) at 320 px', async () => {
    const page = await open({ width: 320, dark: true });
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    // Charts switch to their dark palette (the light blue and red fall under 3:1 on #292929).
    const dark = chartColours(true);
    const chart = page.getByTestId('sensitivity-chart');
    await chart.locator('svg').first().waitFor();
    const strokes = await chart.locator('path[stroke]').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')?.toUpperCase()));
    expect(strokes).toContain(dark.balanced.toUpperCase());
    expect(strokes).not.toContain(chartColours(false).balanced.toUpperCase());
    await expect.poll(() => chart.locator(`rect[fill="${dark.marker}"]`).count()).toBe(2);
    const bars = await page.getByTestId('rep-distribution-chart').locator('rect[fill]').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')?.toUpperCase()));
    expect(bars).toContain(dark.highRisk.toUpperCase());
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'slicer-320-dark-palette');
    await expectLocalOnly();
  });
});

describe('workbooks and hosts', () => {
  it('opens an .xlsx from disk and lists its errors in the error table', async () => {
    const page = await open();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('reps').addRows([['Rep_Name', 'Segment', 'Location'], ['Mickey', 'Enterprise', 'CA'], ['Minnie', 'Galactic', 'NY']]);
    workbook.addWorksheet('ACCOUNTS').addRows([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
      ['A-1', 'Acme', 'Mickey', 'abc', 10, 'CA'],
      ['A-2', '=HYPERLINK("http://example.com")', 'Minnie', 500, 20, 'NY'],
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    // The data panel folds away once a book loads cleanly; open it again.
    await page.getByRole('button', { name: /^Data:/ }).click();
    await page.getByTestId('file-input').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByTestId('error-table').waitFor();
    expect(await testIdText(page, 'preview-badge')).toBe('Preview mode — broken.xlsx');
    expect(await page.getByRole('combobox', { name: 'Reps sheet' }).inputValue()).toBe('reps');
    expect(await page.getByRole('combobox', { name: 'Accounts sheet' }).inputValue()).toBe('ACCOUNTS');
    const table = page.getByRole('table', { name: 'Errors on the Accounts sheet' });
    expect(await table.getByRole('row').nth(1).textContent()).toContain('ARR');
    expect(await page.getByRole('table', { name: 'Errors on the Reps sheet' }).textContent()).toContain('Galactic');
    expect(await page.getByText('Location values must match exactly (case-insensitive) between sheets: "CA" ≠ "California".').count()).toBe(1);
    // Below the tabs: what to do next, not "pick the sheets".
    expect(await page.getByText('Fix the errors listed above in the workbook, then press Load / Validate again (or open the corrected file).').count()).toBe(1);
    await expectLocalOnly();
  });

  it('says a text file named .xlsx is not a workbook, without the zip library\'s message', async () => {
    const page = await open();
    await page.getByRole('button', { name: /^Data:/ }).click();
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('Rep_Name,Segment\nAnn,E\n') });
    const message = page.getByText(/^Could not open notes\.xlsx:/);
    await message.waitFor();
    expect(await message.textContent()).toBe('Could not open notes.xlsx: not an .xlsx workbook (it is a text file, not the zip archive every .xlsx is)');
    await expectLocalOnly();
  });

  it('renders names that look like HTML as text on every page: nothing runs, nothing is fetched', async () => {
    const page = await open();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const img = '<img src=x onerror="window.__xss=1">';
    const script = '<script>window.__xss=2</script>';
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Reps').addRows([['Rep_Name', 'Segment', 'Location'], [img, 'Enterprise', 'CA'], ['Minnie', 'Enterprise', '<b>CA</b>'], [script, 'MM', 'NY']]);
    workbook.addWorksheet('Accounts').addRows([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
      ['<i>A-1</i>', img, 'Minnie', 900, 5000, 'CA'],
      ['A-2', script, img, 700, 4000, '<b>CA</b>'],
      ['A-3', '<svg onload=alert(1)>', script, 50, 20, 'NY'],
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByRole('button', { name: /^Data:/ }).click();
    await page.getByTestId('file-input').setInputFiles({ name: 'html-names.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    // The sample's fairness cards stay on screen while the file loads: wait for the new book itself.
    await expect.poll(async () => (await page.getByRole('button', { name: /^Data:/ }).textContent())?.trim()).toMatch(/^Data: 3 accounts, 3 reps/);
    await page.getByTestId('fairness-cards').waitFor();
    await page.getByRole('button', { name: 'Allocate' }).click();
    // Slicer: rep summary and assignments; Comparison: the movement table; Audit Trail: candidates and search hits.
    await page.getByText(img, { exact: true }).first().waitFor();
    expect(await page.getByText(img, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(script, { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Territory Comparison' }).click();
    // A-1 moves from Minnie to the rep named like an <img> tag (a tie settled by name: "<" sorts first).
    await page.getByTestId('movement').getByText(img, { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: 'Audit Trail' }).click();
    await page.getByTestId('audit-candidate').first().waitFor();
    expect(await page.getByTestId('audit-candidate').filter({ hasText: img }).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search account' }).fill('svg');
    await page.getByRole('button', { name: /<svg onload=alert\(1\)>/ }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const injected = await page.evaluate(() => [...document.querySelectorAll('main img, main script, main [onerror], main [onload], main b, main i:not([data-tabster-dummy])')].map((e) => e.outerHTML.slice(0, 120)));
    expect(injected).toEqual([]);
    expect(dialogs).toEqual([]);
    await expectLocalOnly();
  });

  it('never requests office.js in preview mode', async () => {
    await open();
    expect(t.session!.requests.some((u) => u.includes('office.js'))).toBe(false);
    await expectLocalOnly();
  });
});
