/**
 * The allocation-v2 controls of the pane (SPEC §10.1, §15, §15.1) driven by role and exact name, each
 * checked against the engine run in Node on the same book: the sample workbook with a Locked column
 * (11 accounts locked to their current rep, one pinned by Locked_Rep) and Max_Accounts on two reps,
 * opened from disk as a user would. Long tasks while refining at 10k / 60 are printed, not asserted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { defaultSettings, evaluate, formatPercent, roundHalfUp, movementTotals, readBook, settingsKey, type Book, type Cell, type Evaluation, type Settings, type SheetInput } from '../../src/engine/index.js';
import { formatCount, formatShown } from '../../src/taskpane/format.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { readXlsxSheets } from '../../src/workbook/xlsx/read.js';
import { SCREENSHOT_DIR, horizontalOverflow, openPane, testIdText, waitForFairness, paneTests } from './browser.js';
import { SAMPLE_PATH } from './reference.js';

const origin = inject('paneOrigin');
const t = paneTests(origin);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOCKS = 12;

interface ConstrainedBook {
  readonly buffer: Buffer;
  readonly book: Book;
  readonly settings: Settings;
  /** Account indexes locked with Locked = TRUE (to their current rep). */
  readonly lockedToOwner: readonly number[];
  /** The account pinned by Locked_Rep, and to whom. */
  readonly pinned: { readonly account: number; readonly rep: string };
  /** Reps with a Max_Accounts cell, and the cap. */
  readonly capped: ReadonlyMap<string, number>;
}

let built: Promise<ConstrainedBook> | null = null;

/**
 * The sample plus locks and caps. The locked accounts are ones the default fresh allocation would take
 * from their current rep, so a lock that were ignored would show.
 */
function constrainedBook(): Promise<ConstrainedBook> {
  built ??= (async () => {
    const sheets = await readXlsxSheets(new Uint8Array(readFileSync(SAMPLE_PATH)));
    const byName = (n: string) => sheets.find((s) => s.name.toLowerCase() === n)!;
    const reps = byName('reps'), accounts = byName('accounts');
    const plain = readBook(reps, accounts);
    if (!plain.ok) throw new Error('sample has errors');
    const pb = plain.book;
    const fresh = evaluate(pb, defaultSettings(pb));
    const candidates: number[] = [];
    for (let a = 0; a < pb.accounts.count && candidates.length < LOCKS; a++) {
      const owner = pb.accounts.originalRepIndex[a]!;
      if (owner < 0) continue;
      const segment = fresh.allocation.segment[a]!;
      if ((pb.reps[owner]!.segment === 'Enterprise' ? 0 : 1) !== segment) continue;
      if (fresh.allocation.assigned[a] !== owner) candidates.push(a);
    }
    if (candidates.length < LOCKS) throw new Error('not enough accounts to lock');
    const pinnedAccount = candidates[LOCKS - 1]!;
    const segOf = (a: number) => (fresh.allocation.segment[a] === 0 ? 'Enterprise' : 'Mid-Market');
    // Pinned to a rep of its segment who is neither its owner nor the greedy's pick.
    const pinnedRep = pb.reps.find((r, i) => r.segment === segOf(pinnedAccount) && i !== pb.accounts.originalRepIndex[pinnedAccount] && i !== fresh.allocation.assigned[pinnedAccount])!.name;
    const mmReps = pb.reps.filter((r) => r.segment === 'Mid-Market');
    const capped = new Map([[mmReps[0]!.name, 20], [mmReps[1]!.name, 25]]);

    const rowOf = (sheet: SheetInput, row: number) => sheet.rows[row]!;
    const accountRows: Cell[][] = accounts.rows.map((r, i) => {
      if (i === 0) return [...r, 'Locked', 'Locked_Rep'];
      const a = i - 1;
      const locked = candidates.slice(0, LOCKS - 1).includes(a);
      return [...r, locked ? 'TRUE' : '', a === pinnedAccount ? pinnedRep : ''];
    });
    const repRows: Cell[][] = reps.rows.map((r, i) => (i === 0 ? [...r, 'Max_Accounts'] : [...r, capped.get(String(rowOf(reps, i)[0])) ?? null]));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Reps').addRows(repRows);
    workbook.addWorksheet('Accounts').addRows(accountRows);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    // What the engine makes of the same file.
    const read = await readXlsxSheets(new Uint8Array(buffer));
    const result = readBook(read.find((s) => s.name === 'Reps')!, read.find((s) => s.name === 'Accounts')!);
    if (!result.ok) throw new Error(`constrained book has errors: ${result.errors[0]?.message}`);
    return {
      buffer,
      book: result.book,
      settings: defaultSettings(result.book),
      lockedToOwner: candidates.slice(0, LOCKS - 1),
      pinned: { account: pinnedAccount, rep: pinnedRep },
      capped,
    };
  })();
  return built;
}

