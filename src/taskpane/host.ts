/**
 * Inside Office or preview mode? The build makes two pages from one bundle: `office.html`, the page
 * the manifest opens, loads office.js with a `<script>` in its `<head>` (Microsoft's guidance: the
 * API is initialised before any body element), and `taskpane.html`, the preview page, never requests
 * it. So the page decides: with office.js on it the pane runs in Excel or says why it cannot — never
 * on the sample workbook; without it, preview mode. This is the only pane module that touches the
 * `Office` global or the Office adapter.
 */
import type { WorkbookPort } from '../workbook/port.js';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** After this long without an answer from Office the pane says so (and keeps waiting). */
export const SLOW_START_MS = 5000;

export type Host =
  | { readonly mode: 'office'; readonly workbook: WorkbookPort; readonly dark: boolean }
  | { readonly mode: 'preview'; readonly reason: 'not-hosted' };

/** Why the pane cannot start inside Office, in words for the person looking at it. */
export interface StartProblem {
  readonly kind: 'office-js-missing' | 'not-excel' | 'outside-office' | 'preview-page';
  readonly title: string;
  readonly message: string;
  /** Whether loading the page again may help (a network hiccup), so the pane offers Retry. */
  readonly retry: boolean;
}

export type Start = { readonly ok: true; readonly host: Host } | { readonly ok: false; readonly problem: StartProblem };

/** True when the query string says the page was opened by Office (`?host=office` or Office's `_host_Info`). */
export function isHostedUrl(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.get('host')?.toLowerCase() === 'office' || params.has('_host_Info');
}

/** True on the Office page: office.js is one of its scripts (a failed load leaves the element). */
export function isOfficePage(doc: Pick<Document, 'querySelector'> = document): boolean {
  return doc.querySelector(`script[src="${OFFICE_JS_URL}"]`) !== null;
}

/** Is Office's body background dark? (Office themes: white, colorful, dark grey, black.) */
export function isDarkColor(hex: string | undefined): boolean {
  const m = hex?.trim().match(/^#?([0-9a-f]{6})$/i);
  if (!m) return false;
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

const problems = {
  officeJsMissing: {
    kind: 'office-js-missing',
    title: 'Office did not load',
    message: 'Territory Slicer could not load office.js, the Office library it needs to talk to Excel (from appsforoffice.microsoft.com). Check the network connection, or ask whoever runs your network whether that address is blocked, then press Retry.',
    retry: true,
  },
  previewPage: {
    kind: 'preview-page',
    title: 'Wrong page for Excel',
    message: "Office opened Territory Slicer's preview page, which does not talk to Excel: the add-in's manifest must point at office.html?host=office (docs/EXCEL.md). Nothing was read from or written to this workbook.",
    retry: false,
  },
  outsideOffice: {
    kind: 'outside-office',
    title: 'Open it from Excel',
    message: "This is Territory Slicer's page for Excel. Open it from Excel (Home → Territory Slicer); to try it in a browser, open taskpane.html, which runs on a sample workbook.",
    retry: false,
  },
} as const satisfies Record<string, StartProblem>;

interface StartOptions {
  /** The query string (Office adds `_host_Info`). */
  readonly search?: string;
  /** Called once when Office has not answered after `slowMs`; the start keeps waiting. */
  readonly onSlow?: () => void;
  readonly slowMs?: number;
}

/** Starts the host: Office on the Office page (or why not), preview mode on the preview page. */
export async function startHost(options: StartOptions = {}): Promise<Start> {
  const search = options.search ?? window.location.search;
  if (!isOfficePage()) {
    // The preview page never requests office.js; inside Office it must not pass the sample off as the workbook.
    return isHostedUrl(search) ? { ok: false, problem: problems.previewPage } : { ok: true, host: { mode: 'preview', reason: 'not-hosted' } };
  }
  // The <script> in <head> ran (or failed) before this bundle, which is deferred.
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return { ok: false, problem: problems.officeJsMissing };
  const slow = setTimeout(() => options.onSlow?.(), options.slowMs ?? SLOW_START_MS);
  let info: { host: Office.HostType | null };
  try {
    info = await office.onReady();
  } catch {
    return { ok: false, problem: problems.officeJsMissing };
  } finally {
    clearTimeout(slow);
  }
  if (info.host === null || info.host === undefined) return { ok: false, problem: problems.outsideOffice };
  if (info.host !== office.HostType.Excel) {
    return { ok: false, problem: { kind: 'not-excel', title: 'Excel only', message: `Territory Slicer works in Excel; this is ${String(info.host)}.`, retry: false } };
  }
  const { createOfficeWorkbook } = await import('../workbook/office/index.js');
  return { ok: true, host: { mode: 'office', workbook: createOfficeWorkbook(), dark: isDarkColor(office.context.officeTheme?.bodyBackgroundColor) } };
}
