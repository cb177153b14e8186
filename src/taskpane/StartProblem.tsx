/**
 * What the pane shows instead of itself when it cannot start inside Office (host.ts), or while Office
 * is slow to answer: a plain message and, where loading again may help, Retry (which reloads the page,
 * so office.js is requested again by its own <script>).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { StartProblem } from './host.js';

const useStyles = makeStyles({
  root: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
});

const reload = () => window.location.reload();

/** A start-up problem (or, with `waiting`, a slow start) with Retry where it can help. */
export function StartProblemView({ problem }: { problem: Pick<StartProblem, 'title' | 'message' | 'retry'> & { readonly waiting?: boolean } }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="alert" data-testid="start-problem">
      <MessageBar intent={problem.waiting ? 'warning' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{problem.title}</MessageBarTitle> {problem.message}
        </MessageBarBody>
        {problem.retry && (
          <MessageBarActions>
            <Button appearance="primary" onClick={reload}>
              Retry
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}

/** Office has not answered after a few seconds: the pane keeps waiting, and says so. */
export const SLOW_START = {
  title: 'Excel has not answered yet',
  message: 'Territory Slicer is waiting for Office to finish starting. If nothing happens, press Retry.',
  retry: true,
  waiting: true,
} as const;
