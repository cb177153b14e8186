/**
 * The pane's stored state outside Office (SPEC §16: "Preview mode keeps them in the browser's local
 * storage"): one JSON value under a key, in any storage with getItem / setItem (localStorage in the
 * browser, a Map-backed one in tests).
 */
import { parseStoredState, storedStateSchema, type StoredState } from '../../engine/index.js';
import type { SaveStateReport, StoredStateLoad } from '../port.js';

/** What the memory workbook needs of a storage: the Web Storage API's getItem and setItem. */
export interface StateStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The default key, the same name the Office adapter uses in the document's settings. */
export const MEMORY_STATE_KEY = 'TerritorySlicer.paneState';

export function loadStoredState(storage: StateStorage | null, key = MEMORY_STATE_KEY): StoredStateLoad {
  if (!storage) return { state: null, problem: null };
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch (error) {
    return { state: null, problem: `The browser would not let the pane read its saved settings (${error instanceof Error ? error.message : String(error)}): the pane starts from the defaults.` };
  }
  if (text === null) return { state: null, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const state = parseStoredState(parsed);
  return state ? { state, problem: null } : { state: null, problem: 'The settings saved in this browser could not be read: the pane starts from the defaults.' };
}

export function saveStoredState(storage: StateStorage | null, key = MEMORY_STATE_KEY, state: StoredState): SaveStateReport {
  if (!storage) return { ok: false, message: 'This browser keeps no storage for the pane, so the settings were not saved.' };
  const checked = storedStateSchema.safeParse(state);
  if (!checked.success) return { ok: false, message: `The settings were not saved: ${checked.error.issues[0]?.message ?? 'they are not valid'}.` };
  try {
    storage.setItem(key, JSON.stringify(checked.data));
    return { ok: true, message: '' };
  } catch (error) {
    // Quota exceeded, private browsing, storage disabled.
    return { ok: false, message: `The browser did not keep the settings (${error instanceof Error ? error.message : String(error)}).` };
  }
}
