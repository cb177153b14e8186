/**
 * The Office path in a browser: the built office.html, with office.js's URL answered by a stand-in that
 * installs the Office.js fake (office-path-stand-in.ts, bundled here by esbuild — no network, no
 * download), so startHost, the compute workers and the Office adapter run as they would in Excel.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page, Route } from 'playwright-core';
import { OFFICE_JS_URL } from '../../src/taskpane/host.js';
import { generateBook } from '../../src/sample/generate-book.js';
import { openPane, type PaneSession } from './browser.js';
import type { StandInConfig, WorkbookPicture } from './office-path-stand-in.js';

let bundle: Promise<string> | null = null;

/** The stand-in for office.js: the fake and its installer as one browser script (built once per run). */
export function standInScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.resolve('test/e2e/office-path-stand-in.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** How office.js's request is answered: the stand-in, or a failure (offline, blocked). */
export type OfficeJs = 'stand-in' | 'unreachable';

/** Answers office.js's URL as `mode` says (changeable: `route.mode = …` before a reload). */
export interface OfficeJsRoute {
  mode: OfficeJs;
}

/** Opens office.html?host=office, the manifest's page, with the fake workbook `config`. */
export async function openOfficePane(browser: Browser, origin: string, config: StandInConfig, mode: OfficeJs = 'stand-in'): Promise<{ session: PaneSession; route: OfficeJsRoute }> {
  const script = await standInScript();
  const route: OfficeJsRoute = { mode };
  const session = await openPane(browser, origin, {
    page: 'office.html',
    query: '?host=office',
    beforeOpen: async (context) => {
      await context.addInitScript((c) => {
        (window as unknown as { __tsFakeConfig: unknown }).__tsFakeConfig = c;
      }, config);
      await context.route(OFFICE_JS_URL, (r: Route) => (route.mode === 'stand-in' ? r.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script }) : r.abort('internetdisconnected')));
    },
  });
  return { session, route };
}

/** The fake workbook as the test sees it. */
export function picture(page: Page): Promise<WorkbookPicture> {
  return page.evaluate(() => window.__tsFake!.picture());
}

/** A seeded book as the stand-in's sheets: a user's notes sheet, then reps and accounts under other names. */
export function officeBook(accounts: number, reps: number, seed: number): StandInConfig['sheets'] {
  const g = generateBook({ accounts, reps, seed });
  return [
    { name: 'Notes', values: [['Territory plan FY27', null], ['Owner', 'Sales Ops'], ['Do not edit', '=SUM(1,2)']] },
    { name: 'Team', values: g.reps },
    { name: 'Customers', values: g.accounts },
  ];
}
