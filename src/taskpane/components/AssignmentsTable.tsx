/** Account assignments, virtualized: rows come from the worker a page at a time. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, type CSSProperties } from 'react';
import type { KeyedSettings } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { AssignmentRow } from '../../worker/protocol.js';
import { formatCount, formatMoneyFull, formatMoneyShort } from '../format.js';
import { VirtualTable, type Column } from './VirtualTable.js';

const MOVED_MARK = '•';
const SR_ONLY: CSSProperties = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

const useStyles = makeStyles({
  legend: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const COLUMNS: readonly Column<AssignmentRow>[] = [
  { key: 'id', header: 'Account', width: 'minmax(0, 1fr)', render: (r) => r.accountId, title: (r) => `${r.accountId} — ${r.accountName}` },
  { key: 'name', header: 'Name', width: 'minmax(0, 1.4fr)', render: (r) => r.accountName, title: (r) => r.accountName },
  { key: 'arr', header: 'ARR', width: 'minmax(0, 0.9fr)', align: 'right', render: (r) => formatMoneyShort(r.arr), title: (r) => formatMoneyFull(r.arr) },
  { key: 'segment', header: 'Seg.', width: 'minmax(0, 0.6fr)', render: (r) => (r.segment === 'Enterprise' ? 'E' : 'MM'), title: (r) => r.segment },
  {
    key: 'rep',
    header: 'Assigned rep',
    width: 'minmax(0, 1.3fr)',
    // The marker leads the name so a cut-off name never hides it.
    render: (r) =>
      r.assignedRep === '' ? (
        '(unassigned)'
      ) : r.moved ? (
        <>
          <span aria-hidden="true">{MOVED_MARK} </span>
          <span style={SR_ONLY}>moved to </span>
          {r.assignedRep}
        </>
      ) : (
        r.assignedRep
      ),
    title: (r) => `${r.assignedRep || '(unassigned)'}${r.moved ? ` — moved from ${r.originalRep || '(unassigned)'}` : ' — kept'}`,
  },
];

export interface AssignmentsTableProps {
  readonly client: ComputeClient;
  /** The settings (with their key) the rows are for. */
  readonly forSettings: KeyedSettings;
  readonly rowCount: number;
  /** Changes whenever the assignment may have changed (book or settings). */
  readonly cacheKey: string;
  /** Accounts whose rep changes (for the legend). */
  readonly movedCount?: number;
}

/** The account assignments table ("•" marks an account that moved, explained in its legend). */
export function AssignmentsTable({ client, forSettings, rowCount, cacheKey, movedCount }: AssignmentsTableProps) {
  const styles = useStyles();
  const fetchRows = useCallback((from: number, to: number) => client.rows(forSettings, from, to), [client, forSettings]);
  return (
    <>
      <p className={styles.legend} data-testid="assignments-legend">
        {MOVED_MARK} = the account changes hands from its Original_Rep
        {movedCount === undefined ? '' : ` (${formatCount(movedCount)} of ${formatCount(rowCount)} accounts)`}. Hover a cell for the full text.
      </p>
      <VirtualTable
        label="Account assignments"
        testId="assignments-table"
        rowCount={rowCount}
        columns={COLUMNS}
        fetchRows={fetchRows}
        cacheKey={cacheKey}
        height={360}
      />
    </>
  );
}