const viewKey = (page: Page) => page.getByTestId('fairness-cards').getAttribute('data-view-key');
/** These settings are on screen with their final (refined) result. */
async function settled(page: Page, settings: Settings) {
  await expect.poll(() => viewKey(page), { timeout: 20_000 }).toBe(settingsKey(settings));
  await expect.poll(() => page.getByTestId('refining').count(), { timeout: 20_000 }).toBe(0);
}

async function openConstrained(width: number, dark = false) {
  const fixture = await constrainedBook();
  t.session = await openPane(t.browser, origin, { width, dark });
  const page = t.session.page;
  await waitForFairness(page);
  await page.getByRole('button', { name: /^Data:/ }).click();
  await page.getByTestId('file-input').setInputFiles({ name: 'locks-and-caps.xlsx', mimeType: XLSX_TYPE, buffer: fixture.buffer });
  await expect.poll(() => testIdText(page, 'preview-badge')).toBe('Preview mode — locks-and-caps.xlsx');
  await settled(page, fixture.settings);
  return { page, ...fixture };
}

/** Opens the Data accordion (it folds away after a clean load) and waits for the setup summary. */
async function openSetup(page: Page) {
  const header = page.getByRole('button', { name: /^Data:/ });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await page.getByTestId('load-constraints').waitFor();
}

const mode = (page: Page, name: 'Fresh allocation' | 'Start from current books') => page.getByRole('radio', { name, exact: true });
const refineSwitch = (page: Page) => page.getByRole('switch', { name: 'Refine after greedy', exact: true });
const capBox = (page: Page, segment: 'Enterprise' | 'Mid-Market') => page.getByRole('spinbutton', { name: `${segment} max accounts per rep`, exact: true });
const budgetSlider = (page: Page) => page.getByRole('slider', { name: 'Move budget', exact: true });

/** "budget used M of B" as the engine has it: the per-segment budget counts summed. */
function engineBudget(evaluation: Evaluation): { used: number; total: number } {
  let used = 0, total = 0;
  for (const seg of evaluation.segments) {
    used += seg.refinement?.budgetUsed ?? 0;
    total += seg.refinement?.budget ?? 0;
  }
  return { used, total };
}

async function accountsMovedShown(page: Page): Promise<number> {
  const text = await testIdText(page, 'change-accounts-moved');
  return Number(/^([\d,]+) accounts? moved/.exec(text)![1]!.replace(/,/g, ''));
}

async function budgetShown(page: Page): Promise<{ used: number; total: number }> {
  const text = await page.getByRole('group', { name: 'Change from current books' }).getByTestId('change-budget').textContent();
  const m = /^budget used ([\d,]+) of ([\d,]+)$/.exec((text ?? '').trim());
  expect(m, `budget line: ${text}`).not.toBeNull();
  return { used: Number(m![1]!.replace(/,/g, '')), total: Number(m![2]!.replace(/,/g, '')) };
}

/** The assignment's To for one account, found with Search accounts (the cell's full name). */
async function assignedTo(page: Page, accountId: string): Promise<string> {
  const table = page.getByTestId('assignments-table');
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill(accountId);
  await expect.poll(() => table.getAttribute('data-row-count')).toBe('1');
  const cell = table.getByRole('row').nth(1).getByRole('cell').nth(5);
  await expect.poll(async () => ((await cell.textContent()) ?? '').trim()).not.toBe('');
  const full = (await cell.getAttribute('aria-label')) ?? ((await cell.textContent()) ?? '').trim();
  return full.replace(/^(• )?(moved to )?/, '');
}

