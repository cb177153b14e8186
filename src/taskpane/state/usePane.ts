/**
 * The pane's state, one hook per concern: where the book comes from and its loading (useSource),
 * the settings it starts from (useRestore), the settings on screen and their live view (useLiveView),
 * the sensitivity chart, Optimize Weights, the stored state and scenarios (useStoredState), and the
 * workbook writes. The workbook is written only by Allocate.
 */
import { useCallback, useMemo } from 'react';
import type { ComputeClient } from '../../worker/client.js';
import type { Host } from '../host.js';
import { useLiveView } from './useLiveView.js';
import { useOptimize } from './useOptimize.js';
import { useRestore, useStoredState } from './usePersist.js';
import { useSensitivity } from './useSensitivity.js';
import { useSource } from './useSource.js';
import { useWorkbookWrite } from './useWorkbookWrite.js';

/** Everything the pages read and the actions they call, by concern. */
export function usePane(host: Host, client: ComputeClient) {
  const source = useSource(host, client);
  const { bookId, ready } = source;
  const preview = host.mode === 'preview';
  const restore = useRestore(source.seed, ready, preview ? 'browser' : 'workbook');
  const live = useLiveView(client, bookId, ready, restore.settings);
  const sensitivity = useSensitivity(client, bookId, ready, live.current);
  const optimize = useOptimize(client, bookId, live.current, source.loading);
  const persist = useStoredState({
    client,
    source: source.current,
    loaded: source.stored?.state ?? null,
    ready,
    sheets: source.loadedSheets,
    live: live.current,
    saveEveryChange: preview,
  });
  const { saveAllocated, scenarios } = persist;
  const { reload } = source;
  const writtenBefore = restore.writtenKey;
  const writeHooks = useMemo(() => ({ scenarios, onWritten: saveAllocated, reload, writtenBefore }), [scenarios, saveAllocated, reload, writtenBefore]);
  const workbook = useWorkbookWrite(client, source.current, bookId, live.current, live.view, writeHooks);
  // Load / Validate again keeps the settings on screen (reconciled with what was read), as a reload after a
  // lock does: reading the sheets again is not a reset (Reset to defaults is).
  const onScreen = live.settings;
  const { load: loadDefaults } = source;
  const load = useCallback(() => (onScreen ? reload(onScreen) : loadDefaults()), [onScreen, reload, loadDefaults]);
  return { host, client, source: { ...source, load }, restore, live, sensitivity, optimize, persist, workbook };
}

export type Pane = ReturnType<typeof usePane>;
