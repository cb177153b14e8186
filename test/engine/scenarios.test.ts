/** Scenarios and the stored pane state (SPEC §16). */
import { describe, expect, it } from 'vitest';
import {
  checkScenarioName,
  evaluate,
  inputHash,
  parseSettingsFile,
  parseStoredState,
  scenarioResults,
  settingsOverDefaults,
  settingsToFile,
  defaultSettings,
} from '../../src/engine/index.js';
import { ACCOUNTS_HEADER, REPS_HEADER, bookOf } from '../helpers/books.js';

const REPS = [REPS_HEADER, ['Ann', 'E', 'CA'], ['Dee', 'MM', 'CA']];
const ACCOUNTS = [ACCOUNTS_HEADER, ['A1', 'One', 'Ann', 500, 5000, 'CA', 0.1], ['A2', 'Two', 'Ann', 400, 50, 'NY', 0.9]];

describe('scenarios', () => {
  it('names: trimmed, 1–40 characters, a case-insensitive duplicate replaces', () => {
    const saved = [{ name: 'Rebalance 10' }];
    expect(checkScenarioName('  Fresh  ', saved)).toEqual({ ok: true, name: 'Fresh', replaces: null });
    expect(checkScenarioName('rebalance 10', saved)).toEqual({ ok: true, name: 'rebalance 10', replaces: 'Rebalance 10' });
    expect(checkScenarioName('   ', saved)).toEqual({ ok: false, reason: 'Type a name for the scenario.' });
    expect(checkScenarioName('x'.repeat(41), saved)).toEqual({ ok: false, reason: 'Use at most 40 characters (this one has 41).' });
    expect(checkScenarioName('x'.repeat(40), saved).ok).toBe(true);
  });

  it('keeps the headline results of an evaluation', () => {
    const { book } = bookOf(REPS, ACCOUNTS);
    const ev = evaluate(book, defaultSettings(book));
    const r = scenarioResults(book, ev);
    expect(r).toMatchObject({ overallBalanced: ev.overall.balanced, accountsMoved: ev.moved.accounts, accountsMovedPct: (100 * ev.moved.accounts) / 2 });
    expect(r.cv.Enterprise.arr).toBe(ev.segments[0].drivers?.arr?.cv ?? null);
    expect(r.arrMovedPct).toBeCloseTo((100 * ev.moved.arr) / 900, 12);
  });

  it('the input hash follows the data, not the order of evaluation', () => {
    const a = bookOf(REPS, ACCOUNTS).book;
    const same = bookOf(REPS, ACCOUNTS.map((r) => [...r])).book;
    const arr = bookOf(REPS, [ACCOUNTS[0]!, ACCOUNTS[1]!, ['A2', 'Two', 'Ann', 401, 50, 'NY', 0.9]]).book;
    const owner = bookOf(REPS, [ACCOUNTS[0]!, ACCOUNTS[1]!, ['A2', 'Two', 'Dee', 400, 50, 'NY', 0.9]]).book;
    const cap = bookOf([[...REPS_HEADER, 'Max_Accounts'], ['Ann', 'E', 'CA', 3], ['Dee', 'MM', 'CA', '']], ACCOUNTS).book;
    expect(inputHash(a)).toBe(inputHash(same));
    expect(inputHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([a, arr, owner, cap].map(inputHash)).size).toBe(4);
  });

  it('stored state round-trips and its settings are a CLI settings file', () => {
    const { book } = bookOf(REPS, ACCOUNTS);
    const settings = { ...defaultSettings(book), mode: 'rebalance' as const, budget: 20 };
    const ev = evaluate(book, settings);
    const file = settingsToFile(settings, { repsSheet: 'Reps', accountsSheet: 'Accounts' });
    const state = {
      version: 1, settings: file, savedAt: '2026-12-07T10:00:00.000Z', inputHash: inputHash(book),
      scenarios: [{ name: 'Rebalance 20', settings: file, savedAt: '2026-12-07T10:00:00.000Z', inputHash: inputHash(book), results: scenarioResults(book, ev) }],
    };
    const parsed = parseStoredState(JSON.parse(JSON.stringify(state)));
    expect(parsed).toEqual(state);
    const cli = parseSettingsFile(JSON.parse(JSON.stringify(file)));
    expect(cli.ok && settingsOverDefaults(defaultSettings(book), cli.file)).toEqual(settings);
    expect(parseStoredState({ ...state, version: 2 })).toBeNull();
    expect(parseStoredState('garbage')).toBeNull();
    // Who stored the settings: an Allocate (absent, as states stored before the field) or a change.
    expect(parseStoredState({ ...state, savedBy: 'change' })?.savedBy).toBe('change');
    expect(parseStoredState({ ...state, savedBy: 'allocate' })?.savedBy).toBe('allocate');
    expect(parseStoredState({ ...state, savedBy: 'later' })).toBeNull();
  });
});
