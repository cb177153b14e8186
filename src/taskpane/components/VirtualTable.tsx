/**
 * A virtualized table (@tanstack/react-virtual): only the visible rows exist in the DOM and
 * rows are fetched a page at a time, so 100k accounts scroll smoothly and the pane never holds
 * them all. Columns shrink to fit (no horizontal scrolling); a layout may put them on two lines.
 * Sortable columns have a button in their header (aria-sort on the header). The row list is one
 * tab stop: the arrow keys move the focus from row to row (Page Up / Down, Home / End), and the
 * focused row is reported (onActiveRow) so the page can show its full text.
 */
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

const PAGE = 100;
const MAX_PAGES = 40;

const useStyles = makeStyles({
  table: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, minWidth: 0, fontSize: tokens.fontSizeBase200 },
  row: { display: 'grid', alignItems: 'center', columnGap: '6px', padding: '0 6px', boxSizing: 'border-box' },
  // Two-line rows need a rule between them to read as one row each.
  twoLines: { alignContent: 'center', rowGap: '1px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  header: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, minHeight: '28px' },
  body: { overflowY: 'auto', overflowX: 'hidden', position: 'relative', outlineOffset: '-2px' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  /** Headers wrap instead of cutting off ("Assigned rep" at 320 px). */
  headerCell: { whiteSpace: 'normal', overflowWrap: 'normal', lineHeight: tokens.lineHeightBase200, padding: '2px 0' },
  sortButton: {
    minWidth: 0,
    height: 'auto',
    padding: '2px 0',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    justifyContent: 'flex-start',
    textAlign: 'left',
  },
  sortRight: { justifyContent: 'flex-end', textAlign: 'right', width: '100%' },
  right: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  striped: { backgroundColor: tokens.colorNeutralBackground2 },
  focusedRow: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  placeholder: { color: tokens.colorNeutralForeground3 },
  empty: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
});

export interface Column<R> {
  readonly key: string;
  readonly header: string;
  /** A CSS grid track, e.g. 'minmax(0, 2fr)' (single-line layout). */
  readonly width: string;
  readonly align?: 'right';
  readonly render: (row: R) => ReactNode;
  /** Full text for the cell's tooltip when it is cut off. */
  readonly title?: (row: R) => string;
  /** The cell's accessible name when the text shown is shortened (the full text). */
  readonly label?: (row: R) => string | undefined;
  /** A header button sorts by this column. */
  readonly sortable?: boolean;
}

/** Columns placed on a grid of their own: its tracks and its areas, one string per line of a row. */
export interface TableLayout {
  readonly columns: string;
  readonly areas: readonly string[];
}

export interface TableSort {
  readonly key: string;
  readonly descending: boolean;
}

export interface VirtualTableProps<R> {
  readonly label: string;
  readonly rowCount: number;
  readonly columns: readonly Column<R>[];
  /** Rows [from, to); called a page at a time. */
  readonly fetchRows: (from: number, to: number) => Promise<readonly R[]>;
  /** Changing it drops the cached pages (new settings, new sort). */
  readonly cacheKey: string;
  readonly height?: number;
  readonly rowHeight?: number;
  /** Two-line rows: every column names its grid area (its key). */
  readonly layout?: TableLayout;
  readonly sort?: TableSort | null;
  readonly onSort?: (key: string) => void;
  /** The row that has the focus, or null when the focus leaves the rows. */
  readonly onActiveRow?: (row: R | null) => void;
  readonly testId?: string;
  readonly emptyText?: string;
}

/** The virtualized table. */
export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const styles = useStyles();
  const { rowCount, fetchRows, cacheKey, layout, onActiveRow } = props;
  const rowHeight = props.rowHeight ?? 28;
  const scrollRef = useRef<HTMLDivElement>(null);
  // page → rows and the cache key they were fetched under; stale pages stay on screen until replaced.
  const pages = useRef(new Map<number, { key: string; rows: readonly R[] }>());
  const loading = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const [active, setActive] = useState(0);
  const focusWanted = useRef<number | null>(null);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (last < 0) return;
    const firstPage = Math.floor(first / PAGE);
    const lastPage = Math.floor(last / PAGE);
    for (let page = firstPage; page <= lastPage; page++) {
      const ticket = `${cacheKey}#${page}`;
      if (pages.current.get(page)?.key === cacheKey || loading.current.has(ticket)) continue;
      loading.current.add(ticket);
      fetchRows(page * PAGE, Math.min(rowCount, (page + 1) * PAGE)).then(
        (rows) => {
          loading.current.delete(ticket);
          pages.current.set(page, { key: cacheKey, rows });
          if (mounted.current) setTick((t) => t + 1);
        },
        () => loading.current.delete(ticket),
      );
    }
    // Keep memory flat on huge tables: forget pages far from the viewport.
    if (pages.current.size > MAX_PAGES) {
      for (const page of pages.current.keys()) if (page < firstPage - 2 || page > lastPage + 2) pages.current.delete(page);
    }
  }, [first, last, cacheKey, fetchRows, rowCount]);

  const rowAt = (index: number): R | undefined => pages.current.get(Math.floor(index / PAGE))?.rows[index % PAGE];

  // After the arrow keys moved the focus to a row that was not rendered yet, focus it once it is.
  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${wanted}"]`);
    if (el) {
      focusWanted.current = null;
      el.focus();
    }
  });

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(rowCount - 1, index));
    setActive(i);
    focusWanted.current = i;
    virtualizer.scrollToIndex(i);
  };
  const visibleRows = Math.max(1, Math.floor((props.height ?? 320) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = e.target === scrollRef.current ? active - (e.key === 'ArrowDown' ? 1 : 0) : active;
    const next =
      e.key === 'ArrowDown' ? from + 1
      : e.key === 'ArrowUp' ? from - 1
      : e.key === 'PageDown' ? from + visibleRows
      : e.key === 'PageUp' ? from - visibleRows
      : e.key === 'Home' ? 0
      : e.key === 'End' ? rowCount - 1
      : null;
    if (next === null || rowCount === 0) return;
    e.preventDefault();
    moveTo(next);
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const index = Number((e.target as HTMLElement).dataset.rowIndex);
    if (!Number.isInteger(index)) return;
    setActive(index);
    onActiveRow?.(rowAt(index) ?? null);
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onActiveRow?.(null);
  };

  const template = layout ? { gridTemplateColumns: layout.columns, gridTemplateAreas: layout.areas.map((a) => `"${a}"`).join(' ') } : { gridTemplateColumns: props.columns.map((c) => c.width).join(' ') };
  const area = (c: Column<R>) => (layout ? { gridArea: c.key } : undefined);
  const sortOf = (c: Column<R>) => (props.sort?.key === c.key ? (props.sort.descending ? 'descending' : 'ascending') : 'none');

  return (
    <div className={styles.table} role="table" aria-label={props.label} aria-rowcount={rowCount + 1} data-testid={props.testId} data-row-count={rowCount}>
      <div className={mergeClasses(styles.row, styles.header, layout && styles.twoLines)} style={template} role="row" aria-rowindex={1}>
        {props.columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            aria-sort={c.sortable && props.onSort ? sortOf(c) : undefined}
            className={mergeClasses(styles.cell, styles.headerCell, c.align === 'right' && styles.right)}
            style={area(c)}
          >
            {c.sortable && props.onSort ? (
              <Button appearance="transparent" size="small" className={mergeClasses(styles.sortButton, c.align === 'right' && styles.sortRight)} onClick={() => props.onSort!(c.key)}>
                {c.header}
                {/* The direction is aria-sort's to say: the button's name stays the column's. */}
                {sortOf(c) !== 'none' && <span aria-hidden="true">{sortOf(c) === 'ascending' ? ' ▲' : ' ▼'}</span>}
              </Button>
            ) : (
              c.header
            )}
          </div>
        ))}
      </div>
      {rowCount === 0 ? (
        <div className={styles.empty}>{props.emptyText ?? 'No rows.'}</div>
      ) : (
        <div
          ref={scrollRef}
          className={styles.body}
          style={{ height: `${Math.min(props.height ?? 320, rowCount * rowHeight + 2)}px` }}
          role="rowgroup"
          tabIndex={0}
          aria-label={`${props.label}: the arrow keys move from row to row`}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
        >
          <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  tabIndex={-1}
                  data-row-index={item.index}
                  aria-rowindex={item.index + 2}
                  className={mergeClasses(styles.row, layout && styles.twoLines, styles.focusedRow, item.index % 2 === 1 && styles.striped)}
                  style={{ ...template, position: 'absolute', top: 0, left: 0, right: 0, height: `${item.size}px`, transform: `translateY(${item.start}px)` }}
                >
                  {props.columns.map((c) => (
                    <div
                      key={c.key}
                      role="cell"
                      className={mergeClasses(styles.cell, c.align === 'right' && styles.right, !row && styles.placeholder)}
                      style={area(c)}
                      title={row && c.title ? c.title(row) : undefined}
                      aria-label={row && c.label ? c.label(row) : undefined}
                    >
                      {row ? c.render(row) : '…'}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
