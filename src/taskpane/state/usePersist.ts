/**
 * Settings that persist, and scenarios (SPEC §16). `useRestore` turns what the source had stored into
 * the loaded book's starting settings and the message that says so; `useStoredState` keeps the stored
 * state of the source open (settings + scenarios) and saves it: at every Allocate, in preview also at
 * every settings change, and whenever a scenario is saved or deleted.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checkScenarioName, settingsKey, settingsToFile, type Scenario, type Settings, type StoredState } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import { isStale, reconcileSettings, removeScenario, restoreMessage, upsertScenario, type BookFacts } from './restore.js';
import { useLatest } from './useLatest.js';
import type { LiveSettings } from './useLiveView.js';
import type { LoadedSheets, ReadyBook, SettingsSeed, Source } from './useSource.js';

/** The restore's outcome for one book: its starting settings and, after a restore, what to say. */
export interface RestoreOutcome {
  readonly settings: Settings | null;
  /** The status message ("Settings restored from the last Allocate (…)"), or null. */
  readonly message: string | null;
  /** The stored state could not be used (unreadable): said as a warning. */
  readonly problem: string | null;
  /**
   * Key of the restored settings when the workbook holds their results already: stored by an Allocate in
   * this workbook, on the same input rows, everything restored.
   */
  readonly writtenKey: string | null;
}

const NOTHING: RestoreOutcome = { settings: null, message: null, problem: null, writtenKey: null };

/** The starting settings and restore message for the loaded book `ready`. */
export function restoreOutcome(seed: SettingsSeed | null, ready: ReadyBook | null, where: 'workbook' | 'browser'): RestoreOutcome {
  if (!seed || !ready) return NOTHING;
  const facts: BookFacts = { defaults: ready.defaults, riskEnabled: ready.riskEnabled, slider: ready.slider };
  if (seed.kind === 'carry') return { ...NOTHING, settings: reconcileSettings(settingsToFile(seed.settings), facts).settings };
  const state = seed.load.state;
  if (!state) return { ...NOTHING, problem: seed.load.problem };
  const { settings, notRestored } = reconcileSettings(state.settings, facts);
  const dataChanged = state.inputHash !== ready.inputHash;
  const notes = [...seed.sheetNotes, ...notRestored];
  const written = where === 'workbook' && state.savedBy !== 'change' && !dataChanged && notes.length === 0;
  return { settings, message: restoreMessage(state, where, notes, dataChanged), problem: null, writtenKey: written ? settingsKey(settings) : null };
}

/** `restoreOutcome`, once per loaded book. */
export function useRestore(seed: SettingsSeed | null, ready: ReadyBook | null, where: 'workbook' | 'browser'): RestoreOutcome {
  return useMemo(() => restoreOutcome(seed, ready, where), [seed, ready, where]);
}

/** The outcome of "Save as scenario" for a typed name. */
export type ScenarioSaveResult =
  | { readonly status: 'saved'; readonly name: string }
  | { readonly status: 'invalid'; readonly reason: string }
  /** A scenario of that name exists: save again with `replace` to replace it. */
  | { readonly status: 'exists'; readonly name: string };

export interface StoredStateInput {
  readonly client: ComputeClient;
  readonly source: Source | null;
  /** The state found when the source opened. */
  readonly loaded: StoredState | null;
  readonly ready: ReadyBook | null;
  readonly sheets: LoadedSheets | null;
  readonly live: LiveSettings | null;
  /** Save at every settings change (preview mode's local storage). */
  readonly saveEveryChange: boolean;
}

