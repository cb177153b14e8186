/**
 * The threshold sensitivity chart: it samples every threshold, so only changes to the other
 * settings redraw it (LiveSettings.chartRevision); debounced, and a run overtaken by a newer
 * one is dropped.
 */
import { useEffect, useState } from 'react';
import { sensitivityThresholds, type SensitivitySample } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import { useBookState } from './useBookState.js';
import type { LiveSettings } from './useLiveView.js';
import type { ReadyBook } from './useSource.js';

const SENSITIVITY_DEBOUNCE_MS = 150;

/** The chart's samples for the settings on screen, and whether newer ones are on their way. */
export function useSensitivity(client: ComputeClient, bookId: number, ready: ReadyBook | null, live: LiveSettings | null) {
  const [samples, setSamples] = useBookState<SensitivitySample[] | null>(bookId, null);
  const [pending, setPending] = useState(false);
  const revision = live?.chartRevision ?? null;
  useEffect(() => {
    if (!live || !ready) return;
    let current = true;
    setPending(true);
    const timer = setTimeout(() => {
      client.sensitivity(live.settings, sensitivityThresholds(ready.slider)).then(
        (s) => {
          if (current && s) {
            setSamples(bookId, s);
            setPending(false);
          }
        },
        () => current && setPending(false),
      );
    }, SENSITIVITY_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The revision stands for the settings the chart depends on (`live` changes with the threshold too).
  }, [client, bookId, ready, revision]);
  return { samples, pending };
}
