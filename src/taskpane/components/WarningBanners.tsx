/** Warning banners: one per engine warning, keyed by its stable code. */
import { memo } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { Warning, WarningCode } from '../../engine/index.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  body: { overflowWrap: 'anywhere' },
});

const TITLES: Readonly<Record<WarningCode, string>> = {
  'risk-score-clamped': 'Risk scores clamped',
  'risk-score-blank': 'Blank risk scores',
  'risk-disabled': 'Risk balancing off',
  'orphan-original-rep': 'Original reps not on the Reps sheet',
  'new-hire': 'New hires',
  'blank-location': 'Blank locations',
  'segment-without-reps': 'Segment without reps',
  'empty-segment': 'Empty segment',
  'rep-without-accounts': 'Reps without accounts',
  'lock-not-applied': 'Locks not applied',
  'lock-over-capacity': 'Locks over a cap',
  'capacity-exhausted': 'Accounts left unassigned by caps',
  'cap-exceeded': 'Current books over a cap',
};

export interface WarningBannersProps {
  readonly warnings: readonly Warning[];
  /** Codes shown elsewhere (e.g. risk-disabled next to the Risk slider). */
  readonly skip?: readonly WarningCode[];
}

/** Soft warnings: the user may proceed. */
export const WarningBanners = memo(function WarningBanners({ warnings, skip = [] }: WarningBannersProps) {
  const styles = useStyles();
  const shown = warnings.filter((w) => !skip.includes(w.code));
  if (shown.length === 0) return null;
  return (
    <div className={styles.list} data-testid="warnings">
      {shown.map((w, i) => (
        <MessageBar key={`${w.code}-${w.segment ?? ''}-${i}`} intent={w.code === 'risk-disabled' ? 'info' : 'warning'} layout="multiline" data-code={w.code}>
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>{TITLES[w.code] ?? w.code}</MessageBarTitle>
            {w.message}
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
});
