/**
 * Start-up inside Office (issue 14): office.html loads office.js with a <script> in its <head>; when it
 * cannot (offline, blocked) or Office is slow to answer, the pane says so with Retry and never shows the
 * sample workbook. The preview page never requests office.js, and opened by Office it says it is the
 * wrong page. office.js's URL is answered by the fake (office-path-stand-in.ts) or made to fail.
 */
import { describe, expect, inject, it } from 'vitest';
import { OFFICE_JS_URL, SLOW_START_MS } from '../../src/taskpane/host.js';
import { openPane, waitForFairness, type PaneSession, paneTests } from './browser.js';
import { officeBook, openOfficePane, standInScript } from './office-path-helpers.js';

const origin = inject('paneOrigin');
const t = paneTests(origin, { check: false, before: standInScript });

/** A workbook whose sheets are called Reps and Accounts, so the pane loads it as it starts. */
const namedBook = () => officeBook(120, 6, 5).map((s) => ({ ...s, name: s.name === 'Team' ? 'Reps' : s.name === 'Customers' ? 'Accounts' : s.name }));

/** Nothing of the preview: no badge, no sample, no fairness cards. */
async function expectNoPreview(s: PaneSession): Promise<void> {
  expect(await s.page.getByTestId('preview-badge').count()).toBe(0);
  expect(await s.page.getByTestId('fairness-cards').count()).toBe(0);
  expect(await s.page.getByText(/Preview mode/).count()).toBe(0);
  expect(s.requests.some((u) => /\/sample\.[0-9a-f]+\.js$/.test(u))).toBe(false);
}

describe('start-up inside Office', () => {
  it('office.js cannot load: a clear message with Retry, no sample; Retry once it can starts the pane in Excel', async () => {
    const opened = await openOfficePane(t.browser, origin, { sheets: namedBook() }, 'unreachable');
    t.session = opened.session;
    const { page } = t.session;
    const alert = page.getByRole('alert');
    await alert.getByText('Office did not load').waitFor();
    expect(await alert.textContent()).toContain('could not load office.js, the Office library it needs to talk to Excel');
    await expectNoPreview(t.session);
    expect(t.session.requests.filter((u) => u === OFFICE_JS_URL)).toHaveLength(1);
    // The network is back: Retry loads the page, and with it office.js, again.
    opened.route.mode = 'stand-in';
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForFairness(page, 60_000);
    // The fake workbook's 120 accounts, not the sample's 400.
    expect(await page.getByRole('button', { name: /^Data: 120 accounts, 6 reps/ }).count()).toBe(1);
    expect(await page.getByTestId('preview-badge').count()).toBe(0);
    expect(t.session.requests.filter((u) => u === OFFICE_JS_URL)).toHaveLength(2);
    expect(await t.session.cspViolations()).toEqual([]);
    expect(t.session.pageErrors).toEqual([]);
    // Only the refused office.js request was logged as an error.
    expect(t.session.consoleErrors.filter((m) => !m.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it(`Office slow to answer: after ${SLOW_START_MS / 1000} s the pane says so with Retry, and starts when Office answers`, async () => {
    ({ session: t.session } = await openOfficePane(t.browser, origin, { sheets: namedBook(), holdReady: true }));
    const { page } = t.session;
    const alert = page.getByRole('alert');
    await alert.getByText('Excel has not answered yet').waitFor({ timeout: SLOW_START_MS + 10_000 });
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await expectNoPreview(t.session);
    await page.evaluate(() => window.__tsFake!.ready());
    await waitForFairness(page, 60_000);
    expect(await page.getByRole('alert').filter({ hasText: 'Excel has not answered yet' }).count()).toBe(0);
  });

  it('office.html opened outside Office says where to open it, without Retry or the sample', async () => {
    ({ session: t.session } = await openOfficePane(t.browser, origin, { sheets: namedBook(), host: null }));
    const alert = t.session.page.getByRole('alert');
    await alert.getByText('Open it from Excel').waitFor();
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await expectNoPreview(t.session);
  });
});

describe('the preview page', () => {
  it('never requests office.js, and opened by Office (?host=office) says it is the wrong page instead of showing the sample', async () => {
    t.session = await openPane(t.browser, origin, { query: '?host=office' });
    const alert = t.session.page.getByRole('alert');
    await alert.getByText('Wrong page for Excel').waitFor();
    expect(await alert.textContent()).toContain('must point at office.html?host=office');
    await expectNoPreview(t.session);
    expect(t.session.requests.some((u) => u.includes('office.js'))).toBe(false);
    expect(t.session.requests.every((u) => u.startsWith(`${origin}/`))).toBe(true);
  });
});
