/**
 * Hand edits are never lost (SPEC §16): before Allocate writes, the Assigned_Rep cells a person changed
 * since the last write are listed — account, what was written, what the cell says now — with the choice
 * "Lock these N accounts to their new rep" or "Overwrite". Nothing is written until the person chooses;
 * Escape or Cancel writes nothing.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { HandEdit } from '../../workbook/port.js';
import { formatCount } from '../format.js';

/** Rows listed; the rest are counted. */
const LISTED = 100;

const useStyles = makeStyles({
  surface: { width: 'calc(100% - 24px)', maxWidth: '560px', boxSizing: 'border-box', padding: tokens.spacingHorizontalM },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  scroll: { maxHeight: '40vh', overflowY: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'fixed' },
  cell: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, textAlign: 'left', verticalAlign: 'top', overflowWrap: 'anywhere' },
  head: { position: 'sticky', top: 0, backgroundColor: tokens.colorNeutralBackground3 },
  blank: { fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, justifyContent: 'flex-start' },
});

export interface HandEditsDialogProps {
  readonly edits: readonly HandEdit[];
  /** Edits whose cell names a rep (a cleared cell cannot be locked). */
  readonly lockable: number;
  readonly onLock: () => void;
  readonly onOverwrite: () => void;
  readonly onCancel: () => void;
}

/** The dialog, mounted while there are hand edits to decide on (App). */
export function HandEditsDialog({ edits, lockable, onLock, onOverwrite, onCancel }: HandEditsDialogProps) {
  const styles = useStyles();
  const n = edits.length;
  const cleared = n - lockable;
  const rep = (name: string) => (name === '' ? <span className={styles.blank}>(blank)</span> : name);
  return (
    <Dialog open={n > 0} modalType="modal" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface className={styles.surface} aria-describedby="hand-edits-summary">
        <DialogBody>
          <DialogTitle>Assigned_Rep changed by hand</DialogTitle>
          <DialogContent className={styles.content}>
            <Text id="hand-edits-summary">
              {formatCount(n)} Assigned_Rep {n === 1 ? 'cell was' : 'cells were'} changed since the last Allocate. Nothing is written until you choose: lock{' '}
              {n === 1 ? 'the account' : 'the accounts'} to the rep now in the cell (written to Locked_Rep), or overwrite {n === 1 ? 'it' : 'them'} with the new
              allocation.
              {cleared > 0 && ` ${formatCount(cleared)} cleared ${cleared === 1 ? 'cell names' : 'cells name'} no rep and can only be overwritten.`}
            </Text>
            <div className={styles.scroll}>
              <table className={styles.table} aria-label="Hand-edited accounts" data-testid="hand-edits">
                <thead>
                  <tr>
                    <th className={`${styles.cell} ${styles.head}`} scope="col">Account</th>
                    <th className={`${styles.cell} ${styles.head}`} scope="col">Written</th>
                    <th className={`${styles.cell} ${styles.head}`} scope="col">Now</th>
                  </tr>
                </thead>
                <tbody>
                  {edits.slice(0, LISTED).map((e) => (
                    <tr key={e.accountId}>
                      <td className={styles.cell}>{e.accountId}</td>
                      <td className={styles.cell}>{rep(e.written)}</td>
                      <td className={styles.cell}>{rep(e.now)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {n > LISTED && <Text size={200}>…and {formatCount(n - LISTED)} more.</Text>}
          </DialogContent>
          <DialogActions className={styles.actions} fluid>
            {lockable > 0 && (
              <Button appearance="primary" onClick={onLock}>
                {`Lock these ${lockable} accounts to their new rep`}
              </Button>
            )}
            <Button onClick={onOverwrite}>Overwrite</Button>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
