/**
 * The settings on screen and their live view. A change computes the settings' key once and asks
 * the worker for the view straight from the event handler, so the engine runs while React renders
 * the moved slider; answers arrive in request order (latest wins). A new book asks once for the
 * view of its defaults. Every change is a step of the undo history (history.ts), named by the
 * control that made it; Undo, Redo and Reset to defaults move the screen like any other change.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  INITIAL_WEIGHT_ORDER,
  keyedSettings,
  settingsKey,
  setWeightLeastRecent,
  type DriverName,
  type KeyedSettings,
  type SegmentName,
  type Settings,
  type WeightEditOrder,
  type Weights,
} from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { PaneView } from '../../worker/protocol.js';
import { EMPTY_HISTORY, recordChange, redoStep, undoStep, type SettingsHistory } from './history.js';
import { useBookState } from './useBookState.js';
import { useLatest } from './useLatest.js';
import { usePointerGesture } from './usePointerGesture.js';
import type { ReadyBook } from './useSource.js';

/** The settings on screen, their key, and what their changes invalidate. */
export interface LiveSettings extends KeyedSettings {
  /** Counts changes to what the sensitivity chart depends on: not the threshold (it samples every one), nor mode, refine, budget. */
  readonly chartRevision: number;
  /** Counts changes to anything but the weights: what can make an Optimize recommendation stale. */
  readonly optimizeRevision: number;
}

/** Everything kept per book: the settings on screen, their undo history, and the weight edit order. */
interface LiveState {
  readonly live: LiveSettings;
  readonly history: SettingsHistory;
  readonly weightOrder: WeightEditOrder;
}

/** Which control a setting change came from; slider and box of one setting are separate controls. */
export type ControlKind = 'slider' | 'box';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fields the sensitivity chart does not depend on: it samples every threshold, and SPEC §15 has it
 * evaluate the greedy with locks and caps, fresh, without refinement — so mode, refine and budget
 * change nothing on it (caps do).
 */
const NOT_ON_CHART: ReadonlySet<string> = new Set<keyof Settings>(['threshold', 'mode', 'refine', 'budget']);

