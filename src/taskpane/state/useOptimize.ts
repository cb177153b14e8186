/**
 * Optimize Weights from the pane: start, progress, cancel, the recommendation, and whether it is
 * stale. Only a change outside the weights can make it stale (applying it changes the weights);
 * such a change compares the settings' keys, weights aside, with those Optimize ran for.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { keyedSettings, settingsKey, type Settings } from '../../engine/index.js';
import type { ComputeClient, OptimizeOutcome } from '../../worker/client.js';
import { useBookState } from './useBookState.js';
import { useLatest } from './useLatest.js';
import type { LiveSettings } from './useLiveView.js';

export type OptimizeState =
  | { readonly status: 'idle' }
  /**
   * `provisional`: the best of the 5 % grid, shown while the 1 % grid is finished (null until then).
   * `liveRefined`: the live result is refined, so beside the provisional best (Optimize ranks the greedy)
   * the pane shows the current weights' greedy value, which the provisional answer carries.
   */
  | { readonly status: 'running'; readonly progress: ProgressSource; readonly provisional: OptimizeOutcome | null; readonly liveRefined: boolean }
  /**
   * `refined`: with refinement or rebalancing on, Overall Balanced after refining at the recommended and at the
   * current weights (SPEC §15: Optimize ranks the greedy; the pane shows what Apply gives, beside the live
   * result, which is refined too); null when the live result is the greedy's.
   */
  | { readonly status: 'done'; readonly outcome: OptimizeOutcome; readonly forSettings: Settings; readonly refined: RefinedOutcome | null }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

/** Overall Balanced after refinement at the recommended weights and at the weights Optimize ran for. */
export interface RefinedOutcome {
  readonly balanced: number | null;
  readonly currentBalanced: number | null;
}

const IDLE: OptimizeState = { status: 'idle' };

/**
 * How far a run is, outside the pane's state: only the progress line subscribes to it, so a slice
 * coming back repaints that line, not the whole pane. (A whole-pane repaint per update took the main
 * thread long enough to hold up the next slices: at 10k / 60 the grid took 1.7 s with it, 1.05 s without.)
 */
export interface ProgressSource {
  get(): { readonly done: number; readonly total: number };
  subscribe(listener: () => void): () => void;
}

// The progress line repaints at most this often: each repaint (style, layout and paint of the page) is
// main-thread time taken from the two workers that share the machine's cores.
const PROGRESS_MS = 250;

/**
 * A progress source with a setter (the run's) or a fixed value (a test's). `set` tells the subscribers
 * at once when `PROGRESS_MS` has passed since it last did, else once that much has passed (the latest
 * value); `stop` drops a pending notice (the run is over).
 */
export function progressSource(done = 0, total = 0): ProgressSource & { set(done: number, total: number): void; stop(): void } {
  let value = { done, total };
  const listeners = new Set<() => void>();
  let toldAt = -Infinity;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const tell = () => {
    pending = null;
    toldAt = performance.now();
    for (const l of listeners) l();
  };
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(d, t) {
      value = { done: d, total: t };
      const wait = PROGRESS_MS - (performance.now() - toldAt);
      if (wait <= 0) tell();
      else pending ??= setTimeout(tell, wait);
    },
    stop() {
      if (pending !== null) clearTimeout(pending);
      pending = null;
    },
  };
}

/** True when the live result is refined (refinement on, or rebalancing, which always refines within its budget). */
const refinesLive = (settings: Settings) => settings.refine || settings.mode === 'rebalance';

/** Optimize for the settings on screen; a load in progress (`loading`) cancels a run. */
export function useOptimize(client: ComputeClient, bookId: number, live: LiveSettings | null, loading: boolean) {
  const [run, setRun] = useBookState<{ state: OptimizeState; forKey: string | null }>(bookId, { state: IDLE, forKey: null });
  const abort = useRef<AbortController | null>(null);
  const liveRef = useLatest(live);
  const bookRef = useLatest(bookId);

  const start = useCallback(async () => {
    const current = liveRef.current;
    if (!current) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const forBook = bookRef.current;
    const set = (state: OptimizeState) => setRun(forBook, { state, forKey: current.key });
    let provisional: OptimizeOutcome | null = null;
    const progress = progressSource();
    const liveRefined = refinesLive(current.settings);
    set({ status: 'running', progress, provisional, liveRefined });
    try {
      const outcome = await client.optimize(
        current.settings,
        (p) => progress.set(p.done, p.total),
        controller.signal,
        (p) => {
          provisional = p;
          set({ status: 'running', progress, provisional, liveRefined });
        },
      );
      progress.stop();
      if (!outcome) {
        set({ status: 'cancelled' });
        return;
      }
      let refined: RefinedOutcome | null = null;
      if (liveRefined) {
        const [atBest, atCurrent] = await Promise.all([
          client.scenarioResults(keyedSettings({ ...current.settings, weights: outcome.weights }), true),
          client.scenarioResults(current),
        ]);
        if (controller.signal.aborted) return;
        refined = { balanced: atBest.overallBalanced, currentBalanced: atCurrent.overallBalanced };
      }
      set({ status: 'done', outcome, forSettings: current.settings, refined });
    } catch (error) {
      progress.stop();
      set({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [client, setRun, liveRef, bookRef]);

  const cancel = useCallback(() => {
    abort.current?.abort();
    setRun(bookRef.current, (r) => ({ ...r, state: { status: 'cancelled' } }));
  }, [setRun, bookRef]);

  // Loading another book stops a run at once (its answer would be about the old book).
  useEffect(() => {
    if (loading) abort.current?.abort();
  }, [loading]);

  const { state, forKey } = run;
  const revision = live?.optimizeRevision ?? null;
  const stale = useMemo(
    () => state.status === 'done' && live !== null && settingsKey({ ...live.settings, weights: state.forSettings.weights }) !== forKey,
    // Weight moves leave this unchanged: the comparison puts the recommendation's weights in.
    [state, forKey, revision],
  );
  return { state, stale, start, cancel };
}
