/**
 * The restore of stored settings against the book now open (SPEC §16) and the scenario list: what
 * still applies is restored, what does not is said; scenarios replace by name ignoring case.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, inputHash, readBook, scenarioResults, settingsKey, settingsToFile, type Scenario, type Settings, type StoredState } from '../../src/engine/index.js';
import { restoreOutcome } from '../../src/taskpane/state/usePersist.js';
import {
  formatSavedAt,
  isStale,
  pickStoredSheets,
  reconcileSettings,
  removeScenario,
  restoreMessage,
  upsertScenario,
  type BookFacts,
} from '../../src/taskpane/state/restore.js';
import type { ReadyBook } from '../../src/taskpane/state/useSource.js';
import { loadedSession } from './fixtures.js';

const defaults: Settings = {
  threshold: 1000,
  weights: { arr: 34, accounts: 33, risk: 33 },
  geoBonus: 0.05,
  preserveBonus: 0.05,
  riskCutoff: 0.7,
  mode: 'fresh',
  refine: true,
  budget: 10,
  maxAccounts: { Enterprise: null, 'Mid-Market': null },
};
const book: BookFacts = { defaults, riskEnabled: true, slider: { min: 0, max: 20_000 } };
const stored: Settings = {
  threshold: 2500,
  weights: { arr: 50, accounts: 30, risk: 20 },
  geoBonus: 0.07,
  preserveBonus: 0.03,
  riskCutoff: 0.6,
  mode: 'rebalance',
  refine: false,
  budget: 25,
  maxAccounts: { Enterprise: 12, 'Mid-Market': null },
};

describe('reconcileSettings', () => {
  it('restores every stored setting that applies, exactly', () => {
    expect(reconcileSettings(settingsToFile(stored, { repsSheet: 'Reps', accountsSheet: 'Accounts' }), book)).toEqual({ settings: stored, notRestored: [] });
  });

  it('keeps the book default for what the file leaves out', () => {
    expect(reconcileSettings({ threshold: 3000 }, book)).toEqual({ settings: { ...defaults, threshold: 3000 }, notRestored: [] });
  });

  it('puts a Risk weight to 0 without Risk_Score, ARR and Accounts keeping their proportion, and says so', () => {
    const r = reconcileSettings(settingsToFile(stored), { ...book, riskEnabled: false, defaults: { ...defaults, weights: { arr: 50, accounts: 50, risk: 0 } } });
    expect(r.settings.weights).toEqual({ arr: 63, accounts: 37, risk: 0 });
    expect(r.settings.threshold).toBe(2500);
    expect(r.notRestored).toEqual(['Risk weight 20 % (the Accounts sheet has no usable Risk_Score now: ARR 63 %, Accounts 37 %, Risk 0 %)']);
  });

  it('falls back to the default weights when only Risk had weight', () => {
    const r = reconcileSettings({ weights: { arr: 0, accounts: 0, risk: 100 } }, { ...book, riskEnabled: false, defaults: { ...defaults, weights: { arr: 50, accounts: 50, risk: 0 } } });
    expect(r.settings.weights).toEqual({ arr: 50, accounts: 50, risk: 0 });
  });

  it('uses the default threshold when the stored one is outside the book, and says so', () => {
    const r = reconcileSettings({ threshold: 50_000, geoBonus: 0.08 }, book);
    expect(r.settings).toEqual({ ...defaults, geoBonus: 0.08 });
    expect(r.notRestored).toEqual(["threshold 50,000 (outside this book's 0–20,000 employees; 1,000 instead)"]);
  });
});

describe('pickStoredSheets', () => {
  it('takes the stored sheets where they still exist, matched ignoring case', () => {
    expect(pickStoredSheets(['Notes', 'Team', 'Customers'], { repsSheet: 'team', accountsSheet: 'Customers' }, { repsSheet: '', accountsSheet: '' })).toEqual({
      repsSheet: 'Team',
      accountsSheet: 'Customers',
      notRestored: [],
    });
  });

  it('keeps the pane’s own pick for a sheet that is gone, and says so', () => {
    expect(pickStoredSheets(['Reps', 'Accounts'], { repsSheet: 'Reps', accountsSheet: 'Accounts 2025' }, { repsSheet: 'Reps', accountsSheet: 'Accounts' })).toEqual({
      repsSheet: 'Reps',
      accountsSheet: 'Accounts',
      notRestored: ['Accounts sheet "Accounts 2025" (no longer in the workbook; "Accounts" instead)'],
    });
  });
});

describe('restoreMessage', () => {
  const savedAt = '2026-12-07T04:12:00.000Z';
  it('names the last Allocate and its time in the workbook, the browser in preview', () => {
    const when = formatSavedAt(savedAt);
    expect(when).toMatch(/^Dec 7, 2026, \d\d:\d\d (AM|PM)$/);
    expect(restoreMessage({ savedAt }, 'workbook', [], false)).toBe(`Settings restored from the last Allocate (${when}).`);
    expect(restoreMessage({ savedAt, savedBy: 'change' }, 'workbook', [], false)).toBe(`Settings restored from this workbook (saved ${when}).`);
    expect(restoreMessage({ savedAt, savedBy: 'change' }, 'browser', [], false)).toBe(`Settings restored from this browser (last changed ${when}).`);
  });

  it('says what was not restored and that the data changed', () => {
    expect(restoreMessage({ savedAt }, 'workbook', ['a', 'b'], true)).toMatch(/^Settings restored from the last Allocate \(.*\)\. The data has changed since\. Not restored: a; b\.$/);
  });
});

describe('restoreOutcome (the loaded book’s starting settings)', () => {
  const { summary, session, sheets } = loadedSession(60, 6, 11);
  const ready = summary as ReadyBook;
  const state = (settings: Partial<Settings>, hash = ready.inputHash): StoredState => ({
    version: 1,
    settings: settingsToFile({ ...ready.defaults, ...settings }),
    savedAt: '2026-12-07T04:12:00.000Z',
    inputHash: hash,
    scenarios: [],
  });

  it('starts from the defaults without a stored state', () => {
    expect(restoreOutcome(null, ready, 'workbook')).toEqual({ settings: null, message: null, problem: null, writtenKey: null });
  });

  it('restores the stored settings and says from when', () => {
    const out = restoreOutcome({ kind: 'restore', load: { state: state({ geoBonus: 0.09 }), problem: null }, sheetNotes: [] }, ready, 'workbook');
    expect(out.settings).toEqual({ ...ready.defaults, geoBonus: 0.09 });
    expect(out.message).toMatch(/^Settings restored from the last Allocate \(Dec 7, 2026, .*\)\.$/);
    // Stored by an Allocate on the same rows, all restored: the workbook holds these settings' results.
    expect(out.writtenKey).toBe(settingsKey(out.settings!));
    const seed = { kind: 'restore' as const, load: { state: { ...state({ geoBonus: 0.09 }), savedBy: 'change' as const }, problem: null }, sheetNotes: [] };
    expect(restoreOutcome(seed, ready, 'workbook').writtenKey).toBeNull();
    expect(restoreOutcome({ ...seed, load: { state: state({}), problem: null } }, ready, 'browser').writtenKey).toBeNull();
  });

  it('says when the data changed since and what was not restored, sheets included', () => {
    const out = restoreOutcome({ kind: 'restore', load: { state: state({}, 'other'), problem: null }, sheetNotes: ['Reps sheet "Team" (gone)'] }, ready, 'browser');
    expect(out.message).toMatch(/^Settings restored from this browser \(last changed .*\)\. The data has changed since\. Not restored: Reps sheet "Team" \(gone\)\.$/);
    expect(restoreOutcome({ kind: 'restore', load: { state: state({}, 'other'), problem: null }, sheetNotes: [] }, ready, 'workbook').writtenKey).toBeNull();
  });

  it('passes an unreadable state on as a problem, starting from the defaults', () => {
    expect(restoreOutcome({ kind: 'restore', load: { state: null, problem: 'unreadable' }, sheetNotes: [] }, ready, 'workbook')).toEqual({ settings: null, message: null, problem: 'unreadable', writtenKey: null });
  });

  it('carries the settings on screen over a reload, silently', () => {
    const carried = { ...ready.defaults, threshold: ready.slider.max, budget: 40 };
    expect(restoreOutcome({ kind: 'carry', settings: carried }, ready, 'workbook')).toEqual({ settings: carried, message: null, problem: null, writtenKey: null });
  });

  it('gives the book’s input hash, and the worker’s scenario results equal to the engine’s', () => {
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture book did not load');
    expect(ready.inputHash).toBe(inputHash(read.book));
    const settings = { ...ready.defaults, threshold: ready.slider.grid?.[3] ?? ready.defaults.threshold, weights: { arr: 50, accounts: 30, risk: 20 } };
    expect(session.scenarioResults({ settings, key: settingsKey(settings) })).toEqual(scenarioResults(read.book, evaluate(read.book, settings)));
  });
});

describe('scenario list', () => {
  const scenario = (name: string, hash = 'h'): Scenario => ({
    name,
    settings: { threshold: 1000 },
    savedAt: '2026-12-07T04:12:00.000Z',
    inputHash: hash,
    results: {
      overallCustom: 90,
      overallBalanced: 91,
      cv: { Enterprise: { arr: 1, accounts: 2, risk: 3 }, 'Mid-Market': { arr: 4, accounts: 5, risk: null } },
      accountsMoved: 3,
      accountsMovedPct: 7.5,
      arrMoved: 100,
      arrMovedPct: 1,
    },
  });

  it('appends a new name and replaces one that differs only in case, in place', () => {
    const list = upsertScenario(upsertScenario([], scenario('Q3 plan')), scenario('Lean'));
    expect(list.map((s) => s.name)).toEqual(['Q3 plan', 'Lean']);
    const replaced = upsertScenario(list, { ...scenario('q3 PLAN'), settings: { threshold: 2000 } });
    expect(replaced.map((s) => [s.name, s.settings.threshold])).toEqual([['q3 PLAN', 2000], ['Lean', 1000]]);
  });

  it('removes by name ignoring case, and leaves the rest', () => {
    expect(removeScenario([scenario('A'), scenario('B')], 'a').map((s) => s.name)).toEqual(['B']);
    expect(removeScenario([scenario('A')], 'C').map((s) => s.name)).toEqual(['A']);
  });

  it('marks a scenario saved on other data stale', () => {
    expect(isStale(scenario('A', 'h1'), 'h1')).toBe(false);
    expect(isStale(scenario('A', 'h1'), 'h2')).toBe(true);
  });
});
