/**
 * Undo, Redo and Reset to defaults over every setting (SPEC §10.1). The keys (Ctrl+Z / Ctrl+Y,
 * ⌘ on a Mac) are wired document-wide by useUndoKeys; the buttons say them in their tooltips.
 */
import { Button, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export interface HistoryBarProps {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly atDefaults: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly onReset: () => void;
}

/** The three buttons, in a group of their own. */
export const HistoryBar = memo(function HistoryBar(props: HistoryBarProps) {
  const styles = useStyles();
  const mod = isMac() ? '⌘' : 'Ctrl+';
  return (
    <div className={styles.bar} role="group" aria-label="Settings history">
      <Tooltip content={`Undo the last setting change (${mod}Z)`} relationship="description" withArrow>
        <Button size="small" disabled={!props.canUndo} onClick={props.onUndo}>
          Undo
        </Button>
      </Tooltip>
      <Tooltip content={`Redo the change undone (${mod}Y)`} relationship="description" withArrow>
        <Button size="small" disabled={!props.canRedo} onClick={props.onRedo}>
          Redo
        </Button>
      </Tooltip>
      <Tooltip content="Threshold, weights and bonuses back to this book’s defaults (Undo brings yours back)" relationship="description" withArrow>
        <Button size="small" disabled={props.atDefaults} onClick={props.onReset}>
          Reset to defaults
        </Button>
      </Tooltip>
    </div>
  );
});
