/**
 * The threshold sensitivity chart (SPEC §6): one sample per slider position, redrawn only when a
 * setting other than the threshold changes (LiveSettings.chartRevision; debounced, a run overtaken
 * by a newer one is dropped), plus the current threshold's own sample when it is not a position
 * (a typed value), asked for alone, so the marker always sits on the curves without recomputing
 * the rest on every threshold move.
 */
import { useEffect, useMemo, useState } from 'react';
import { sensitivityThresholds, type SensitivitySample } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import { useBookState } from './useBookState.js';
import type { LiveSettings } from './useLiveView.js';
import type { ReadyBook } from './useSource.js';

const SENSITIVITY_DEBOUNCE_MS = 150;

interface Samples {
  /** The chart revision the samples were computed for. */
  readonly revision: number;
  /** One per slider position. */
  readonly positions: readonly SensitivitySample[];
  /** Typed thresholds' own samples at this revision, by threshold (the last few). */
  readonly typed: ReadonlyMap<number, SensitivitySample>;
}

const KEEP_TYPED = 8;

/** The chart's samples for the settings on screen (the current threshold among them), and whether newer ones are on their way. */
export function useSensitivity(client: ComputeClient, bookId: number, ready: ReadyBook | null, live: LiveSettings | null) {
  const [stored, setStored] = useBookState<Samples | null>(bookId, null);
  const [pending, setPending] = useState(false);
  const positions = useMemo(() => (ready ? sensitivityThresholds(ready.slider) : []), [ready]);
  const revision = live?.chartRevision ?? null;
  const threshold = live?.settings.threshold ?? null;
  const isPosition = threshold !== null && positions.includes(threshold);
  const upToDate = stored !== null && stored.revision === revision;
  const needsTyped = threshold !== null && !isPosition && !(upToDate && stored.typed.has(threshold));

  useEffect(() => {
    if (!live || !ready || revision === null) return;
    let current = true;
    const settings = live.settings;
    const t = settings.threshold;
    if (!upToDate) {
      // Every position, and the current threshold when it is not one: one run, debounced.
      setPending(true);
      const timer = setTimeout(() => {
        client.sensitivity(settings, sensitivityThresholds(ready.slider, t)).then(
          (all) => {
            if (!current || !all) return;
            const typed = new Map(all.filter((s) => !positions.includes(s.threshold)).map((s) => [s.threshold, s]));
            setStored(bookId, { revision, positions: all.filter((s) => positions.includes(s.threshold)), typed });
            setPending(false);
          },
          () => current && setPending(false),
        );
      }, SENSITIVITY_DEBOUNCE_MS);
      return () => {
        current = false;
        clearTimeout(timer);
      };
    }
    if (needsTyped) {
      // A typed threshold: its one sample (the positions stay as they are).
      client.sensitivity(settings, [t]).then((one) => {
        const sample = one?.[0];
        if (!current || !sample) return;
        setStored(bookId, (s) => {
          if (!s || s.revision !== revision) return s;
          const typed = new Map([...s.typed].slice(-(KEEP_TYPED - 1)));
          typed.set(sample.threshold, sample);
          return { ...s, typed };
        });
      });
    }
    return () => {
      current = false;
    };
    // The revision stands for the settings the chart depends on; the threshold matters only when it is typed.
  }, [client, bookId, ready, revision, upToDate, needsTyped ? threshold : null]);

  const samples = useMemo(() => {
    if (!stored) return null;
    const own = threshold === null ? undefined : stored.typed.get(threshold);
    return own ? [...stored.positions, own].sort((a, b) => a.threshold - b.threshold) : stored.positions;
  }, [stored, threshold]);
  return { samples, pending };
}
