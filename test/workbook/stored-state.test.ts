/**
 * The pane's stored state through the WorkbookPort (SPEC §16): in Office, the document's settings
 * (`Office.context.document.settings` + saveAsync) — one store with `workbook.settings`, where the
 * adapter keeps its sheet-ownership record — and in preview, a key-value storage (local storage).
 */
import { describe, expect, it } from 'vitest';
import { inputHash, scenarioResults, settingsToFile, type RunOutput, type StoredState } from '../../src/engine/index.js';
import { MemoryWorkbook, MEMORY_STATE_KEY, type StateStorage } from '../../src/workbook/memory/index.js';
import { LAST_WRITTEN_KEY, OWNED_RECORD_KEY, STATE_KEY } from '../../src/workbook/office/index.js';
import { generatedScenario } from './fixtures.js';
import { fakeSheetsOf, harness, portFor, readAndRun, WRITTEN_SHEETS } from './office-helpers.js';

/** What the pane would store after an Allocate: its settings, when, on which data, one scenario. */
function stateOf(output: RunOutput, savedAt = '2026-12-07T10:00:00.000Z'): StoredState {
  const settings = settingsToFile(output.evaluation.settings, { repsSheet: 'Reps', accountsSheet: 'Accounts' });
  const hash = inputHash(output.book);
  return {
    version: 1,
    settings,
    savedAt,
    inputHash: hash,
    scenarios: [{ name: 'Q3 plan', settings, savedAt, inputHash: hash, results: scenarioResults(output.book, output.evaluation) }],
  };
}

/** A storage like localStorage, over a Map; `failWith` makes setItem throw (quota, private mode). */
function mapStorage(failWith: string | null = null): StateStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      if (failWith) throw new Error(failWith);
      map.set(key, value);
    },
  };
}

describe('stored state in the document (Office)', () => {
  const s = generatedScenario(90, 6, 51);

  it('is restored on the reopened workbook, and the ownership record written since the pane opened is kept', async () => {
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { apiVersion: '1.8' });
    // The pane's copy of the document settings was loaded when it opened, before Allocate wrote the record.
    expect(await port.loadState()).toEqual({ state: null, problem: null });
    const output = await readAndRun(port);
    expect((await port.writeResults(output)).ok).toBe(true);
    const record = fake.workbookState.settings()[OWNED_RECORD_KEY];
    const flag = fake.workbookState.settings()[LAST_WRITTEN_KEY];
    expect(typeof record).toBe('string');
    const state = stateOf(output);
    expect(await port.saveState(state)).toEqual({ ok: true, message: '' });
    // Keys apart, the record as the write left it.
    expect(fake.workbookState.settings()).toEqual({ [OWNED_RECORD_KEY]: record, [LAST_WRITTEN_KEY]: flag, [STATE_KEY]: state });

    const reopened = fake.reopen({ apiVersion: '1.8' });
    const again = portFor(reopened);
    expect(await again.loadState()).toEqual({ state, problem: null });
    // The reopened workbook still knows its sheets (ExcelApi 1.8: by the record alone): no second set.
    expect((await again.writeResults(await readAndRun(again, { threshold: 250 }))).ok).toBe(true);
    expect(reopened.workbookState.sheetNames()).toEqual(WRITTEN_SHEETS);
    // A save from this session keeps the newer record too.
    const later = stateOf(output, '2026-12-08T09:00:00.000Z');
    expect((await again.saveState(later)).ok).toBe(true);
    expect(reopened.workbookState.settings()[OWNED_RECORD_KEY]).toBe(record);
    expect(reopened.workbookState.settings()[STATE_KEY]).toEqual(later);
  });

  it('keeps the record even where the copy cannot be refreshed: the adapter sets it from what Excel holds', async () => {
    const fake = harness(fakeSheetsOf(s.reps, s.accounts)).fake;
    const settings = fake.documentSettings;
    // A host without refreshAsync: only get / set / remove / saveAsync.
    const port = portFor(fake, { documentSettings: { get: (n) => settings.get(n), set: (n, v) => settings.set(n, v), remove: (n) => settings.remove(n), saveAsync: (cb) => settings.saveAsync(cb) } });
    const output = await readAndRun(port);
    expect((await port.writeResults(output)).ok).toBe(true);
    const record = fake.workbookState.settings()[OWNED_RECORD_KEY];
    expect((await port.saveState(stateOf(output))).ok).toBe(true);
    expect(fake.workbookState.settings()[OWNED_RECORD_KEY]).toBe(record);
  });

  it('reports a failed saveAsync without touching the sheets or the record, and saves on the next try', async () => {
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    expect((await port.writeResults(output)).ok).toBe(true);
    const before = fake.workbookState.settings();
    const fairness = fake.workbookState.sheet('Fairness').values();
    fake.failNextSettingsSave('The document is read-only.');
    const report = await port.saveState(stateOf(output));
    expect(report.ok).toBe(false);
    expect(report.message).toBe('Excel could not save the settings in the workbook (The document is read-only.). The sheets were written; press Allocate again to save the settings, or save the workbook and try again.');
    expect(fake.workbookState.settings()).toEqual(before);
    expect(fake.workbookState.sheet('Fairness').values()).toEqual(fairness);
    expect((await port.saveState(stateOf(output))).ok).toBe(true);
    expect(fake.workbookState.settings()[OWNED_RECORD_KEY]).toBe(before[OWNED_RECORD_KEY]);
  });

  it('refuses a state the engine schema rejects, and reads an unreadable one as none, saying so', async () => {
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));
    const output = await readAndRun(port);
    const bad = { ...stateOf(output), settings: { ...stateOf(output).settings, budget: 250 } };
    const report = await port.saveState(bad);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^The settings were not saved: /);
    expect(fake.workbookState.settings()).toEqual({});
    await fake.run(async (context) => void context.workbook.settings.add(STATE_KEY, { version: 99 }));
    const load = await portFor(fake.reopen()).loadState();
    expect(load.state).toBeNull();
    expect(load.problem).toMatch(/could not be read/);
  });
});

