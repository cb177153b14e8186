/**
 * Hosted in Office or preview mode? Decided from the URL alone, without the network: the
 * manifest's SourceLocation carries `?host=office`, and Office adds `_host_Info` itself.
 * Only then is office.js injected (the one script the CSP allows from another origin) and
 * `Office.onReady` awaited, with a timeout that falls back to preview so the pane never hangs.
 * This is the only pane module that touches the `Office` global or the Office adapter.
 */
import type { WorkbookPort } from '../workbook/port.js';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const READY_TIMEOUT_MS = 5000;

export type Host =
  | { readonly mode: 'office'; readonly workbook: WorkbookPort; readonly dark: boolean }
  | { readonly mode: 'preview'; readonly reason: 'not-hosted' | 'office-unavailable'; readonly detail?: string };

/** True when the query string says the pane runs inside Office. */
export function isHostedUrl(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.get('host')?.toLowerCase() === 'office' || params.has('_host_Info');
}

function loadOfficeScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = OFFICE_JS_URL;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('office.js could not be loaded (offline, or the Office CDN is unreachable).'));
    document.head.appendChild(script);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** Is Office's body background dark? (Office themes: white, colorful, dark grey, black.) */
export function isDarkColor(hex: string | undefined): boolean {
  const m = hex?.trim().match(/^#?([0-9a-f]{6})$/i);
  if (!m) return false;
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Starts the host: Office when the URL says so and office.js answers in time, else preview. */
export async function startHost(search = window.location.search): Promise<Host> {
  if (!isHostedUrl(search)) return { mode: 'preview', reason: 'not-hosted' };
  try {
    await withTimeout(loadOfficeScript(), READY_TIMEOUT_MS, 'office.js did not load within 5 s.');
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (!office) throw new Error('office.js loaded but defined no Office object.');
    const info = await withTimeout(office.onReady(), READY_TIMEOUT_MS, 'Office did not report ready within 5 s.');
    if (info.host !== office.HostType.Excel) throw new Error('Territory Slicer runs in Excel only.');
    const { createOfficeWorkbook } = await import('../workbook/office/index.js');
    return { mode: 'office', workbook: createOfficeWorkbook(), dark: isDarkColor(office.context.officeTheme?.bodyBackgroundColor) };
  } catch (error) {
    return { mode: 'preview', reason: 'office-unavailable', detail: error instanceof Error ? error.message : String(error) };
  }
}
