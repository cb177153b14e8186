/**
 * The pane's second pass (SPEC §10.1) driven as a user would, by role and accessible name, at 320 px
 * in the light theme and at 450 px in the dark one; every check is an outcome against the engine
 * run in Node on the same book (not just the presence of a control). Timings are printed, never
 * asserted.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { auditRecord, dominantDriverNote, evaluate, formatMoney, formatPercent, movementTotals, optimizeWeights, sensitivityThresholds, bookThresholdSlider, settingsKey, sliderPosition, thresholdGuards, type Settings } from '../../src/engine/index.js';
import { auditAnswer } from '../../src/taskpane/components/auditAnswer.js';
import { formatCount, formatOneDecimal, formatThreshold } from '../../src/taskpane/format.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { readBook } from '../../src/engine/index.js';
import { firstText, horizontalOverflow, openPane, testIdText, waitForFairness, paneTests } from './browser.js';
import { sampleBook } from './reference.js';

const origin = inject('paneOrigin');
const t = paneTests(origin);

const LOOKS = [
  { width: 320, dark: false, name: '320 px, light' },
  { width: 450, dark: true, name: '450 px, dark' },
] as const;

const viewKey = (page: Page) => page.getByTestId('fairness-cards').getAttribute('data-view-key');
/** The refined result is on screen (refinement on: the greedy one shows first). */
const settled = async (page: Page, key: string) => {
  await expect.poll(() => viewKey(page)).toBe(key);
  await expect.poll(() => page.getByTestId('refining').count()).toBe(0);
};
const sliderValue = (page: Page, name: string) => page.getByRole('slider', { name, exact: true }).inputValue().then(Number);
const weights = async (page: Page) => ({ arr: await sliderValue(page, 'ARR weight'), accounts: await sliderValue(page, 'Accounts weight'), risk: await sliderValue(page, 'Risk weight') });