describe('stored state in preview (memory workbook, local storage)', () => {
  const s = generatedScenario(40, 4, 52);
  const output = () => readAndRun(new MemoryWorkbook([s.reps, s.accounts]), {}, false);

  it('round-trips through the storage under its key, separately per key', async () => {
    const storage = mapStorage();
    const state = stateOf(await output());
    const wb = new MemoryWorkbook([s.reps, s.accounts], { storage });
    expect(await wb.loadState()).toEqual({ state: null, problem: null });
    expect(await wb.saveState(state)).toEqual({ ok: true, message: '' });
    expect([...storage.map.keys()]).toEqual([MEMORY_STATE_KEY]);
    // A page opened later finds it; another key (another book) does not.
    expect(await new MemoryWorkbook([s.reps, s.accounts], { storage }).loadState()).toEqual({ state, problem: null });
    expect(await new MemoryWorkbook([s.reps, s.accounts], { storage, stateKey: 'other' }).loadState()).toEqual({ state: null, problem: null });
  });

  it('says so when the browser refuses to keep it or what it kept is unreadable, and works without storage', async () => {
    const state = stateOf(await output());
    const full = new MemoryWorkbook([s.reps, s.accounts], { storage: mapStorage('QuotaExceededError') });
    expect(await full.saveState(state)).toEqual({ ok: false, message: 'The browser did not keep the settings (QuotaExceededError).' });
    const junk = mapStorage();
    junk.map.set(MEMORY_STATE_KEY, '{not json');
    expect((await new MemoryWorkbook([s.reps, s.accounts], { storage: junk }).loadState()).problem).toMatch(/could not be read/);
    const none = new MemoryWorkbook([s.reps, s.accounts], { storage: null });
    expect(await none.loadState()).toEqual({ state: null, problem: null });
    expect((await none.saveState(state)).ok).toBe(false);
  });
});
