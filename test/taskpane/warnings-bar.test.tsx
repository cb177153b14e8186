/**
 * SPEC §2 / §10.1 soft warnings: one visible bar with the count and the first warning, expandable
 * into every warning, each keyed by the engine's stable code and carrying its message;
 * risk-disabled sits beside the Risk slider instead. Every warning here comes from the engine
 * reading and evaluating a book built to raise each code once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, evaluate, readBook, type Cell, type SheetInput, type Warning, type WarningCode } from '../../src/engine/index.js';
import { LONG_WARNING_CHARS, WarningsBar } from '../../src/taskpane/components/WarningsBar.js';
import { WeightSliders } from '../../src/taskpane/components/WeightSliders.js';
import { click, cleanup, getByRole, queryAllByRole, renderInPane } from './setup.js';

afterEach(cleanup);

// Every code the engine can raise (a new code fails to compile here until it is listed).
const ALL_CODES: Readonly<Record<WarningCode, true>> = {
  'risk-score-clamped': true,
  'risk-score-blank': true,
  'risk-disabled': true,
  'orphan-original-rep': true,
  'new-hire': true,
  'blank-location': true,
  'segment-without-reps': true,
  'empty-segment': true,
  'rep-without-accounts': true,
  'lock-not-applied': true,
  'lock-over-capacity': true,
  'capacity-exhausted': true,
  'cap-exceeded': true,
};

const sheet = (name: string, rows: Cell[][]): SheetInput => ({ name, rows, firstRow: 1 });

// Two Mid-Market reps (Noah without a Location and without accounts before); two accounts, one
// with a Risk_Score above 1, one with a blank Risk_Score and an original rep not on the Reps sheet.
const REPS = sheet('Reps', [
  ['Rep_Name', 'Segment', 'Location'],
  ['Mia', 'MM', 'NY'],
  ['Noah', 'Mid-Market', ''],
]);
const ACCOUNTS = sheet('Accounts', [
  ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score'],
  ['A-1', 'Acme', 'Mia', 900, 500, 'NY', 1.5],
  ['A-2', 'Globex <b>Corp</b>', 'Ghost', 400, 50, 'NY', null],
]);
// The same accounts without the Risk_Score column: risk balancing is off.
const NO_RISK = sheet('Accounts', ACCOUNTS.rows.map((r) => r.slice(0, 6)));

// Allocation v2 (SPEC §15), in rebalance mode: Eve (cap 1) holds two locked accounts; Mia (cap 1)
// keeps two accounts of her current book; A-5 finds no rep with room; A-6 is Locked without an owner.
const REPS_V2 = sheet('Reps', [
  ['Rep_Name', 'Segment', 'Location', 'Max_Accounts'],
  ['Eve', 'E', 'NY', 1],
  ['Mia', 'MM', 'NY', 1],
]);
const ACCOUNTS_V2 = sheet('Accounts', [
  ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Locked', 'Locked_Rep'],
  ['A-1', 'One', 'Eve', 900, 5000, 'NY', '', 'Eve'],
  ['A-2', 'Two', 'Eve', 800, 5000, 'NY', 'TRUE', ''],
  ['A-3', 'Three', 'Mia', 700, 50, 'NY', '', ''],
  ['A-4', 'Four', 'Mia', 600, 50, 'NY', '', ''],
  ['A-5', 'Five', '', 500, 50, 'NY', '', ''],
  ['A-6', 'Six', '', 400, 50, 'NY', 'yes', ''],
]);
const V2_CODES = ['lock-not-applied', 'lock-over-capacity', 'cap-exceeded', 'capacity-exhausted'];

/**
 * The engine's warnings: read warnings of both books, the allocation's at threshold 0 (every account
 * Enterprise, no Enterprise rep), and the constraint warnings of the v2 book in rebalance mode.
 */
function engineWarnings() {
  const read = readBook(REPS, ACCOUNTS);
  if (!read.ok) throw new Error(`fixture has errors: ${read.errors[0]?.message}`);
  const evaluation = evaluate(read.book, { ...defaultSettings(read.book), threshold: 0 });
  const noRisk = readBook(REPS, NO_RISK);
  if (!noRisk.ok) throw new Error('no-risk fixture has errors');
  const disabled = noRisk.warnings.filter((w) => w.code === 'risk-disabled');
  const v2 = readBook(REPS_V2, ACCOUNTS_V2);
  if (!v2.ok) throw new Error(`v2 fixture has errors: ${v2.errors[0]?.message}`);
  const constraints = evaluate(v2.book, { ...defaultSettings(v2.book), mode: 'rebalance' }).warnings.filter((w) => V2_CODES.includes(w.code));
  return { read, noRisk, warnings: [...read.warnings, ...evaluation.warnings, ...disabled, ...constraints] as Warning[] };
}

const bar = () => document.querySelector<HTMLElement>('[data-testid="warnings"]');
const listed = () => [...document.querySelectorAll<HTMLElement>('[data-testid="warnings"] [data-code]')];

