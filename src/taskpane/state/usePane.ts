/**
 * The pane's state, one hook per concern: where the book comes from and its loading (useSource),
 * the settings on screen and their live view (useLiveView), the sensitivity chart, Optimize
 * Weights, and the workbook writes. The workbook is written only by Allocate.
 */
import type { ComputeClient } from '../../worker/client.js';
import type { Host } from '../host.js';
import { useLiveView } from './useLiveView.js';
import { useOptimize } from './useOptimize.js';
import { useSensitivity } from './useSensitivity.js';
import { useSource } from './useSource.js';
import { useWorkbookWrite } from './useWorkbookWrite.js';

/** Everything the pages read and the actions they call, by concern. */
export function usePane(host: Host, client: ComputeClient) {
  const source = useSource(host, client);
  const { bookId, ready } = source;
  const live = useLiveView(client, bookId, ready);
  const sensitivity = useSensitivity(client, bookId, ready, live.current);
  const optimize = useOptimize(client, bookId, live.current, source.loading);
  const workbook = useWorkbookWrite(client, source.current, bookId, live.current, live.view);
  return { host, client, source, live, sensitivity, optimize, workbook };
}

export type Pane = ReturnType<typeof usePane>;
