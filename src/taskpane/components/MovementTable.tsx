/** Account movement: every account whose rep changed, sortable and filterable, virtualized. */
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { AccountMove, KeyedSettings } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { MoveQuery, MoveSortKey } from '../../worker/protocol.js';
import { formatCount, formatMoneyFull, formatMoneyShort } from '../format.js';
import { useSharedStyles } from './sharedStyles.js';
import { VirtualTable, type Column } from './VirtualTable.js';

const useStyles = makeStyles({
  controls: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 120px), 1fr))', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  count: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const SORTS: readonly { key: MoveSortKey; label: string }[] = [
  { key: 'arr', label: 'ARR' },
  { key: 'accountId', label: 'Account ID' },
  { key: 'accountName', label: 'Name' },
  { key: 'segment', label: 'Segment' },
  { key: 'from', label: 'From rep' },
  { key: 'to', label: 'To rep' },
];

const rep = (name: string) => (name === '' ? '(unassigned)' : name);

const COLUMNS: readonly Column<AccountMove>[] = [
  { key: 'id', header: 'Account', width: 'minmax(0, 1fr)', render: (m) => m.accountId, title: (m) => `${m.accountId} — ${m.accountName}` },
  { key: 'arr', header: 'ARR', width: 'minmax(0, 0.9fr)', align: 'right', render: (m) => formatMoneyShort(m.arr), title: (m) => formatMoneyFull(m.arr) },
  { key: 'seg', header: 'Seg.', width: 'minmax(0, 0.6fr)', render: (m) => (m.segment === 'Enterprise' ? 'E' : 'MM'), title: (m) => m.segment },
  { key: 'from', header: 'From', width: 'minmax(0, 1.2fr)', render: (m) => rep(m.from), title: (m) => rep(m.from) },
  { key: 'to', header: 'To', width: 'minmax(0, 1.2fr)', render: (m) => rep(m.to), title: (m) => rep(m.to) },
];

export interface MovementTableProps {
  readonly client: ComputeClient;
  /** The settings (with their key) the moves are for. */
  readonly forSettings: KeyedSettings;
  readonly cacheKey: string;
}

/** Sort, filter and the virtualized list of moved accounts. */
export function MovementTable({ client, forSettings, cacheKey }: MovementTableProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [query, setQuery] = useState<MoveQuery>({ sort: 'arr', descending: true, filter: '', segment: 'all' });
  const [total, setTotal] = useState<number | null>(null);
  const queryKey = `${cacheKey}|${query.sort}|${query.descending}|${query.segment}|${query.filter}`;
  useEffect(() => {
    let live = true;
    client.moves(forSettings, query, 0, 0).then((page) => live && setTotal(page.total), () => live && setTotal(0));
    return () => {
      live = false;
    };
  }, [client, forSettings, query]);
  const fetchRows = useCallback(
    (from: number, to: number) => client.moves(forSettings, query, from, to).then((p) => p.rows),
    [client, forSettings, query],
  );
  return (
    <div data-testid="movement">
      <div className={styles.controls}>
        <Field label="Filter moved accounts">
          <Input className={shared.fillInput} input={{ className: shared.fillInputElement }} value={query.filter} onChange={(_, d) => setQuery((q) => ({ ...q, filter: d.value }))} placeholder="ID, name or rep" />
        </Field>
        <Field label="Segment filter">
          <Select value={query.segment} onChange={(_, d) => setQuery((q) => ({ ...q, segment: d.value as MoveQuery['segment'] }))}>
            <option value="all">All</option>
            <option value="Enterprise">Enterprise</option>
            <option value="Mid-Market">Mid-Market</option>
          </Select>
        </Field>
        <Field label="Sort by">
          <Select value={query.sort} onChange={(_, d) => setQuery((q) => ({ ...q, sort: d.value as MoveSortKey }))}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        {/* A labelled choice, not a toggle whose name flips (a pressed "Descending" that reads "Ascending" when off). */}
        <Field label="Order">
          <Select value={query.descending ? 'descending' : 'ascending'} onChange={(_, d) => setQuery((q) => ({ ...q, descending: d.value === 'descending' }))}>
            <option value="descending">Descending</option>
            <option value="ascending">Ascending</option>
          </Select>
        </Field>
      </div>
      <p className={styles.count} data-testid="movement-count">
        {total === null ? 'Counting…' : `${formatCount(total)} moved account${total === 1 ? '' : 's'}${query.filter || query.segment !== 'all' ? ' match' : ''}.`}
      </p>
      {total !== null && (
        <VirtualTable
          label="Account movement"
          testId="movement-table"
          rowCount={total}
          columns={COLUMNS}
          fetchRows={fetchRows}
          cacheKey={queryKey}
          height={320}
          emptyText="No account moved."
        />
      )}
    </div>
  );
}
