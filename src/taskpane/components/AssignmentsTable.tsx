/**
 * Account assignments, virtualized, with "Search accounts" (ID or name), sortable columns and a
 * From column (Original_Rep). Rows are on two lines so names get room at 320 px: account, name and
 * ARR; then segment, from and to. Rep names that still do not fit are shortened so that no two read
 * alike (shortNames.ts), with the full name as the cell's accessible name and tooltip; the focused
 * row shows every value in full under the table.
 *
 * In sheet order the rows come from the worker a page at a time. Searching or sorting needs every
 * row of the settings on screen: the table asks the worker for all of them once per settings
 * (useAllAssignmentRows) and filters and sorts here.
 */
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import type { KeyedSettings } from '../../engine/index.js';
import type { ComputeClient } from '../../worker/client.js';
import type { AssignmentRow } from '../../worker/protocol.js';
import { formatCount, formatMoneyFull, formatMoneyShort } from '../format.js';
import { useAllAssignmentRows } from '../state/useAllAssignmentRows.js';
import { useSharedStyles } from './sharedStyles.js';
import { uniqueShortNames } from './shortNames.js';
import { useElementWidth } from './useElementWidth.js';
import { VirtualTable, type Column, type TableLayout, type TableSort } from './VirtualTable.js';

const MOVED_MARK = '•';
const SR_ONLY: CSSProperties = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

