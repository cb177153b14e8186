/**
 * The threshold guard in words (SPEC §10.1): a segment whose reps outnumber its accounts, or whose
 * accounts have no rep. Shown next to the threshold and above an Optimize result; the user still
 * decides.
 */
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { ThresholdGuard } from '../../worker/protocol.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  body: { overflowWrap: 'anywhere' },
});

/** One warning bar per guard; nothing when the threshold leaves every segment workable. */
export const GuardNote = memo(function GuardNote({ guards, testId }: { guards: readonly ThresholdGuard[]; testId: string }) {
  const styles = useStyles();
  if (guards.length === 0) return null;
  return (
    <div className={styles.list} data-testid={testId}>
      {guards.map((g) => (
        <MessageBar key={`${g.segment}-${g.kind}`} intent="warning" layout="multiline" data-kind={g.kind}>
          <MessageBarBody className={styles.body}>{g.message}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
});
