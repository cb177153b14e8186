/**
 * The pane's code split (src/taskpane/lazy.tsx, docs/PERFORMANCE.md "Pane bundle"): what the page
 * loads before its first paint stays small, and the heavy parts — ExcelJS, the charts, the
 * Comparison and Audit pages, the Office adapter — are fetched only when something needs them.
 * Sizes are bytes on disk, not timings; BUNDLE-* lines print the figures for the docs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { distDir } from '../../scripts/preview.mjs';
import { expectLocalAndClean, openPane, waitForFairness, paneTests } from './browser.js';

const origin = inject('paneOrigin');
const FIRST_PAINT_BUDGET_GZIP = 300 * 1024;

const gzipSize = (file: string) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
const scripts = readdirSync(distDir).filter((f) => f.endsWith('.js'));
/** The chunk that holds ExcelJS: the only one with the .xlsx part names in it. */
const excelJsChunk = scripts.find((f) => readFileSync(path.join(distDir, f), 'utf8').includes('xl/workbook.xml') && !f.startsWith('taskpane.'));
const requested = (requests: readonly string[], file: string) => requests.some((u) => new URL(u).pathname === `/${file}`);
const chunk = (prefix: string) => scripts.find((f) => f.startsWith(`${prefix}.`))!;

const t = paneTests(origin, { check: false });

describe('the pane bundle', () => {
  it(`loads at most ${FIRST_PAINT_BUDGET_GZIP / 1024} KB of gzipped JavaScript before its first paint`, () => {
    const html = readFileSync(path.join(distDir, 'taskpane.html'), 'utf8');
    const initial = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]!);
    expect(initial.length).toBeGreaterThan(0);
    const total = initial.reduce((sum, file) => sum + gzipSize(file), 0);
    console.log(`BUNDLE-FIRST-PAINT-GZIP ${(total / 1024).toFixed(1)} KB (${initial.join(', ')})`);
    for (const file of scripts) console.log(`BUNDLE-CHUNK ${file} ${readFileSync(path.join(distDir, file)).length} B, ${gzipSize(file)} B gzipped`);
    expect(total).toBeLessThanOrEqual(FIRST_PAINT_BUDGET_GZIP);
  });

  it('opens the sample without ExcelJS, the charts load with the Slicer page, Comparison and Audit when their tab opens', async () => {
    expect(excelJsChunk).toBeDefined();
    const session = await openPane(t.browser, origin);
    try {
      const { page, requests } = session;
      await waitForFairness(page);
      await page.getByTestId('rep-distribution-chart').waitFor();
      const firstScreen = scripts.filter((f) => requested(requests, f));
      console.log(`BUNDLE-FIRST-SCREEN-GZIP ${(firstScreen.reduce((sum, f) => sum + gzipSize(f), 0) / 1024).toFixed(1)} KB: the preview's Slicer page with its charts (${firstScreen.join(', ')})`);
      expect(requested(requests, chunk('sample'))).toBe(true);
      expect(requested(requests, chunk('charts'))).toBe(true);
      expect(requested(requests, excelJsChunk!)).toBe(false);
      expect(requested(requests, chunk('comparison'))).toBe(false);
      expect(requested(requests, chunk('audit'))).toBe(false);

      await page.getByRole('tab', { name: 'Territory Comparison' }).click();
      await page.getByTestId('movement').waitFor();
      expect(requested(requests, chunk('comparison'))).toBe(true);
      expect(requested(requests, chunk('audit'))).toBe(false);
      await page.getByRole('tab', { name: 'Audit Trail' }).click();
      await page.getByTestId('audit-candidate').first().waitFor();
      expect(requested(requests, chunk('audit'))).toBe(true);
      // Still no ExcelJS: only opening a file from disk or downloading an .xlsx needs it.
      expect(requested(requests, excelJsChunk!)).toBe(false);
      await expectLocalAndClean(session, origin);
    } finally {
      await session.close();
    }
  });
});
