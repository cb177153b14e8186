/**
 * Warnings as one visible message bar (SPEC §10.1): the count and the first warning
 * ("5 data warnings: 8 accounts have a blank Risk_Score, treated as 0 … · 4 more"), expandable into
 * every warning with its title by a disclosure button ("All warnings", aria-expanded; its name does not
 * flip with its state). Each listed warning carries the engine's stable code (data-code). A first warning
 * longer than a few lines (a cap exceeded by six reps, each named) is cut to three lines until expanded,
 * so the bar never pushes the fairness cards a screen down at 320 px; the whole text stays in the DOM.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { memo, useId, useState } from 'react';
import { countOf, type Warning, type WarningCode } from '../../engine/index.js';

const useStyles = makeStyles({
  body: { overflowWrap: 'anywhere' },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  more: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  itemTitle: { fontWeight: tokens.fontWeightSemibold },
  clamped: { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 3, overflow: 'hidden' },
});

/** A first warning longer than this is cut to three lines until the bar is expanded. */
export const LONG_WARNING_CHARS = 160;

/** A short title per warning code, for the expanded list. */
export const WARNING_TITLES: Readonly<Record<WarningCode, string>> = {
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

export interface WarningsBarProps {
  readonly warnings: readonly Warning[];
  /** What one warning is called in the count: "data warning", "allocation warning". */
  readonly noun: string;
  /** Codes shown elsewhere (risk-disabled sits by the Risk weight). */
  readonly skip?: readonly WarningCode[];
  readonly testId: string;
}

/** The bar; nothing when there is no warning to show. */
export const WarningsBar = memo(function WarningsBar({ warnings, noun, skip = [], testId }: WarningsBarProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const shown = warnings.filter((w) => !skip.includes(w.code));
  const first = shown[0];
  if (!first) return null;
  const more = shown.length - 1;
  const long = first.message.length > LONG_WARNING_CHARS;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={testId} data-count={shown.length}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{countOf(shown.length, noun)}</MessageBarTitle>
        {!open && (
          <span data-testid={`${testId}-first`} className={long ? styles.clamped : undefined}>
            {first.message}
            {more > 0 && <span className={styles.more}> · {more} more</span>}
          </span>
        )}
        {open && (
          <ul className={styles.list} id={listId}>
            {shown.map((w, i) => (
              <li key={`${w.code}-${w.segment ?? ''}-${i}`} data-code={w.code}>
                <span className={styles.itemTitle}>{WARNING_TITLES[w.code] ?? w.code}:</span> {w.message}
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {(more > 0 || long) && (
        <MessageBarActions>
          <Button size="small" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => setOpen((o) => !o)}>
            All warnings
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
});
