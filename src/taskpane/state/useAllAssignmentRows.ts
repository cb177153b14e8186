/**
 * Every row of the account assignments table for the settings on screen, fetched once per settings
 * while a search or sort is active (the table filters and sorts them on this thread); none
 * otherwise. Until a newer set arrives the last one stays, as the table's pages do.
 */
import { useEffect, useState } from 'react';
import type { KeyedSettings } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { AssignmentRow } from '../../worker/protocol.js';

/** The rows (null until the first set arrives) and the key they were fetched under. */
export function useAllAssignmentRows(client: ComputeClient, forSettings: KeyedSettings, rowCount: number, cacheKey: string, active: boolean) {
  const [fetched, setFetched] = useState<{ key: string; rows: readonly AssignmentRow[] } | null>(null);
  const have = fetched?.key === cacheKey;
  useEffect(() => {
    if (!active || have) return;
    let live = true;
    client.rows(forSettings, 0, rowCount).then(
      (rows) => live && setFetched({ key: cacheKey, rows }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, forSettings, rowCount, cacheKey, active, have]);
  return { rows: fetched?.rows ?? null, key: fetched?.key ?? '' };
}