/** The top-level fields whose values differ (settings are small plain objects). */
function changedFields(a: Settings, b: Settings): string[] {
  return (Object.keys(b) as (keyof Settings)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Settings, view, compute error, history and the setting actions for the book `bookId`. */
export function useLiveView(client: ComputeClient, bookId: number, ready: ReadyBook | null, start: Settings | null = null) {
  // A book starts from its defaults — or from `start`, the restored or carried settings, which are then
  // the base of its undo history (nothing to undo into) — keyed once when it loads.
  const initial = useMemo<LiveState | null>(
    () => (ready ? { live: { ...keyedSettings(start ?? ready.defaults), chartRevision: 0, optimizeRevision: 0 }, history: EMPTY_HISTORY, weightOrder: INITIAL_WEIGHT_ORDER } : null),
    [ready, start],
  );
  const defaultsKey = useMemo(() => (ready ? settingsKey(ready.defaults) : null), [ready]);
  const [changed, setChanged] = useBookState<LiveState | null>(bookId, null);
  const state = changed ?? initial;
  // The state on screen for handlers that must stay stable while sliders move.
  const stateRef = useLatest<LiveState | null>(state);
  const [view, setView] = useBookState<PaneView | null>(bookId, null);
  const [computeError, setComputeError] = useState<string | null>(null);
  const bookRef = useLatest(bookId);
  const gesture = usePointerGesture();

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
              if (refined && stateRef.current?.live.key === refined.key) shown(refined);
            }, (error: unknown) => setComputeError(message(error)));
          }
        },
        (error: unknown) => setComputeError(message(error)),
      );
    },
    [client, setView, bookRef, stateRef],
  );

  useEffect(() => {
    if (initial) requestView(initial.live);
  }, [initial, requestView]);

  /**
   * Puts `settings` on screen: keyed once, the view asked for at once; `history` gives the undo
   * stacks after the step. The fields that changed say what else it invalidates.
   */
  const show = useCallback(
    (settings: Settings, history: (current: LiveState) => SettingsHistory, weightOrder?: WeightEditOrder) => {
      const current = stateRef.current;
      if (!current) return;
      const key = settingsKey(settings);
      const order = weightOrder ?? current.weightOrder;
      let next: LiveState;
      if (key === current.live.key) {
        if (order === current.weightOrder) return;
        next = { ...current, weightOrder: order };
      } else {
        const names = changedFields(current.live.settings, settings);
        const live: LiveSettings = {
          settings,
          key,
          chartRevision: current.live.chartRevision + (names.every((n) => NOT_ON_CHART.has(n)) ? 0 : 1),
          optimizeRevision: current.live.optimizeRevision + (names.every((n) => n === 'weights') ? 0 : 1),
        };
        next = { live, history: history(current), weightOrder: order };
        requestView(live);
      }
      // Until React renders, the next change in the same event builds on this one.
      stateRef.current = next;
      setChanged(bookRef.current, next);
    },
    [requestView, setChanged, stateRef, bookRef],
  );

  /** A change made by `control`: one undo step, or part of the step that control has open. */
  const update = useCallback(
    (control: string, change: (s: Settings, order: WeightEditOrder) => { settings: Partial<Settings>; weightOrder?: WeightEditOrder }) => {
      const current = stateRef.current;
      if (!current) return;
      performance.mark('ts:settings-change');
      const { settings: fields, weightOrder } = change(current.live.settings, current.weightOrder);
      const before = current.live.settings;
      const mark = { control, at: performance.now(), gesture: gesture.current.count, dragging: gesture.current.held };
      show({ ...before, ...fields }, (c) => recordChange(c.history, before, mark), weightOrder);
    },
    [show, stateRef, gesture],
  );

  /** Undo or redo: skips steps that would leave the screen as it is (a run that came back to its start). */
  const travel = useCallback(
    (step: typeof undoStep) => {
      const current = stateRef.current;
      if (!current) return;
      let history = current.history;
      for (;;) {
        const moved = step(history, current.live.settings);
        if (!moved) return;
        history = moved.history;
        if (settingsKey(moved.settings) !== current.live.key) {
          show(moved.settings, () => history);
          return;
        }
      }
    },
    [show, stateRef],
  );

  const riskEnabled = ready?.riskEnabled ?? false;
  const defaults = ready?.defaults ?? null;
  const actions = useMemo(
    () => ({
      setThreshold: (threshold: number, control = 'threshold-slider') => update(control, () => ({ settings: { threshold } })),
      /** Sets one driver; the least recently edited other driver makes up the sum (SPEC §10.1). */
      setWeight: (driver: DriverName, value: number, kind: ControlKind = 'slider') =>
        update(`weight-${driver}-${kind}`, (s, order) => {
          const next = setWeightLeastRecent(s.weights, driver, value, order, riskEnabled);
          return { settings: { weights: next.weights }, weightOrder: next.order };
        }),
      setWeights: (weights: Weights) => update('weights-apply', () => ({ settings: { weights } })),
      setGeoBonus: (geoBonus: number) => update('geo-bonus', () => ({ settings: { geoBonus: Math.round(geoBonus * 100) / 100 } })),
      setPreserveBonus: (preserveBonus: number) => update('preserve-bonus', () => ({ settings: { preserveBonus: Math.round(preserveBonus * 100) / 100 } })),
      /** Any other settings (the v2 controls): one step per control. */
      setSettings: (control: string, fields: Partial<Settings>) => update(control, () => ({ settings: fields })),
      /** One segment's default cap (null = none), over the other segment's as it is on screen. */
      setCap: (segment: SegmentName, cap: number | null) =>
        update(`cap-${segment}-box`, (s) => ({ settings: { maxAccounts: { ...s.maxAccounts, [segment]: cap } } })),
      resetToDefaults: () => defaults && update(`reset-${performance.now()}`, () => ({ settings: defaults, weightOrder: INITIAL_WEIGHT_ORDER })),
      undo: () => travel(undoStep),
      redo: () => travel(redoStep),
    }),
    [update, travel, riskEnabled, defaults],
  );

  const history = state?.history ?? EMPTY_HISTORY;
  const live = state?.live ?? null;
  // Refinement on and the refined result not on screen yet (SPEC §10.1: "refining…", aria-busy).
  const refining = view !== null && live !== null && (view.key !== live.key ? live.settings.refine : view.stage === 'greedy');
  return {
    current: live,
    settings: live?.settings ?? null,
    view,
    computeError,
    refining,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    /** The defaults are on screen (Reset to defaults would change nothing). */
    atDefaults: state !== null && state.live.key === defaultsKey,
    ...actions,
  };
}

export type LiveViewState = ReturnType<typeof useLiveView>;
