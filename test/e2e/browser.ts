/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), plus the
 * bookkeeping every pane test wants: requests that leave the server, CSP violations,
 * page errors, and a screenshot folder.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** Launches /usr/bin/chromium headless with no background networking. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface PaneSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Content-Security-Policy violations reported by the page. */
  cspViolations(): Promise<string[]>;
  readonly pageErrors: string[];
  /** console.error messages (React warnings, SVG attribute errors such as a negative <rect> height). */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Opens the pane at `query` (e.g. '?sample=10k') in a fresh context of the given width; `page` is the
 * preview page unless given (the Office-path tests open office.html).
 */
export async function openPane(browser: Browser, origin: string, options: { page?: string; query?: string; width?: number; height?: number; dark?: boolean; beforeOpen?: (context: BrowserContext) => Promise<void> } = {}): Promise<PaneSession> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 400, height: options.height ?? 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __longTasks: { start: number; duration: number }[] };
    w.__csp = [];
    w.__longTasks = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // Long task timing unavailable: the measurement is skipped.
    }
  });
  await options.beforeOpen?.(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${origin}/${options.page ?? 'taskpane.html'}${options.query ?? ''}`);
  return {
    context,
    page,
    requests,
    pageErrors,
    consoleErrors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    close: () => context.close(),
  };
}

/**
 * What every browser test ends with: no request left the pane's server, nothing broke the CSP, no
 * uncaught page error and no console error (which caught the chart's negative `<rect>` height).
 */
export async function expectLocalAndClean(session: PaneSession, origin: string): Promise<void> {
  expect(foreignRequests(session.requests, origin)).toEqual([]);
  expect(await session.cspViolations()).toEqual([]);
  expect(session.pageErrors).toEqual([]);
  expect(session.consoleErrors).toEqual([]);
}

/** Requests that went anywhere but the pane's own server (data: and blob: are local). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/** Waits until the sample is loaded and the first fairness cards are on screen. */
export async function waitForFairness(page: Page, timeout = 30_000) {
  await page.getByTestId('fairness-cards').waitFor({ timeout });
}

/** Full-page screenshot into test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Does the page scroll sideways? (It must not, from 320 to 450 px.) */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A data-testid's text, trimmed. */
export async function testIdText(page: Page, id: string): Promise<string> {
  return ((await page.getByTestId(id).first().textContent()) ?? '').trim();
}

/** The first non-blank text of an element, in document order (what a reader meets first). */
export function firstText(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text !== '') {
        // The whole element that holds it: its text, not a fragment of it.
        return (n.parentElement?.textContent ?? text).trim();
      }
    }
    return '';
  });
}

/** A test file's Chromium and the session of the test running now (set by the test). */
export interface PaneTests {
  browser: Browser;
  session: PaneSession | null;
}

/**
 * One Chromium per test file (launched with `before`, e.g. the stand-in script, in parallel) and, after
 * each test, its session checked — by default: no foreign request, no CSP violation, no page or console
 * error (expectLocalAndClean); `check: false` for files that check on their own — and closed.
 */
export function paneTests(
  origin: string,
  options: { check?: false | ((session: PaneSession) => Promise<void>); before?: () => Promise<unknown> } = {},
): PaneTests {
  const t = { session: null } as PaneTests;
  beforeAll(async () => {
    [t.browser] = await Promise.all([launchChromium(), options.before?.()]);
  });
  afterAll(async () => {
    await t.browser?.close();
  });
  afterEach(async () => {
    const session = t.session;
    t.session = null;
    if (!session) return;
    try {
      if (options.check !== false) await (options.check ?? ((s: PaneSession) => expectLocalAndClean(s, origin)))(session);
    } finally {
      await session.close();
    }
  });
  return t;
}
