/** Account assignments, virtualized: rows come from the worker a page at a time. */
import { useCallback } from 'react';
import type { Settings } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { AssignmentRow } from '../../worker/protocol.js';
import { formatMoneyFull, formatMoneyShort } from '../format.js';
import { VirtualTable, type Column } from './VirtualTable.js';

const COLUMNS: readonly Column<AssignmentRow>[] = [
  { key: 'id', header: 'Account', width: 'minmax(0, 1fr)', render: (r) => r.accountId, title: (r) => `${r.accountId} — ${r.accountName}` },
  { key: 'name', header: 'Name', width: 'minmax(0, 1.4fr)', render: (r) => r.accountName, title: (r) => r.accountName },
  { key: 'arr', header: 'ARR', width: 'minmax(0, 0.9fr)', align: 'right', render: (r) => formatMoneyShort(r.arr), title: (r) => formatMoneyFull(r.arr) },
  { key: 'segment', header: 'Seg.', width: 'minmax(0, 0.6fr)', render: (r) => (r.segment === 'Enterprise' ? 'E' : 'MM'), title: (r) => r.segment },
  {
    key: 'rep',
    header: 'Assigned rep',
    width: 'minmax(0, 1.3fr)',
    render: (r) => (r.assignedRep === '' ? '(unassigned)' : `${r.assignedRep}${r.moved ? ' •' : ''}`),
    title: (r) => `${r.assignedRep || '(unassigned)'}${r.moved ? ` — moved from ${r.originalRep || '(unassigned)'}` : ' — kept'}`,
  },
];

export interface AssignmentsTableProps {
  readonly client: ComputeClient;
  readonly settings: Settings;
  readonly rowCount: number;
  /** Changes whenever the assignment may have changed (book or settings). */
  readonly cacheKey: string;
}

/** The account assignments table ("•" marks an account that moved). */
export function AssignmentsTable({ client, settings, rowCount, cacheKey }: AssignmentsTableProps) {
  const fetchRows = useCallback((from: number, to: number) => client.rows(settings, from, to), [client, settings]);
  return (
    <VirtualTable
      label="Account assignments"
      testId="assignments-table"
      rowCount={rowCount}
      columns={COLUMNS}
      fetchRows={fetchRows}
      cacheKey={cacheKey}
      height={360}
    />
  );
}
