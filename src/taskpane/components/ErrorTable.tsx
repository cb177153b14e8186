/** Hard input errors, grouped by sheet: row, column, value and message for each. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import type { Cell, InputError } from '../../engine/index.js';
import { formatCount } from '../format.js';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, color: tokens.colorPaletteRedForeground1 },
  table: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, color: tokens.colorNeutralForeground2 },
  td: { padding: '2px 4px', verticalAlign: 'top', overflowWrap: 'anywhere', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  // Break only at the <wbr> after each "_" (a very long single word still wraps as a last resort).
  column: { overflowWrap: 'break-word' },
  more: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** Column names break after "_" (Num_/Employees), never mid-word, in the narrow column. */
function columnText(column: string | null): ReactNode {
  if (column === null) return '—';
  const parts = column.split('_');
  return parts.map((part, i) => (i < parts.length - 1 ? <Fragment key={i}>{part}_<wbr /></Fragment> : <Fragment key={i}>{part}</Fragment>));
}

function valueText(value: Cell): string {
  if (value === null || value === undefined) return '(blank)';
  return String(value);
}

export interface ErrorTableProps {
  readonly errors: readonly InputError[];
  /** Total number of errors (the list may be truncated). */
  readonly errorCount: number;
}

/** The error table; Allocate stays blocked until these are fixed. */
export function ErrorTable({ errors, errorCount }: ErrorTableProps) {
  const styles = useStyles();
  const sheets = [...new Set(errors.map((e) => e.sheet))];
  return (
    <div className={styles.wrap} data-testid="error-table" role="alert">
      <p className={styles.heading}>
        {formatCount(errorCount)} error{errorCount === 1 ? '' : 's'} must be fixed in the workbook before allocating.
      </p>
      {sheets.map((sheet) => {
        const rows = errors.filter((e) => e.sheet === sheet);
        return (
          <table key={sheet} className={styles.table} aria-label={`Errors on the ${sheet} sheet`}>
            <caption style={{ textAlign: 'left', fontWeight: 600 }}>{sheet} sheet</caption>
            <colgroup>
              <col style={{ width: '14%' }} />
              <col style={{ width: '26%' }} />
              <col style={{ width: '19%' }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th className={styles.th} scope="col">Row</th>
                <th className={styles.th} scope="col">Column</th>
                <th className={styles.th} scope="col">Value</th>
                <th className={styles.th} scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e, i) => (
                <tr key={i} data-code={e.code}>
                  <td className={styles.td}>{e.row}</td>
                  <td className={mergeClasses(styles.td, styles.column)}>{columnText(e.column)}</td>
                  <td className={styles.td}>{valueText(e.value)}</td>
                  <td className={styles.td}>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {errorCount > errors.length && (
        <p className={styles.more}>…and {formatCount(errorCount - errors.length)} more not listed here.</p>
      )}
    </div>
  );
}
