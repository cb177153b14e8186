/**
 * A virtualized table (@tanstack/react-virtual): only the visible rows exist in the DOM and
 * rows are fetched from the worker a page at a time, so 100k accounts scroll smoothly and
 * the pane never holds them all. Columns shrink to fit (no horizontal scrolling).
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';

const PAGE = 100;
const MAX_PAGES = 40;

const useStyles = makeStyles({
  table: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, minWidth: 0, fontSize: tokens.fontSizeBase200 },
  row: { display: 'grid', alignItems: 'center', columnGap: '6px', padding: '0 6px', boxSizing: 'border-box' },
  header: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, minHeight: '28px' },
  body: { overflowY: 'auto', overflowX: 'hidden', position: 'relative', outlineOffset: '-2px' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  /** Headers wrap instead of cutting off ("Assigned rep" at 320 px). */
  headerCell: { whiteSpace: 'normal', overflowWrap: 'normal', lineHeight: tokens.lineHeightBase200, padding: '4px 0' },
  right: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  striped: { backgroundColor: tokens.colorNeutralBackground2 },
  placeholder: { color: tokens.colorNeutralForeground3 },
  empty: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
});

export interface Column<R> {
  readonly key: string;
  readonly header: ReactNode;
  /** A CSS grid track, e.g. 'minmax(0, 2fr)'. */
  readonly width: string;
  readonly align?: 'right';
  readonly render: (row: R) => ReactNode;
  /** Full text for the cell's tooltip when it is cut off. */
  readonly title?: (row: R) => string;
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
  readonly testId?: string;
  readonly emptyText?: string;
}

/** The virtualized table. */
export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const styles = useStyles();
  const { rowCount, fetchRows, cacheKey } = props;
  const rowHeight = props.rowHeight ?? 28;
  const scrollRef = useRef<HTMLDivElement>(null);
  // page → rows and the cache key they were fetched under; stale pages stay on screen until replaced.
  const pages = useRef(new Map<number, { key: string; rows: readonly R[] }>());
  const loading = useRef(new Set<string>());
  const [, setTick] = useState(0);
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

  const template = props.columns.map((c) => c.width).join(' ');
  const rowAt = (index: number): R | undefined => pages.current.get(Math.floor(index / PAGE))?.rows[index % PAGE];

  return (
    <div className={styles.table} role="table" aria-label={props.label} aria-rowcount={rowCount + 1} data-testid={props.testId} data-row-count={rowCount}>
      <div className={mergeClasses(styles.row, styles.header)} style={{ gridTemplateColumns: template }} role="row" aria-rowindex={1}>
        {props.columns.map((c) => (
          <div key={c.key} role="columnheader" className={mergeClasses(styles.cell, styles.headerCell, c.align === 'right' && styles.right)}>
            {c.header}
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
          aria-label={`${props.label}: scroll with the arrow keys`}
        >
          <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={mergeClasses(styles.row, item.index % 2 === 1 && styles.striped)}
                  style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, height: `${item.size}px`, transform: `translateY(${item.start}px)` }}
                >
                  {props.columns.map((c) => (
                    <div
                      key={c.key}
                      role="cell"
                      className={mergeClasses(styles.cell, c.align === 'right' && styles.right, !row && styles.placeholder)}
                      title={row && c.title ? c.title(row) : undefined}
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