/** The stored state of the source open, its scenarios, and the saves. */
export function useStoredState({ client, source, loaded, ready, sheets, live, saveEveryChange }: StoredStateInput) {
  const [changed, setChanged] = useState<{ source: Source; state: StoredState } | null>(null);
  const stored = changed && changed.source === source ? changed.state : loaded;
  const storedRef = useLatest(stored);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const context = useLatest({ source, ready, sheets, live });

  const save = useCallback(async (state: StoredState) => {
    const from = context.current.source;
    if (!from) return;
    storedRef.current = state;
    setChanged({ source: from, state });
    const report = await from.workbook.saveState(state);
    setSaveProblem(report.ok ? null : report.message);
  }, [context, storedRef]);

  /** The state to store with these settings (or, when none are given, the settings stored before). */
  const stateWith = useCallback((scenarios: readonly Scenario[], settings: { settings: Settings; savedBy: 'allocate' | 'change' } | null): StoredState | null => {
    const { ready: book, sheets: loadedSheets, live: current } = context.current;
    const before = storedRef.current;
    if (!book) return null;
    if (!settings && before) return { ...before, scenarios: [...scenarios] };
    const chosen = settings ?? (current ? { settings: current.settings, savedBy: 'change' as const } : null);
    if (!chosen) return null;
    return {
      version: 1,
      settings: settingsToFile(chosen.settings, loadedSheets ?? undefined),
      savedAt: new Date().toISOString(),
      ...(chosen.savedBy === 'change' ? { savedBy: 'change' as const } : {}),
      inputHash: book.inputHash,
      scenarios: [...scenarios],
    };
  }, [context, storedRef]);

  /** After a successful Allocate: the settings written, with the scenarios. */
  const saveAllocated = useCallback(async (settings: Settings) => {
    const state = stateWith(storedRef.current?.scenarios ?? [], { settings, savedBy: 'allocate' });
    if (state) await save(state);
  }, [save, stateWith, storedRef]);

  // Preview: every settings change is saved (after a short quiet, so a drag is one save); the settings a
  // book starts from are not a change.
  const startKey = useRef<{ ready: ReadyBook | null; key: string | null }>({ ready: null, key: null });
  if (startKey.current.ready !== ready) startKey.current = { ready, key: live?.key ?? null };
  const liveKey = live?.key ?? null;
  useEffect(() => {
    if (!saveEveryChange || !ready || liveKey === null || liveKey === startKey.current.key) return;
    const timer = setTimeout(() => {
      const current = context.current.live;
      if (!current) return;
      startKey.current = { ready, key: current.key };
      const state = stateWith(storedRef.current?.scenarios ?? [], { settings: current.settings, savedBy: 'change' });
      if (state) void save(state);
    }, 250);
    return () => clearTimeout(timer);
  }, [saveEveryChange, ready, liveKey, context, save, stateWith, storedRef]);

  const scenarios = useMemo(() => stored?.scenarios ?? [], [stored]);

  /** Saves the settings on screen as a scenario; a name already taken needs `replace`. */
  const saveScenario = useCallback(async (raw: string, replace = false): Promise<ScenarioSaveResult> => {
    const { ready: book, live: current, sheets: loadedSheets } = context.current;
    if (!book || !current) return { status: 'invalid', reason: 'Load the sheets first.' };
    const list = storedRef.current?.scenarios ?? [];
    const check = checkScenarioName(raw, list);
    if (!check.ok) return { status: 'invalid', reason: check.reason };
    if (check.replaces !== null && !replace) return { status: 'exists', name: check.replaces };
    const results = await client.scenarioResults(current);
    const scenario: Scenario = {
      name: check.name,
      settings: settingsToFile(current.settings, loadedSheets ?? undefined),
      savedAt: new Date().toISOString(),
      inputHash: book.inputHash,
      results,
    };
    const state = stateWith(upsertScenario(list, scenario), saveEveryChange ? { settings: current.settings, savedBy: 'change' } : null);
    if (state) await save(state);
    return { status: 'saved', name: check.name };
  }, [client, context, save, stateWith, storedRef, saveEveryChange]);

  const deleteScenario = useCallback(async (name: string) => {
    const state = stateWith(removeScenario(storedRef.current?.scenarios ?? [], name), null);
    if (state) await save(state);
  }, [save, stateWith, storedRef]);

  /** A scenario's settings for the book open (what no longer applies left at the book's defaults). */
  const scenarioSettings = useCallback((scenario: Scenario): Settings | null => {
    const book = context.current.ready;
    return book ? reconcileSettings(scenario.settings, { defaults: book.defaults, riskEnabled: book.riskEnabled, slider: book.slider }).settings : null;
  }, [context]);

  const hash = ready?.inputHash ?? '';
  return {
    stored,
    scenarios,
    /** Names of the scenarios saved on other data than the book open. */
    staleNames: useMemo(() => new Set(scenarios.filter((s) => isStale(s, hash)).map((s) => s.name)), [scenarios, hash]),
    saveProblem,
    saveAllocated,
    saveScenario,
    deleteScenario,
    scenarioSettings,
  };
}

export type StoredStateHook = ReturnType<typeof useStoredState>;

