/** Territory Comparison page (SPEC §8): movement totals, KPI before/after, per-rep charts, movement table. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue } from 'react';
import { BeforeAfterCharts } from '../components/BeforeAfterCharts.js';
import { KpiTable } from '../components/KpiTable.js';
import { MovementTable } from '../components/MovementTable.js';
import { Section } from '../components/Section.js';
import { formatCount, formatMoney, formatPercent } from '../format.js';
import type { Pane } from '../state/usePane.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  totals: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 120px), 1fr))', gap: tokens.spacingHorizontalS },
  tile: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, minWidth: 0 },
  label: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  value: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0 },
});

/** Before = Original_Rep books; after = the allocation on screen. */
export function ComparisonPage({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const view = useDeferredValue(pane.live.view);
  if (!view || !pane.source.ready) return null;
  const t = view.totals;
  return (
    <div className={styles.page}>
      <Section title="Account movement totals">
        <div className={styles.totals}>
          <div className={styles.tile}>
            <span className={styles.label}>Accounts moved</span>
            <span className={styles.value} data-testid="moved-accounts">{formatCount(t.accountsMoved)}</span>{' '}
            <span className={styles.label} data-testid="moved-accounts-pct">{formatPercent(t.accountsMovedPct)}</span>
          </div>
          <div className={styles.tile}>
            <span className={styles.label}>ARR moved</span>
            <span className={styles.value} data-testid="moved-arr">{formatMoney(t.arrMoved)}</span>{' '}
            <span className={styles.label} data-testid="moved-arr-pct">{formatPercent(t.arrMovedPct)}</span>
          </div>
          <div className={styles.tile}>
            <span className={styles.label}>Accounts kept with their rep</span>
            <span className={styles.value} data-testid="kept-accounts">{formatCount(t.accountsKept)}</span>
          </div>
        </div>
      </Section>
      <Section title="KPI before / after">
        <p className={styles.note}>Before: each segment’s reps with their whole original book. Score = 100 − CV%.</p>
        <KpiTable segments={view.segments} />
      </Section>
      <Section title="Per-rep before / after">
        <BeforeAfterCharts segments={view.segments} />
      </Section>
      <Section title="Account movement">
        <MovementTable client={pane.client} forSettings={view} cacheKey={`${pane.source.bookId}|${view.key}`} />
      </Section>
    </div>
  );
}
