/**
 * "Change from current books" (SPEC §10.1), right under the segment sizes and always visible: how
 * fair the current books were and are now (Overall Balanced before → after), and what it costs in
 * hand-overs (accounts and ARR that change owner). Live like the fairness cards.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo, useId } from 'react';
import { countOf, type MovementTotals } from '../../engine/index.js';
import { formatMoney, formatOneDecimal, formatPercent } from '../format.js';

const useStyles = makeStyles({
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  line: { overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' },
  strong: { fontWeight: tokens.fontWeightSemibold },
});

export interface ChangeFromCurrentProps {
  /** Overall Balanced on the current books (SPEC §8's before loads) and after this allocation. */
  readonly before: number | null;
  readonly after: number | null;
  readonly totals: MovementTotals;
  /** Rebalance mode: the move budget used and allowed (filled in by the allocation-mode controls). */
  readonly budget?: { readonly used: number; readonly total: number } | null;
  /** The refined result is on its way: these figures are the greedy ones until it lands. */
  readonly busy?: boolean;
}

/** The group; its accessible name is its visible title. */
export const ChangeFromCurrent = memo(function ChangeFromCurrent({ before, after, totals, budget, busy }: ChangeFromCurrentProps) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <div className={styles.group} role="group" aria-labelledby={titleId} aria-busy={busy ? true : undefined} data-testid="change-from-current">
      <span id={titleId} className={styles.title}>Change from current books</span>
      <span className={styles.line} data-testid="change-balanced">
        Overall Balanced <span className={styles.strong}>{formatOneDecimal(before)}</span> → <span className={styles.strong}>{formatOneDecimal(after)}</span>
      </span>
      <span className={styles.line} data-testid="change-accounts-moved">
        {countOf(totals.accountsMoved, 'account')} moved ({formatPercent(totals.accountsMovedPct)})
      </span>
      <span className={styles.line} data-testid="change-arr-moved">
        {formatMoney(totals.arrMoved)} ARR moved ({formatPercent(totals.arrMovedPct)})
      </span>
      {budget && (
        <span className={styles.line} data-testid="change-budget">
          budget used {budget.used.toLocaleString('en-US')} of {budget.total.toLocaleString('en-US')}
        </span>
      )}
    </div>
  );
});
