/**
 * The settings on screen and their live view. A change computes the settings' key once and asks
 * the worker for the view straight from the event handler, so the engine runs while React renders
 * the moved slider; answers arrive in request order (latest wins). A new book asks once for the
 * view of its defaults.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { keyedSettings, settingsKey, setWeight, type DriverName, type KeyedSettings, type Settings, type Weights } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { PaneView } from '../../worker/protocol.js';
import { useBookState } from './useBookState.js';
import { useLatest } from './useLatest.js';
import type { ReadyBook } from './useSource.js';

/** The settings on screen, their key, and what their changes invalidate. */
export interface LiveSettings extends KeyedSettings {
  /** Counts changes to anything but the threshold: the sensitivity chart samples every threshold. */
  readonly chartRevision: number;
  /** Counts changes to anything but the weights: what can make an Optimize recommendation stale. */
  readonly optimizeRevision: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Settings, view, compute error and the setting actions for the book `bookId`. */
export function useLiveView(client: ComputeClient, bookId: number, ready: ReadyBook | null) {
  // A book starts from its defaults, keyed once when it loads.
  const initial = useMemo<LiveSettings | null>(() => (ready ? { ...keyedSettings(ready.defaults), chartRevision: 0, optimizeRevision: 0 } : null), [ready]);
  const [changed, setChanged] = useBookState<LiveSettings | null>(bookId, null);
  const live = changed ?? initial;
  // The settings on screen for handlers that must stay stable while sliders move.
  const liveRef = useLatest<LiveSettings | null>(live);
  const [view, setView] = useBookState<PaneView | null>(bookId, null);
  const [computeError, setComputeError] = useState<string | null>(null);
  const bookRef = useLatest(bookId);

  const requestView = useCallback(
    (request: KeyedSettings) => {
      const forBook = bookRef.current;
      performance.mark('ts:view-requested');
      const shown = (v: PaneView | null) => {
        if (!v) return false;
        setView(forBook, v);
        setComputeError(null);
        return true;
      };
      client.view(request).then(
        (v) => {
          if (!shown(v)) return;
          performance.mark('ts:view-arrived', { detail: v!.computeMs });
          // Refinement on: the greedy result is on screen; the refined one replaces it when ready,
          // unless a newer change came first (the worker then drops it and answers null).
          if (v!.stage === 'greedy') {
            client.refined(request).then((refined) => {
              if (refined && liveRef.current?.key === refined.key) shown(refined);
            }, (error: unknown) => setComputeError(message(error)));
          }
        },
        (error: unknown) => setComputeError(message(error)),
      );
    },
    [client, setView, bookRef, liveRef],
  );

  useEffect(() => {
    if (initial) requestView(initial);
  }, [initial, requestView]);

  /** Applies a change to some settings; the fields it names say what else it invalidates. */
  const update = useCallback(
    (change: (s: Settings) => Partial<Settings>) => {
      const current = liveRef.current;
      if (!current) return;
      performance.mark('ts:settings-change');
      const fields = change(current.settings);
      const settings = { ...current.settings, ...fields };
      const key = settingsKey(settings);
      if (key === current.key) return;
      const names = Object.keys(fields);
      const next: LiveSettings = {
        settings,
        key,
        chartRevision: current.chartRevision + (names.every((n) => n === 'threshold') ? 0 : 1),
        optimizeRevision: current.optimizeRevision + (names.every((n) => n === 'weights') ? 0 : 1),
      };
      // Until React renders, the next change in the same event builds on this one.
      liveRef.current = next;
      requestView(next);
      setChanged(bookRef.current, next);
    },
    [requestView, setChanged, liveRef, bookRef],
  );

  const riskEnabled = ready?.riskEnabled ?? false;
  const actions = useMemo(
    () => ({
      setThreshold: (threshold: number) => update(() => ({ threshold })),
      setWeight: (driver: DriverName, value: number) => update((s) => ({ weights: setWeight(s.weights, driver, value, riskEnabled) })),
      setWeights: (weights: Weights) => update(() => ({ weights })),
      setGeoBonus: (geoBonus: number) => update(() => ({ geoBonus: Math.round(geoBonus * 100) / 100 })),
      setPreserveBonus: (preserveBonus: number) => update(() => ({ preserveBonus: Math.round(preserveBonus * 100) / 100 })),
    }),
    [update, riskEnabled],
  );

  // Refinement on and the refined result not on screen yet (SPEC §10.1: "refining…", aria-busy).
  const refining = view !== null && live !== null && (view.key !== live.key ? live.settings.refine : view.stage === 'greedy');
  return { current: live, settings: live?.settings ?? null, view, computeError, refining, ...actions };
}

export type LiveViewState = ReturnType<typeof useLiveView>;