describe('warnings bar', () => {
  it('the fixture raises every engine warning code exactly once', () => {
    const { warnings } = engineWarnings();
    expect(warnings.map((w) => w.code).sort()).toEqual(Object.keys(ALL_CODES).sort());
  });

  it('shows the count and the first warning, then every warning with its data-code, title and message', async () => {
    const { warnings } = engineWarnings();
    await renderInPane(<WarningsBar warnings={warnings} noun="data warning" testId="warnings" />);
    expect(bar()!.querySelector('.fui-MessageBarTitle')!.textContent).toBe(`${warnings.length} data warnings`);
    const first = document.querySelector('[data-testid="warnings-first"]')!.textContent;
    expect(first).toBe(`${warnings[0]!.message} · ${warnings.length - 1} more`);
    expect(listed()).toEqual([]);
    // One disclosure button whose name stays put; its state is aria-expanded.
    const toggle = getByRole('button', 'All warnings');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(getByRole('button', 'All warnings').getAttribute('aria-expanded')).toBe('true');
    const shown = listed();
    expect(shown.map((b) => b.dataset.code)).toEqual(warnings.map((w) => w.code));
    for (const [i, w] of warnings.entries()) {
      const item = shown[i]!;
      expect(w.message.length).toBeGreaterThan(0);
      expect(item.textContent).toContain(w.message);
      // Each warning has a title in words, not the bare code.
      const title = item.firstElementChild?.textContent ?? '';
      expect(title.length).toBeGreaterThan(1);
      expect(title).not.toBe(`${w.code}:`);
    }
    // The orphan's name in the message is plain text, and markup in account names stays text.
    expect(bar()!.querySelector('b')).toBeNull();
    expect(shown.find((b) => b.dataset.code === 'orphan-original-rep')!.textContent).toContain('Ghost');
    await click(getByRole('button', 'All warnings'));
    expect(listed()).toEqual([]);
  });

  it('one warning reads whole with no button; skipped codes are left out; nothing without warnings', async () => {
    const { warnings } = engineWarnings();
    const one = warnings.filter((w) => w.code === 'new-hire');
    await renderInPane(<WarningsBar warnings={[...one, ...warnings.filter((w) => w.code === 'risk-disabled')]} noun="data warning" skip={['risk-disabled']} testId="warnings" />);
    expect(bar()!.querySelector('.fui-MessageBarTitle')!.textContent).toBe('1 data warning');
    expect(document.querySelector('[data-testid="warnings-first"]')!.textContent).toBe(one[0]!.message);
    expect(queryAllByRole('button', 'All warnings')).toHaveLength(0);
    await renderInPane(<WarningsBar warnings={warnings} noun="data warning" skip={['risk-disabled']} testId="warnings" />);
    expect(bar()!.dataset.count).toBe(String(warnings.length - 1));
    await renderInPane(<WarningsBar warnings={[]} noun="data warning" testId="warnings" />);
    expect(bar()).toBeNull();
  });
});

describe('a long first warning', () => {
  it('is cut to three lines with the All warnings button, and reads whole when expanded', async () => {
    const message = `Starting from current books, 6 reps are over the cap; ${'Riley Walsh keeps 48 accounts of the current book, cap 20; '.repeat(4)}`;
    expect(message.length).toBeGreaterThan(LONG_WARNING_CHARS);
    await renderInPane(<WarningsBar warnings={[{ code: 'cap-exceeded', message }]} noun="allocation warning" testId="warnings" />);
    const first = document.querySelector<HTMLElement>('[data-testid="warnings-first"]')!;
    // Cut on screen only: the whole text is there for screen readers and search.
    expect(first.textContent).toBe(message);
    expect(first.className).not.toBe('');
    const toggle = getByRole('button', 'All warnings');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(bar()!.querySelector('[data-code="cap-exceeded"]')!.textContent).toContain(message);
    // A short one stays whole, without the button.
    await renderInPane(<WarningsBar warnings={[{ code: 'cap-exceeded', message: 'Riley Walsh keeps 48 accounts, cap 20.' }]} noun="allocation warning" testId="warnings" />);
    expect(document.querySelector<HTMLElement>('[data-testid="warnings-first"]')!.className).toBe('');
    expect(queryAllByRole('button', 'All warnings')).toHaveLength(0);
  });
});

describe('risk disabled (SPEC §2)', () => {
  it('locks the Risk weight at 0, explains why with the engine message, and keeps ARR + Accounts at 100', async () => {
    const { noRisk } = engineWarnings();
    if (!noRisk.ok) throw new Error('fixture');
    expect(noRisk.book.riskEnabled).toBe(false);
    const start = defaultSettings(noRisk.book).weights;
    const message = noRisk.warnings.find((w) => w.code === 'risk-disabled')!.message;
    await renderInPane(<WeightSliders weights={start} riskEnabled={false} riskDisabledMessage={message} onChange={() => {}} />);
    const risk = getByRole('slider', 'Risk weight') as HTMLInputElement;
    expect(risk.disabled).toBe(true);
    expect(risk.value).toBe('0');
    const arr = Number((getByRole('slider', 'ARR weight') as HTMLInputElement).value);
    const accounts = Number((getByRole('slider', 'Accounts weight') as HTMLInputElement).value);
    expect({ arr, accounts, risk: 0 }).toEqual(start);
    expect(arr + accounts).toBe(100);
    const info = document.querySelector<HTMLElement>('[data-code="risk-disabled"]')!;
    expect(info.textContent).toBe(message);
    expect(message).toContain('no Risk_Score column');
    expect(document.body.textContent).toContain('Total 100 %');
  });
});