for (const look of LOOKS) {
  describe(`second pass at ${look.name}`, () => {
    async function open(query = '') {
      t.session = await openPane(t.browser, origin, { query, width: look.width, dark: look.dark });
      await waitForFairness(t.session.page);
      return t.session.page;
    }

    it('the Threshold slider walks the log scale: arrow keys reach 250, 500, 1,000, 2,000 and 5,000, said with separators', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const slider = page.getByRole('slider', { name: 'Threshold', exact: true });
      const box = page.getByRole('spinbutton', { name: 'Threshold value' });
      expect(await slider.getAttribute('aria-valuetext')).toBe('1,000 employees');
      const reached: string[] = [];
      const times: number[] = [];
      await slider.focus();
      for (const [key, presses] of [['ArrowLeft', 6], ['ArrowRight', 13]] as const) {
        for (let i = 0; i < presses; i++) {
          const t0 = Date.now();
          await page.keyboard.press(key);
          const text = (await slider.getAttribute('aria-valuetext'))!;
          reached.push(text);
          const threshold = Number(text.replace(/[^\d.]/g, ''));
          await expect.poll(() => viewKey(page)).toBe(settingsKey({ ...settings, threshold }));
          times.push(Date.now() - t0);
        }
      }
      for (const t of ['250', '500', '1,000', '2,000', '5,000']) expect(reached).toContain(`${t} employees`);
      // Each press moved one position of the engine's grid (SPEC §3), and the box follows with separators.
      const slide = bookThresholdSlider(book);
      const grid = Array.from({ length: slide.count }, (_, i) => sliderPosition(slide, i));
      expect(reached.slice(0, 6).map((t) => Number(t.replace(/[^\d.]/g, '')))).toEqual(grid.slice(grid.indexOf(1000) - 6, grid.indexOf(1000)).reverse());
      expect(await box.inputValue()).toBe('5,000');
      // The segments are the engine's at 5,000.
      const at5000 = evaluate(book, { ...settings, threshold: 5000 });
      expect(await testIdText(page, 'size-Enterprise-accounts')).toBe(formatCount(at5000.segments[0].accounts));
      console.log(`PANE-THRESHOLD-KEY-TO-VIEW-MS (${look.name}, via the test driver): median ${[...times].sort((a, b) => a - b)[times.length >> 1]} ms over ${times.length} presses`);
    });

    it('sets an exact 50 / 30 / 20 in two edits of the weight boxes, and the sliders follow the same rule', async () => {
      const page = await open();
      const { settings } = await sampleBook();
      await page.getByRole('spinbutton', { name: 'ARR weight (%)' }).fill('50');
      await page.getByRole('spinbutton', { name: 'Accounts weight (%)' }).fill('30');
      await expect.poll(() => weights(page)).toEqual({ arr: 50, accounts: 30, risk: 20 });
      expect(await page.getByRole('spinbutton', { name: 'Risk weight (%)' }).inputValue()).toBe('20');
      await expect.poll(() => viewKey(page)).toBe(settingsKey({ ...settings, weights: { arr: 50, accounts: 30, risk: 20 } }));
      // A slider edit takes from the driver edited longest ago: ARR (Accounts was edited last).
      await page.getByRole('slider', { name: 'Risk weight', exact: true }).focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => weights(page)).toEqual({ arr: 49, accounts: 30, risk: 21 });
    });

    it('Undo restores the previous threshold (button and Ctrl+Z), Redo brings it back, Reset to defaults restores the book’s defaults', async () => {
      const page = await open();
      const { settings } = await sampleBook();
      const slider = page.getByRole('slider', { name: 'Threshold', exact: true });
      const box = page.getByRole('spinbutton', { name: 'Threshold value' });
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      // One run of key presses within 500 ms is one step; after a pause, the next press is a step of its own.
      await expect.poll(() => box.inputValue()).toBe('1,500');
      await page.waitForTimeout(600);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.inputValue()).toBe('2,000');
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => box.inputValue()).toBe('1,500');
      await expect.poll(() => viewKey(page)).toBe(settingsKey({ ...settings, threshold: 1500 }));
      await slider.focus();
      await page.keyboard.press('Control+z');
      await expect.poll(() => box.inputValue()).toBe('1,000');
      expect(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
      await page.keyboard.press('Control+y');
      await expect.poll(() => box.inputValue()).toBe('1,500');
      await page.getByRole('button', { name: 'Redo', exact: true }).click();
      await expect.poll(() => box.inputValue()).toBe('2,000');
      // Inside a text box Ctrl+Z is the box's own: the settings stay.
      await box.focus();
      await page.keyboard.press('Control+z');
      expect(await slider.getAttribute('aria-valuetext')).toBe('2,000 employees');
      await page.getByRole('spinbutton', { name: 'ARR weight (%)' }).fill('60');
      await page.getByRole('button', { name: 'Reset to defaults' }).click();
      await expect.poll(() => viewKey(page)).toBe(settingsKey(settings));
      expect(await weights(page)).toEqual(settings.weights);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => weights(page)).toEqual({ arr: 60, accounts: 33, risk: 7 });
    });

    it('Change from current books: Overall Balanced before → after, accounts and ARR moved, equal to the engine’s, live', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const group = page.getByRole('group', { name: 'Change from current books' });
      const check = async (s: Settings) => {
        await settled(page, settingsKey(s));
        const evaluation = evaluate(book, s);
        const totals = movementTotals(book, evaluation);
        expect(await group.getByTestId('change-balanced').textContent()).toBe(`Overall Balanced ${formatOneDecimal(evaluation.overallBefore.balanced)} → ${formatOneDecimal(evaluation.overall.balanced)}`);
        expect(await group.getByTestId('change-accounts-moved').textContent()).toBe(`${formatCount(totals.accountsMoved)} accounts moved (${formatPercent(totals.accountsMovedPct)})`);
        expect(await group.getByTestId('change-arr-moved').textContent()).toBe(`${formatMoney(totals.arrMoved)} ARR moved (${formatPercent(totals.arrMovedPct)})`);
        return totals.accountsMoved;
      };
      const before = await check(settings);
      // Right under the segment sizes.
      const sizes = await page.getByTestId('segment-sizes').boundingBox();
      const box = await group.boundingBox();
      expect(box!.y).toBeGreaterThan(sizes!.y + sizes!.height - 1);
      expect(box!.y - (sizes!.y + sizes!.height)).toBeLessThan(24);
      await page.getByRole('spinbutton', { name: 'Threshold value' }).fill('2000');
      const after = await check({ ...settings, threshold: 2000 });
      expect(after).not.toBe(before);
    });

    it('a click on a sensitivity point, or Enter on it, sets the threshold to that sample; the axis is the slider’s log scale with titles', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const chart = page.getByTestId('sensitivity-chart');
      await chart.locator('svg').first().waitFor();
      const samples = sensitivityThresholds(bookThresholdSlider(book));
      const [a, b] = [samples[8]!, samples[samples.length - 6]!];
      const point = (t: number) => chart.getByRole('img', { name: new RegExp(`^Threshold ${formatThreshold(t)}: Balanced Fairness `) });
      await point(a).click({ force: true });
      await expect.poll(() => viewKey(page)).toBe(settingsKey({ ...settings, threshold: a }));
      await point(b).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => viewKey(page)).toBe(settingsKey({ ...settings, threshold: b }));
      expect(await page.getByRole('spinbutton', { name: 'Threshold value' }).inputValue()).toBe(formatThreshold(b));
      // Axis titles, and decade ticks of the log scale.
      const text = (await chart.locator('svg').first().textContent()) ?? '';
      expect(text).toContain('Threshold (employees, log scale)');
      expect(text).toContain('Overall fairness');
      for (const tick of ['100', '1k', '10k']) expect(text).toContain(tick);
      // A typed threshold gets its own sample: the marker sits on the curves.
      await page.getByRole('spinbutton', { name: 'Threshold value' }).fill('1234');
      await expect.poll(() => point(1234).count()).toBe(1);
      expect(await chart.getAttribute('data-marker')).toBe('shown');
    });

    it('the guard says in words when a threshold leaves reps idle, next to the threshold and above an Optimize result', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const slide = bookThresholdSlider(book);
      const grid = Array.from({ length: slide.count }, (_, i) => sliderPosition(slide, i));
      // The lowest position that leaves Enterprise reps idle (SPEC §10.1's example: "3 of 4 Enterprise reps …").
      const threshold = grid.find((t) => thresholdGuards(evaluate(book, { ...settings, threshold: t })).some((g) => g.segment === 'Enterprise' && g.kind === 'idle-reps'))!;
      const at = { ...settings, threshold };
      const guards = thresholdGuards(evaluate(book, at));
      expect(guards[0]!.message).toMatch(/^\d+ of \d+ Enterprise reps get no accounts at [\d,]+/);
      await page.getByRole('spinbutton', { name: 'Threshold value' }).fill(String(threshold));
      await expect.poll(() => testIdText(page, 'threshold-guard')).toBe(guards.map((g) => g.message).join(''));
      await page.getByRole('button', { name: 'Optimize Weights' }).click();
      await page.getByRole('button', { name: 'Apply Recommended Weights' }).waitFor({ timeout: 60_000 });
      expect(await testIdText(page, 'optimize-guard')).toBe(guards.map((g) => g.message).join(''));
      const best = optimizeWeights(book, at)!;
      const note = dominantDriverNote(best.weights);
      if (note) expect(await testIdText(page, 'optimize-dominant')).toBe(`The recommendation ${note}`);
      else expect(await page.getByTestId('optimize-dominant').count()).toBe(0);
      console.log(`PANE-GUARD: at ${formatThreshold(threshold)} Optimize recommends ${JSON.stringify(best.weights)}; note: ${note ?? 'none'}`);
    });

    it('the audit step opens with its answer, then the deciding numbers; values are never cut', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const { allocation } = evaluate(book, settings);
      await page.getByRole('tab', { name: 'Audit Trail' }).click();
      for (const step of [1, 17]) {
        await page.getByRole('spinbutton', { name: 'Jump to step' }).fill(String(step));
        const record = auditRecord(book, allocation, step)!;
        await expect.poll(() => firstText(page.getByTestId('audit-step'))).toBe(auditAnswer(record));
        expect(auditAnswer(record)).toMatch(new RegExp(`^${record.accountId} → ${record.winner}: `));
        // Every value in the rep cards shows whole.
        const cut = await page.getByTestId('audit-step').locator('dd, h3, p').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
        expect(cut).toEqual([]);
      }
    });

    it('assignments: Search accounts by ID or name, sort by a column, From is the Original_Rep', async () => {
      const page = await open();
      const { book, settings } = await sampleBook();
      const evaluation = evaluate(book, settings);
      const table = page.getByTestId('assignments-table');
      const acc = book.accounts;
      const word = acc.name[3]!.split(' ')[0]!.toLowerCase();
      const matching = Array.from({ length: acc.count }, (_, a) => a).filter((a) => acc.id[a]!.toLowerCase().includes(word) || acc.name[a]!.toLowerCase().includes(word));
      await page.getByRole('searchbox', { name: 'Search accounts' }).fill(word);
      await expect.poll(() => table.getAttribute('data-row-count')).toBe(String(matching.length));
      // Sort by ARR: the largest matching account first.
      await table.getByRole('button', { name: 'ARR', exact: true }).click();
      const top = matching.reduce((x, y) => (acc.arr[y]! > acc.arr[x]! || (acc.arr[y] === acc.arr[x] && y < x) ? y : x));
      await expect.poll(async () => ((await table.getByRole('row').nth(1).getByRole('cell').nth(0).textContent()) ?? '').trim()).toBe(acc.id[top]);
      expect(await table.getByRole('columnheader', { name: /ARR/ }).getAttribute('aria-sort')).toBe('descending');
      const row = table.getByRole('row').nth(1);
      const full = async (i: number) => { const c = row.getByRole('cell').nth(i); return (await c.getAttribute('aria-label')) ?? ((await c.textContent()) ?? '').trim(); };
      expect(await full(4)).toBe(acc.originalRep[top] || '(unassigned)');
      const r = evaluation.allocation.assigned[top]!;
      expect((await full(5)).replace(/^(• )?(moved to )?/, '')).toBe(r < 0 ? '(unassigned)' : book.reps[r]!.name);
      // The focused row reads in full under the table.
      await row.focus();
      await expect.poll(() => testIdText(page, 'assignments-focused')).toContain(`${acc.id[top]} ${acc.name[top]}`);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('3');
      expect(await horizontalOverflow(page)).toBe(0);
    });

    it('fairness chips are one tab stop, with the arrow keys inside', async () => {
      const page = await open();
      const group = page.getByRole('group', { name: 'Fairness scores' });
      const inGroup = () => group.evaluate((g) => g.contains(document.activeElement));
      const chip = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      await page.getByTestId('fairness-Overall-custom').focus();
      await page.keyboard.press('ArrowRight');
      expect(await chip()).toBe('fairness-Overall-balanced');
      expect(await inGroup()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await inGroup()).toBe(false);
      // Shift+Tab comes back to the chip last used, not to the last of 14.
      await page.keyboard.press('Shift+Tab');
      expect(await inGroup()).toBe(true);
      expect(await chip()).toBe('fairness-Overall-balanced');
    });

    it('data warnings: a visible bar with the count and the first one, every one when expanded', async () => {
      const page = await open();
      const { readXlsxSheets } = await import('../../src/workbook/xlsx/read.js');
      const { readFileSync } = await import('node:fs');
      const { SAMPLE_PATH } = await import('./reference.js');
      const sheets = await readXlsxSheets(new Uint8Array(readFileSync(SAMPLE_PATH)));
      const read = readBook(sheets.find((s) => s.name === 'Reps')!, sheets.find((s) => s.name === 'Accounts')!);
      const warnings = read.warnings.filter((w) => w.code !== 'risk-disabled');
      const bar = page.getByTestId('data-warnings');
      expect(await bar.locator('.fui-MessageBarTitle').textContent()).toBe(`${warnings.length} data warnings`);
      expect(await testIdText(page, 'data-warnings-first')).toBe(`${warnings[0]!.message} · ${warnings.length - 1} more`);
      const toggle = bar.getByRole('button', { name: 'All warnings' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await bar.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(warnings.map((w) => w.code));
    });

    it('40 reps: the rep charts draw horizontal bars with every name whole; shortened rep names in the table never read alike', async () => {
      const page = await open('?sample=6700');
      const reps = syntheticSheets({ accounts: 6700, reps: 40 }).reps.rows.slice(1).map((r) => ({ name: String(r[0]), segment: String(r[1]) }));
      const mm = reps.filter((r) => r.segment === 'Mid-Market').map((r) => r.name);
      expect(mm.length).toBeGreaterThan(20);
      const bars = page.getByRole('list', { name: 'Mid-Market: ARR per rep, high-risk and other' });
      await bars.waitFor();
      const names = await bars.locator('li > span:first-child').allTextContents();
      expect(names).toEqual(mm);
      // Every name shows whole (nothing cut or overlapping).
      expect(await bars.locator('li > span:first-child').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length)).toBe(0);
      // The table: different reps never share a shortened name.
      const table = page.getByTestId('assignments-table');
      await table.getByRole('row').nth(1).getByRole('cell').nth(5).filter({ hasNotText: '…' }).waitFor();
      const seen = new Map<string, string>();
      for (let i = 1; i <= 8; i++) {
        for (const c of [4, 5]) {
          const cell = table.getByRole('row').nth(i).getByRole('cell').nth(c);
          const shown = ((await cell.textContent()) ?? '').replace(/^• /, '').replace('moved to ', '').trim();
          const full = ((await cell.getAttribute('aria-label')) ?? shown).replace('moved to ', '');
          if (seen.has(shown)) expect(seen.get(shown)).toBe(full);
          seen.set(shown, full);
        }
      }
      expect(await horizontalOverflow(page)).toBe(0);
    });
  });
}
