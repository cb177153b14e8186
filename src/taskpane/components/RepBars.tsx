/**
 * Horizontal bars per rep, for segments with more than 20 reps (SPEC §10.1: rep charts keep their
 * labels readable). Every rep gets a row with its whole name, its bar(s) on one scale, and the
 * value in words, so nothing piles up at 40 reps and a screen reader reads each row as text.
 * Stacked: one bar of parts (high-risk and other ARR); grouped: one thin bar per series (before,
 * after).
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo } from 'react';

/** Above this many reps the vertical charts' labels pile up: draw these rows instead. */
export const HORIZONTAL_BARS_ABOVE = 20;

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px', fontSize: tokens.fontSizeBase200 },
  row: { position: 'relative', display: 'grid', gridTemplateColumns: 'minmax(0, 38%) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
  name: { overflowWrap: 'anywhere', lineHeight: tokens.lineHeightBase200 },
  bars: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  track: { display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0 },
  bar: { display: 'flex', height: '10px', minWidth: '1px', borderRadius: '2px', overflow: 'hidden', flexShrink: 0 },
  thin: { height: '7px' },
  value: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `2px ${tokens.spacingHorizontalM}`, margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, listStyle: 'none' },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px', marginRight: '6px', verticalAlign: 'middle' },
});

export interface BarSeries {
  readonly legend: string;
  readonly color: string;
}

export interface RepBarRow {
  readonly name: string;
  /** One value per series. */
  readonly values: readonly number[];
}

export interface RepBarsProps {
  readonly label: string;
  readonly series: readonly BarSeries[];
  readonly rows: readonly RepBarRow[];
  /** Stacked: the series add up in one bar; grouped: a bar per series. */
  readonly mode: 'stacked' | 'grouped';
  readonly format: (value: number) => string;
  readonly showLegend: boolean;
  readonly testId?: string;
}

/** The rows, on one scale (the largest bar fills the track, less room for its value). */
export const RepBars = memo(function RepBars({ label, series, rows, mode, format, showLegend, testId }: RepBarsProps) {
  const styles = useStyles();
  const total = (r: RepBarRow) => r.values.reduce((s, v) => s + v, 0);
  const max = Math.max(1e-9, ...rows.map((r) => (mode === 'stacked' ? total(r) : Math.max(...r.values))));
  // The value text sits after the bar: bars use at most 62 % of the track.
  const pct = (v: number) => `${Math.max(0, (v / max) * 62)}%`;
  const words = (r: RepBarRow) =>
    mode === 'stacked'
      ? `${format(total(r))} (${series.map((s, i) => `${s.legend} ${format(r.values[i] ?? 0)}`).join(', ')})`
      : series.map((s, i) => `${s.legend} ${format(r.values[i] ?? 0)}`).join(', ');
  return (
    <div data-testid={testId}>
      <ul className={styles.list} aria-label={label}>
        {rows.map((r) => (
          <li key={r.name} className={styles.row}>
            <span className={styles.name}>{r.name}</span>
            <span className={styles.bars}>
              {mode === 'stacked' ? (
                <span className={styles.track}>
                  <span className={styles.bar} style={{ width: pct(total(r)) }} aria-hidden="true">
                    {series.map((s, i) => (
                      <span key={s.legend} style={{ flexGrow: r.values[i] ?? 0, backgroundColor: s.color }} />
                    ))}
                  </span>
                  <span className={styles.value} aria-hidden="true">{format(total(r))}</span>
                  <span className={styles.srOnly}>{words(r)}</span>
                </span>
              ) : (
                series.map((s, i) => (
                  <span key={s.legend} className={styles.track}>
                    <span className={mergeClasses(styles.bar, styles.thin)} style={{ width: pct(r.values[i] ?? 0), backgroundColor: s.color }} aria-hidden="true" />
                    <span className={styles.value}>
                      <span className={styles.srOnly}>{s.legend} </span>
                      {format(r.values[i] ?? 0)}
                    </span>
                  </span>
                ))
              )}
            </span>
          </li>
        ))}
      </ul>
      {showLegend && (
        <ul className={styles.legend} aria-label="Chart legend">
          {series.map((s) => (
            <li key={s.legend}>
              <span className={styles.swatch} style={{ backgroundColor: s.color }} />
              {s.legend}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
