/** Segment sizes at the current threshold: accounts, ARR and reps per segment, and the Deal Size Ratio. */
import { memo } from 'react';
import { InfoLabel, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SegmentView } from '../../worker/protocol.js';
import { formatCount, formatMoney, formatRatio } from '../format.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1.3fr) repeat(3, minmax(0, 1fr))',
    gap: `2px ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    alignItems: 'baseline',
  },
  head: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  ratio: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', marginTop: tokens.spacingVerticalXS },
  ratioValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
});

export interface SegmentSizesProps {
  readonly segments: readonly SegmentView[];
  readonly dealSizeRatio: number | null;
}

/** A compact table of both segments plus the Deal Size Ratio (E:MM). */
export const SegmentSizes = memo(function SegmentSizes({ segments, dealSizeRatio }: SegmentSizesProps) {
  const styles = useStyles();
  return (
    <div data-testid="segment-sizes">
      <div className={styles.grid} role="table" aria-label="Segment sizes">
        <div role="row" style={{ display: 'contents' }}>
          <span role="columnheader" className={styles.head}>Segment</span>
          <span role="columnheader" className={mergeClasses(styles.head, styles.num)}>Accounts</span>
          <span role="columnheader" className={mergeClasses(styles.head, styles.num)}>ARR</span>
          <span role="columnheader" className={mergeClasses(styles.head, styles.num)}>Reps</span>
        </div>
        {segments.map((s) => (
          <div role="row" key={s.name} style={{ display: 'contents' }}>
            <span role="rowheader">{s.name}</span>
            <span role="cell" className={styles.num} data-testid={`size-${s.name}-accounts`}>{formatCount(s.accounts)}</span>
            <span role="cell" className={styles.num} data-testid={`size-${s.name}-arr`}>{formatMoney(s.arr)}</span>
            <span role="cell" className={styles.num} data-testid={`size-${s.name}-reps`}>{formatCount(s.repCount)}</span>
          </div>
        ))}
      </div>
      <div className={styles.ratio}>
        <InfoLabel info="Mean Enterprise account ARR ÷ mean Mid-Market account ARR. N/A when a segment is empty or Mid-Market ARR is 0.">
          Deal Size Ratio (E:MM)
        </InfoLabel>
        <span className={styles.ratioValue} data-testid="deal-size-ratio">{formatRatio(dealSizeRatio)}</span>
      </div>
    </div>
  );
});
