/**
 * One primary button, Allocate (writes the workbook for the settings on screen, the first time and
 * every time after), and Download CSV, with the workbook's state in words: the pane updates live,
 * the workbook only when Allocate is pressed, and the status line says when it is out of date.
 */
import { memo } from 'react';
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { WriteReport } from '../../workbook/port.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  status: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  stale: { color: tokens.colorPaletteDarkOrangeForeground1 },
  fresh: { color: tokens.colorPaletteGreenForeground1 },
});

export interface WorkbookBarProps {
  readonly canAllocate: boolean;
  readonly writing: boolean;
  readonly progress: { done: number; total: number } | null;
  readonly outOfDate: boolean;
  readonly everWritten: boolean;
  readonly report: WriteReport | null;
  readonly error: string | null;
  readonly onAllocate: () => void;
  readonly onDownloadCsv: () => void;
  /** Preview mode only: the in-memory workbook as .xlsx (after Allocate wrote it). */
  readonly onDownloadWorkbook?: (() => void) | null;
}

/** The Allocate bar. */
export const WorkbookBar = memo(function WorkbookBar(props: WorkbookBarProps) {
  const styles = useStyles();
  const statusId = 'workbook-status';
  const status = !props.everWritten
    ? 'Workbook not written yet: press Allocate to write the assignments and reports.'
    : props.outOfDate
      ? 'Workbook out of date: the pane shows settings not yet written. Press Allocate to write them.'
      : 'Workbook up to date with these settings.';
  return (
    <div className={styles.bar}>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={props.onAllocate} disabled={!props.canAllocate || props.writing} aria-describedby={statusId}>
          Allocate
        </Button>
        <Button onClick={props.onDownloadCsv} disabled={!props.canAllocate}>
          Download CSV
        </Button>
        {props.onDownloadWorkbook && props.everWritten && (
          <Button onClick={props.onDownloadWorkbook} disabled={props.writing}>
            Download workbook
          </Button>
        )}
      </div>
      <Text
        id={statusId}
        className={mergeClasses(styles.status, props.outOfDate || !props.everWritten ? styles.stale : styles.fresh)}
        data-testid="workbook-status"
        data-out-of-date={String(props.outOfDate)}
        aria-live="polite"
      >
        {status}
      </Text>
      {props.writing && (
        <ProgressBar
          aria-label="Writing the workbook"
          value={props.progress && props.progress.total > 0 ? props.progress.done / props.progress.total : undefined}
        />
      )}
      {props.error && (
        <MessageBar intent="error">
          <MessageBarBody>{props.error}</MessageBarBody>
        </MessageBar>
      )}
      {/* A success report describes the last write; once the settings move on it would contradict "out of date". */}
      {props.report && !props.writing && (!props.report.ok || !props.outOfDate) && (
        <MessageBar intent={props.report.ok ? 'success' : 'error'} layout="multiline" data-testid="write-report">
          <MessageBarBody>
            {props.report.message}
            {!props.report.ok && props.report.written.length > 0 && <> Written: {props.report.written.join(', ')}.</>}
            {!props.report.ok && props.report.notWritten.length > 0 && <> Not written: {props.report.notWritten.join(', ')}.</>}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
});
