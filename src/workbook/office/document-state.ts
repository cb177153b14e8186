/**
 * The pane's stored state in the document (SPEC §16): `Office.context.document.settings` under
 * `TerritorySlicer.paneState`, saved with `saveAsync`.
 *
 * Those settings are one store with ExcelApi's `workbook.settings`, where the adapter keeps its
 * sheet-ownership record and the state of its Assigned_Rep record (keys.ts). The add-in works on an
 * in-memory copy loaded when it starts, and `saveAsync` writes that copy into the document (the
 * Office.Settings reference): saved as it stands, a copy loaded before the
 * last Allocate would put back an older ownership record, or none. So before saving, the copy is
 * refreshed from the document (`refreshAsync`) and the adapter's own keys are set in it exactly as the
 * document holds them now, read through ExcelApi — the save then leaves them as they are.
 */
import { parseStoredState, storedStateSchema, type StoredState } from '../../engine/index.js';
import type { SaveStateReport, StoredStateLoad } from '../port.js';
import { runOptions, type AsyncOutcome, type DocumentSettings, type OfficeEnv } from './env.js';
import { LAST_WRITTEN_KEY, OWNED_RECORD_KEY, STATE_KEY } from './keys.js';

/** Keys the adapter writes through ExcelApi, which a save must carry over unchanged. */
const CARRIED_KEYS = [OWNED_RECORD_KEY, LAST_WRITTEN_KEY];

const succeeded = (result: AsyncOutcome) => result.status === 'succeeded';

function call(fn: (callback: (result: AsyncOutcome) => void) => void): Promise<AsyncOutcome> {
  return new Promise((resolve) => {
    try {
      fn(resolve);
    } catch (error) {
      resolve({ status: 'failed', error: { message: error instanceof Error ? error.message : String(error) } });
    }
  });
}

/** Reads the stored state from the document's settings. */
export async function loadDocumentState(settings: DocumentSettings | null): Promise<StoredStateLoad> {
  if (!settings) return { state: null, problem: 'This version of Office keeps no settings in the document.' };
  // Best effort: a co-author may have saved since this pane started.
  if (settings.refreshAsync) await call((cb) => settings.refreshAsync!(cb));
  const raw = settings.get(STATE_KEY);
  if (raw === null || raw === undefined) return { state: null, problem: null };
  const state = parseStoredState(typeof raw === 'string' ? safeJson(raw) : raw);
  return state ? { state, problem: null } : { state: null, problem: 'The settings stored in this workbook could not be read (another version of Territory Slicer may have saved them): the pane starts from the defaults.' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Saves the stored state, carrying the adapter's other keys over unchanged. */
export async function saveDocumentState(settings: DocumentSettings | null, env: OfficeEnv, state: StoredState): Promise<SaveStateReport> {
  if (!settings) return { ok: false, message: 'This version of Office keeps no settings in the document, so the settings were not saved with the workbook.' };
  const checked = storedStateSchema.safeParse(state);
  if (!checked.success) return { ok: false, message: `The settings were not saved: ${checked.error.issues[0]?.message ?? 'they are not valid'}.` };
  if (settings.refreshAsync) await call((cb) => settings.refreshAsync!(cb));
  try {
    if (env.supports('1.4')) {
      const current = await env.run(runOptions(env), async (context) => {
        const items = CARRIED_KEYS.map((key) => context.workbook.settings.getItemOrNullObject(key).load('value'));
        await context.sync();
        return items.map((item) => (item.isNullObject ? undefined : (item.value as unknown)));
      });
      CARRIED_KEYS.forEach((key, i) => (current[i] === undefined ? settings.remove(key) : settings.set(key, current[i])));
    }
  } catch (error) {
    // Without a fresh copy of the ownership record the save could revert it: do not save.
    return { ok: false, message: `The settings were not saved with the workbook: Excel could not be asked for the add-in's other settings (${error instanceof Error ? error.message : String(error)}). The sheets were written; press Allocate again to save the settings.` };
  }
  settings.set(STATE_KEY, checked.data);
  const result = await call((cb) => settings.saveAsync(cb));
  if (succeeded(result)) return { ok: true, message: '' };
  return {
    ok: false,
    message: `Excel could not save the settings in the workbook (${result.error?.message ?? 'no reason given'}). The sheets were written; press Allocate again to save the settings, or save the workbook and try again.`,
  };
}

/** `Office.context.document.settings`, when the host has it. */
export function officeDocumentSettings(): DocumentSettings | null {
  const office = (globalThis as { Office?: { context?: { document?: { settings?: unknown } } } }).Office;
  const settings = office?.context?.document?.settings;
  return settings ? (settings as DocumentSettings) : null;
}