/** Per rep, the Accounts column of the rep summary. */
async function repAccountsShown(page: Page): Promise<Map<string, number>> {
  const rows = await page.getByTestId('rep-summary').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())).filter((cells) => cells.length >= 3),
  );
  return new Map(rows.map((cells) => [cells[0]!, Number(cells[2]!.replace(/,/g, ''))]));
}

describe('allocation v2 in the pane (SPEC §10.1, §15)', () => {
  it('the setup summary counts the locked accounts and the reps with a cap; the cards show the best possible CV%', async () => {
    const { page, book, settings } = await openConstrained(320);
    // Counted on the sheets: 11 Locked + 1 Locked_Rep, two Max_Accounts cells.
    await openSetup(page);
    expect(await testIdText(page, 'load-constraints')).toBe('12 locked accounts, 2 reps with a cap.');
    expect(await testIdText(page, 'allocation-constraints')).toBe('From the sheets: 12 locked accounts, 2 reps with a cap.');
    // The sensitivity chart says what it samples (SPEC §15: "greedy allocation").
    expect(await testIdText(page, 'sensitivity-caption')).toBe('Each point is a greedy allocation with locks and caps (fresh, no refinement).');
    // Best possible beside each CV%: the engine's floor rounded as CV% is; never above what the allocation reached by more than rounding.
    const evaluation = evaluate(book, settings);
    for (const seg of evaluation.segments) {
      for (const d of ['arr', 'accounts', 'risk'] as const) {
        const floor = seg.floorCv[d];
        expect(await testIdText(page, `floor-${seg.name}-${d}`)).toBe(floor === null || !seg.drivers?.[d] ? 'N/A' : String(roundHalfUp(floor)));
        if (floor !== null && seg.drivers?.[d]) expect(floor).toBeLessThanOrEqual(seg.drivers[d]!.cv + 1e-9);
        // As shown, the floor never reads above the CV% beside it.
        if (floor !== null && seg.drivers?.[d]) expect(Number(await testIdText(page, `floor-${seg.name}-${d}`))).toBeLessThanOrEqual(Number(await testIdText(page, `cv-${seg.name}-${d}`)));
      }
    }
  });

  it('Start from current books moves fewer accounts than a fresh allocation; budget used M of B equals the engine’s, M ≤ B; Move budget by keyboard changes B, one undo step', async () => {
    const { page, book, settings } = await openConstrained(320);
    const fresh = movementTotals(book, evaluate(book, settings));
    expect(await accountsMovedShown(page)).toBe(fresh.accountsMoved);
    // Fresh mode has no budget line, and no Move budget slider.
    expect(await page.getByTestId('change-budget').count()).toBe(0);
    expect(await budgetSlider(page).count()).toBe(0);

    await mode(page, 'Start from current books').check();
    const rebalance = { ...settings, mode: 'rebalance' as const };
    await settled(page, rebalance);
    const evaluation = evaluate(book, rebalance);
    const totals = movementTotals(book, evaluation);
    expect(await testIdText(page, 'change-accounts-moved')).toBe(`${formatCount(totals.accountsMoved)} accounts moved (${formatPercent(totals.accountsMovedPct)})`);
    expect(totals.accountsMoved).toBeLessThan(fresh.accountsMoved);
    const budget = await budgetShown(page);
    expect(budget).toEqual(engineBudget(evaluation));
    expect(budget.used).toBeLessThanOrEqual(budget.total);
    expect(budget.total).toBe(Math.floor((10 * evaluation.segments[0].accounts) / 100) + Math.floor((10 * evaluation.segments[1].accounts) / 100));
    expect(await page.getByRole('radio', { name: 'Start from current books', exact: true }).isChecked()).toBe(true);

    // Move budget: 10 % by default; five presses within 500 ms are 15 % and one undo step.
    const slider = budgetSlider(page);
    expect(await slider.getAttribute('aria-valuetext')).toBe('10 %');
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('15 %');
    const wider = { ...rebalance, budget: 15 };
    await settled(page, wider);
    const widerEvaluation = evaluate(book, wider);
    const widerBudget = await budgetShown(page);
    expect(widerBudget).toEqual(engineBudget(widerEvaluation));
    expect(widerBudget.total).toBeGreaterThan(budget.total);
    expect(widerBudget.used).toBeLessThanOrEqual(widerBudget.total);
    expect(await accountsMovedShown(page)).toBe(movementTotals(book, widerEvaluation).accountsMoved);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('10 %');
    await settled(page, rebalance);
    expect(await budgetShown(page)).toEqual(budget);
  });

  it('Refine after greedy off shows the engine’s greedy numbers; on again, the refined ones', async () => {
    const { page, book, settings } = await openConstrained(450);
    const toggle = refineSwitch(page);
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    const greedy = { ...settings, refine: false };
    await settled(page, greedy);
    expect(await toggle.isChecked()).toBe(false);
    const cards = async (evaluation: Evaluation) => {
      expect(await page.getByTestId('fairness-Overall-balanced').getAttribute('data-value')).toBe(formatShown(evaluation.overall.balanced));
      expect(await page.getByTestId('fairness-Overall-custom').getAttribute('data-value')).toBe(formatShown(evaluation.overall.custom));
      for (const seg of evaluation.segments) {
        for (const d of ['arr', 'accounts'] as const) expect(await testIdText(page, `cv-${seg.name}-${d}`)).toBe(formatShown(seg.drivers?.[d]?.cv ?? null));
      }
      expect(await accountsMovedShown(page)).toBe(movementTotals(book, evaluation).accountsMoved);
    };
    const greedyEvaluation = evaluate(book, greedy);
    await cards(greedyEvaluation);
    expect(greedyEvaluation.segments.every((s) => !s.refinement || s.refinement.moves + s.refinement.swaps === 0)).toBe(true);
    await toggle.click();
    await settled(page, settings);
    const refined = evaluate(book, settings);
    await cards(refined);
    // Refinement did something on this book (else the check above proves nothing).
    expect(refined.segments.some((s) => (s.refinement?.moves ?? 0) + (s.refinement?.swaps ?? 0) > 0)).toBe(true);
  });

  it('a cap box changes the result so that no rep exceeds the cap, as the engine allocates', async () => {
    const { page, book, settings, capped } = await openConstrained(320);
    // Enterprise: no rep there has a cap of its own, so the box alone decides.
    const before = evaluate(book, settings);
    const ent = before.segments[0];
    const counts = Array.from(ent.loads.accounts);
    const busiest = Math.max(...counts);
    // Two below the even share: refinement already evens the counts, so a cap that bites leaves some
    // accounts without a rep with room (SPEC §15: unassigned, with capacity-exhausted).
    const cap = Math.ceil(ent.accounts / ent.reps.length) - 2;
    expect(cap).toBeLessThan(busiest);
    expect(Array.from(ent.reps).some((r) => capped.has(book.reps[r]!.name))).toBe(false);
    await capBox(page, 'Enterprise').fill(String(cap));
    const withCap = { ...settings, maxAccounts: { Enterprise: cap, 'Mid-Market': null } };
    await settled(page, withCap);
    expect(await capBox(page, 'Enterprise').getAttribute('aria-valuetext')).toBe(`${cap} accounts`);
    const evaluation = evaluate(book, withCap);
    const shown = await repAccountsShown(page);
    const seg = evaluation.segments[0];
    // Locks may push a rep over (SPEC §15): count what the locks alone put on each rep.
    const lockedOn = new Map<string, number>();
    for (let a = 0; a < book.accounts.count; a++) {
      if (!evaluation.allocation.locked[a]) continue;
      const name = book.reps[evaluation.allocation.assigned[a]!]!.name;
      lockedOn.set(name, (lockedOn.get(name) ?? 0) + 1);
    }
    Array.from(seg.reps).forEach((r, i) => {
      const name = book.reps[r]!.name;
      expect(shown.get(name), name).toBe(seg.loads.accounts[i]);
      expect(shown.get(name)!, `${name} over the cap`).toBeLessThanOrEqual(Math.max(cap, lockedOn.get(name) ?? 0));
    });
    expect(Math.max(...Array.from(seg.loads.accounts))).toBeLessThan(busiest);
    // The accounts no rep had room for, as the engine counts them, and its warning in the allocation bar.
    expect(seg.unassigned).toBeGreaterThan(0);
    const engineWarning = evaluation.warnings.find((w) => w.code === 'capacity-exhausted')!;
    expect(engineWarning.count).toBe(seg.unassigned);
    const bar = page.getByTestId('allocation-warnings');
    expect(await bar.getAttribute('data-count')).toBe(String(evaluation.warnings.length));
    if (evaluation.warnings.length > 1) {
      await bar.getByRole('button', { name: 'All warnings' }).click();
      expect(await bar.locator('[data-code="capacity-exhausted"]').textContent()).toContain(engineWarning.message);
    } else {
      expect(await testIdText(page, 'allocation-warnings-first')).toBe(engineWarning.message);
    }
    // Mid-Market reps with a Max_Accounts cell keep to it (or to their locks).
    const mm = evaluation.segments[1];
    Array.from(mm.reps).forEach((r, i) => {
      const name = book.reps[r]!.name;
      expect(shown.get(name), name).toBe(mm.loads.accounts[i]);
      const own = capped.get(name);
      if (own !== undefined) expect(shown.get(name)!, `${name} over its Max_Accounts`).toBeLessThanOrEqual(Math.max(own, lockedOn.get(name) ?? 0));
    });
    // Blank again = no cap.
    await capBox(page, 'Enterprise').fill('');
    await settled(page, settings);
  });

  it('a locked account keeps its owner, and the Locked_Rep account its rep, in every mode', async () => {
    const { page, book, settings, lockedToOwner, pinned } = await openConstrained(450);
    const owner = lockedToOwner[0]!;
    const ownerName = book.reps[book.accounts.originalRepIndex[owner]!]!.name;
    const variants: Settings[] = [settings, { ...settings, mode: 'rebalance' }, { ...settings, mode: 'rebalance', refine: false }, { ...settings, refine: false }];
    for (const s of variants) {
      if (s.mode !== (await mode(page, 'Fresh allocation').isChecked() ? 'fresh' : 'rebalance')) await mode(page, s.mode === 'fresh' ? 'Fresh allocation' : 'Start from current books').check();
      if (s.refine !== (await refineSwitch(page).isChecked())) await refineSwitch(page).click();
      await settled(page, s);
      const evaluation = evaluate(book, s);
      for (const a of lockedToOwner) expect(book.reps[evaluation.allocation.assigned[a]!]!.name).toBe(book.reps[book.accounts.originalRepIndex[a]!]!.name);
      expect(book.reps[evaluation.allocation.assigned[pinned.account]!]!.name).toBe(pinned.rep);
      expect(await assignedTo(page, book.accounts.id[owner]!)).toBe(ownerName);
      expect(await assignedTo(page, book.accounts.id[pinned.account]!)).toBe(pinned.rep);
    }
  });

  it('Undo restores the mode, refine and caps step by step; Reset to defaults restores every default', async () => {
    const { page, settings } = await openConstrained(320);
    await mode(page, 'Start from current books').check();
    await settled(page, { ...settings, mode: 'rebalance' });
    await refineSwitch(page).click();
    await capBox(page, 'Enterprise').fill('12');
    const changed: Settings = { ...settings, mode: 'rebalance', refine: false, maxAccounts: { Enterprise: 12, 'Mid-Market': null } };
    await settled(page, changed);
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await settled(page, { ...changed, maxAccounts: settings.maxAccounts });
    expect(await capBox(page, 'Enterprise').inputValue()).toBe('');
    await undo.click();
    await settled(page, { ...settings, mode: 'rebalance' });
    expect(await refineSwitch(page).isChecked()).toBe(true);
    await undo.click();
    await settled(page, settings);
    expect(await mode(page, 'Fresh allocation').isChecked()).toBe(true);
    // Redo all three, then Reset to defaults.
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    for (let i = 0; i < 3; i++) await redo.click();
    await settled(page, changed);
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await settled(page, settings);
    expect(await mode(page, 'Fresh allocation').isChecked()).toBe(true);
    expect(await refineSwitch(page).isChecked()).toBe(true);
    expect(await capBox(page, 'Enterprise').inputValue()).toBe('');
    expect(await capBox(page, 'Mid-Market').inputValue()).toBe('');
    // In fresh mode the budget is not shown; back in rebalance it reads its default.
    await mode(page, 'Start from current books').check();
    await expect.poll(() => budgetSlider(page).getAttribute('aria-valuetext')).toBe('10 %');
  });

  for (const look of [
    { width: 320, dark: false, name: 'allocation-320' },
    { width: 450, dark: false, name: 'allocation-450' },
    { width: 320, dark: true, name: 'allocation-320-dark' },
  ] as const) {
    it(`screenshots of the new controls at ${look.width} px${look.dark ? ', dark' : ''}: nothing scrolls sideways`, async () => {
      const { page, settings } = await openConstrained(look.width, look.dark);
      await mode(page, 'Start from current books').check();
      await capBox(page, 'Mid-Market').fill('30');
      await settled(page, { ...settings, mode: 'rebalance', maxAccounts: { Enterprise: null, 'Mid-Market': 30 } });
      expect(await horizontalOverflow(page)).toBe(0);
      await openSetup(page);
      // The accordion opens with an animation: let it finish before the picture.
      await page.waitForTimeout(500);
      await page.getByTestId('setup-panel').screenshot({ path: path.join(SCREENSHOT_DIR, `${look.name}-setup.png`) });
      for (const section of ['Segments', 'Fairness', 'Allocation'] as const) {
        await page.getByRole('region', { name: section, exact: true }).screenshot({ path: path.join(SCREENSHOT_DIR, `${look.name}-${section.toLowerCase()}.png`) });
      }
    });
  }
});