const useStyles = makeStyles({
  controls: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  legend: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  detail: { margin: 0, minHeight: '2.8em', fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

/** Two lines per row: account, name, ARR; segment, from, to. */
const LAYOUT: TableLayout = { columns: 'minmax(0, 0.8fr) minmax(0, 1.25fr) minmax(0, 1.25fr)', areas: ['id name arr', 'segment from to'] };
const ROW_HEIGHT = 40;
/** The rep columns' share of the row: 1.25 of 3.3 fr, less the gaps and padding. */
const repColumnWidth = (tableWidth: number) => Math.max(40, ((tableWidth - 2 - 12 - 12 - 15) * 1.25) / 3.3);

type SortKey = 'id' | 'name' | 'arr' | 'segment' | 'from' | 'to';
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const TEXT: Readonly<Record<Exclude<SortKey, 'arr'>, (r: AssignmentRow) => string>> = {
  id: (r) => r.accountId,
  name: (r) => r.accountName,
  segment: (r) => r.segment,
  from: (r) => r.originalRep,
  to: (r) => r.assignedRep,
};

/** The rows matching the search (ID or name, case-insensitive), in the sort's order; ties keep sheet order. */
export function searchAndSort(rows: readonly AssignmentRow[], search: string, sort: TableSort | null): AssignmentRow[] {
  const needle = search.trim().toLowerCase();
  const out = needle === '' ? [...rows] : rows.filter((r) => r.accountId.toLowerCase().includes(needle) || r.accountName.toLowerCase().includes(needle));
  if (sort) {
    const sign = sort.descending ? -1 : 1;
    const key = sort.key as SortKey;
    const compare = key === 'arr' ? (a: AssignmentRow, b: AssignmentRow) => a.arr - b.arr : (a: AssignmentRow, b: AssignmentRow) => collator.compare(TEXT[key](a), TEXT[key](b));
    out.sort((a, b) => sign * compare(a, b) || a.index - b.index);
  }
  return out;
}

const rep = (name: string) => (name === '' ? '(unassigned)' : name);

/** The measure of a text in the table's font, for shortening names to their column. */
function useTextFits(element: HTMLElement | null, width: number) {
  return useMemo(() => {
    const context = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    if (context && element) {
      // The table's cells: 12 px (fontSizeBase200) in the pane's font.
      context.font = `400 12px ${getComputedStyle(element).fontFamily}`;
      return (text: string) => context.measureText(text).width <= width;
    }
    // No canvas to measure with (jsdom): about 6.5 px per character at 12 px.
    return (text: string) => text.length * 6.5 <= width;
  }, [element, width]);
}

export interface AssignmentsTableProps {
  readonly client: ComputeClient;
  /** The settings (with their key) the rows are for. */
  readonly forSettings: KeyedSettings;
  readonly rowCount: number;
  /** Changes whenever the assignment may have changed (book or settings). */
  readonly cacheKey: string;
  /** Accounts whose rep changes (for the legend). */
  readonly movedCount?: number;
  /** Every name the From and To columns can show: the reps and the original reps not on the Reps sheet. */
  readonly repNames: readonly string[];
}

/** Search, the table ("•" marks an account that moved, explained in its legend) and the focused row in full. */
export function AssignmentsTable({ client, forSettings, rowCount, cacheKey, movedCount, repNames }: AssignmentsTableProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort | null>(null);
  const [focused, setFocused] = useState<AssignmentRow | null>(null);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const querying = search.trim() !== '' || sort !== null;
  const all = useAllAssignmentRows(client, forSettings, rowCount, cacheKey, querying);
  const found = useMemo(() => (querying && all.rows ? searchAndSort(all.rows, search, sort) : null), [querying, all.rows, search, sort]);

  // Rep names shortened for the column width, never two alike (the "•" marker's room left aside).
  const fits = useTextFits(ref.current, repColumnWidth(width) - 10);
  const namesKey = repNames.join('\n');
  const short = useMemo(() => uniqueShortNames(namesKey.split('\n'), fits), [namesKey, fits]);
  const shown = useCallback((name: string) => (name === '' ? '(unassigned)' : (short.get(name) ?? name)), [short]);

  const columns = useMemo<Column<AssignmentRow>[]>(
    () => [
      { key: 'id', header: 'Account', width: '', sortable: true, render: (r) => <strong>{r.accountId}</strong>, title: (r) => `${r.accountId} — ${r.accountName}` },
      { key: 'name', header: 'Name', width: '', sortable: true, render: (r) => r.accountName, title: (r) => r.accountName },
      { key: 'arr', header: 'ARR', width: '', align: 'right', sortable: true, render: (r) => formatMoneyShort(r.arr), title: (r) => formatMoneyFull(r.arr) },
      { key: 'segment', header: 'Segment', width: '', sortable: true, render: (r) => (r.segment === 'Enterprise' ? 'Ent.' : 'MM'), title: (r) => r.segment, label: (r) => r.segment },
      {
        key: 'from',
        header: 'From',
        width: '',
        sortable: true,
        render: (r) => shown(r.originalRep),
        title: (r) => rep(r.originalRep),
        label: (r) => (shown(r.originalRep) === rep(r.originalRep) ? undefined : rep(r.originalRep)),
      },
      {
        key: 'to',
        header: 'To',
        width: '',
        sortable: true,
        // The marker leads the name so a shortened name never hides it.
        render: (r) =>
          r.assignedRep === '' ? (
            '(unassigned)'
          ) : r.moved ? (
            <>
              <span aria-hidden="true">{MOVED_MARK} </span>
              <span style={SR_ONLY}>moved to </span>
              {shown(r.assignedRep)}
            </>
          ) : (
            shown(r.assignedRep)
          ),
        title: (r) => `${rep(r.assignedRep)}${r.moved ? ` — moved from ${rep(r.originalRep)}` : ' — kept'}`,
        label: (r) => (shown(r.assignedRep) === rep(r.assignedRep) ? undefined : `${r.moved ? 'moved to ' : ''}${rep(r.assignedRep)}`),
      },
    ],
    [shown],
  );

  const onSort = useCallback((key: string) => {
    // A new column sorts ascending (ARR: largest first); the same column flips, then goes back to sheet order.
    setSort((s) => {
      const first = key === 'arr';
      if (s?.key !== key) return { key, descending: first };
      return s.descending === first ? { key, descending: !first } : null;
    });
  }, []);

  const fetchPage = useCallback((from: number, to: number) => client.rows(forSettings, from, to), [client, forSettings]);
  const fetchFound = useCallback((from: number, to: number) => Promise.resolve(found ? found.slice(from, to) : []), [found]);
  const shownCount = querying ? (found?.length ?? 0) : rowCount;
  const queryKey = querying ? `${cacheKey}|${all.key}|${search.trim().toLowerCase()}|${sort?.key}|${sort?.descending}` : cacheKey;

  return (
    <div className={styles.controls} ref={ref}>
      <Field label="Search accounts">
        <Input
          className={shared.fillInput}
          input={{ className: shared.fillInputElement }}
          type="search"
          value={search}
          placeholder="Account ID or name"
          onChange={(_, d) => setSearch(d.value)}
        />
      </Field>
      <p className={styles.legend} data-testid="assignments-legend">
        {MOVED_MARK} = the account changes hands from its Original_Rep
        {movedCount === undefined ? '' : ` (${formatCount(movedCount)} of ${formatCount(rowCount)} accounts)`}. Sort by a column heading; the focused row
        reads in full below.
      </p>
      {querying && (
        <p className={styles.legend} data-testid="assignments-count" aria-live="polite">
          {all.rows === null ? 'Searching…' : `${formatCount(shownCount)} of ${formatCount(rowCount)} accounts${sort ? `, sorted by ${columns.find((c) => c.key === sort.key)?.header} ${sort.descending ? 'descending' : 'ascending'}` : ''}.`}
        </p>
      )}
      <VirtualTable
        label="Account assignments"
        testId="assignments-table"
        rowCount={shownCount}
        columns={columns}
        layout={LAYOUT}
        rowHeight={ROW_HEIGHT}
        fetchRows={querying ? fetchFound : fetchPage}
        cacheKey={queryKey}
        height={360}
        sort={sort}
        onSort={onSort}
        onActiveRow={setFocused}
        emptyText={querying && all.rows !== null ? `No account ID or name contains “${search.trim()}”.` : 'No rows.'}
      />
      <p className={styles.detail} data-testid="assignments-focused" aria-live="polite">
        {focused
          ? `${focused.accountId} ${focused.accountName} · ${formatMoneyFull(focused.arr)} · ${focused.segment} · from ${rep(focused.originalRep)} ${focused.moved ? `→ moved to ${rep(focused.assignedRep)}` : `· kept by ${rep(focused.assignedRep)}`}`
          : ''}
      </p>
    </div>
  );
}
