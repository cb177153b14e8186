/**
 * Settings with their key (settingsKey), computed once where the settings change and carried with
 * them to every cache that needs it, the pane's and the worker's. A key is compared whole, never
 * taken apart.
 */
import { settingsKey } from './settings.js';
import type { Settings } from './types.js';

export interface KeyedSettings {
  readonly settings: Settings;
  /** settingsKey(settings). */
  readonly key: string;
}

/** The settings with their key. */
export function keyedSettings(settings: Settings): KeyedSettings {
  return { settings, key: settingsKey(settings) };
}