describe('refining at 10k accounts / 60 reps', () => {
  it('prints the UI thread’s long tasks while the refined result is computed; the refined numbers are the engine’s', async () => {
    t.session = await openPane(t.browser, origin, { query: '?sample=10k', width: 450 });
    const page = t.session.page;
    await waitForFairness(page, 60_000);
    const sheets = syntheticSheets({ accounts: 10_000, reps: 60 });
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('synthetic book has errors');
    const book = read.book;
    const settings = defaultSettings(book);
    await settled(page, settings);
    // Long tasks split at the greedy result's repaint (the fairness cards' commit mark): before it is the
    // repaint every change costs; after it, the time the refined result is on its way and then drawn.
    const repaint: number[] = [];
    const refining: number[] = [];
    const refineMs: number[] = [];
    const measure = async (change: () => Promise<void>, next: Settings) => {
      const t0 = await page.evaluate(() => {
        (window as unknown as { __longTasks: unknown[] }).__longTasks.length = 0;
        return performance.now();
      });
      const started = Date.now();
      await change();
      await settled(page, next);
      refineMs.push(Date.now() - started);
      const { tasks, greedyAt } = await page.evaluate((since) => {
        const marks = performance.getEntriesByName('ts:fairness-commit').filter((m) => m.startTime > since);
        return {
          tasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since),
          greedyAt: marks.length ? marks[0]!.startTime : Infinity,
        };
      }, t0);
      for (const t of tasks) (t.start < greedyAt ? repaint : refining).push(t.duration);
    };
    const rebalance = { ...settings, mode: 'rebalance' as const };
    await measure(() => mode(page, 'Start from current books').check(), rebalance);
    await budgetSlider(page).focus();
    await measure(() => page.keyboard.press('ArrowRight'), { ...rebalance, budget: 11 });
    await measure(() => mode(page, 'Fresh allocation').check(), { ...settings, budget: 11 });
    const last = { ...settings, budget: 11, maxAccounts: { Enterprise: null, 'Mid-Market': 200 } };
    await measure(() => capBox(page, 'Mid-Market').fill('200'), last);
    // The refined numbers replaced the greedy ones: they are the engine's with refinement on.
    const evaluation = evaluate(book, last);
    expect(evaluation.segments.some((seg) => (seg.refinement?.moves ?? 0) + (seg.refinement?.swaps ?? 0) > 0)).toBe(true);
    expect(await page.getByTestId('fairness-Overall-balanced').getAttribute('data-value')).toBe(formatShown(evaluation.overall.balanced));
    expect(await accountsMovedShown(page)).toBe(movementTotals(book, evaluation).accountsMoved);
    const all = [...repaint, ...refining];
    const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0).toFixed(0);
    console.log(
      `PANE-LONGTASKS-REFINE n=${all.length} max=${max(all)}ms — up to the greedy repaint n=${repaint.length} max=${max(repaint)}ms, while refining and drawing the refined result n=${refining.length} max=${max(refining)}ms ` +
        `(10,000 accounts / 60 reps, 4 changes; change → refined result on screen: ${refineMs.map((ms) => `${ms} ms`).join(', ')})`,
    );
  });
});
