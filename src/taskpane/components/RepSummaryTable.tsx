/** Rep summary: each rep's ARR, accounts and high-risk ARR after allocation. */
import { memo } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { SegmentView } from '../../worker/protocol.js';
import { formatCount, formatMoney } from '../format.js';

const useStyles = makeStyles({
  table: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', padding: '2px 4px', color: tokens.colorNeutralForeground2, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  td: { padding: '2px 4px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  group: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2 },
  // Names wrap rather than cut: two reps never read alike ("Kendall Yama…").
  name: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

export interface RepSummaryTableProps {
  readonly segments: readonly SegmentView[];
  readonly riskEnabled: boolean;
}

/** One row per rep, grouped by segment. */
export const RepSummaryTable = memo(function RepSummaryTable({ segments, riskEnabled }: RepSummaryTableProps) {
  const styles = useStyles();
  const columns = riskEnabled ? 4 : 3;
  return (
    <table className={styles.table} aria-label="Rep summary" data-testid="rep-summary">
      <colgroup>
        <col style={{ width: riskEnabled ? '34%' : '44%' }} />
        <col />
        <col />
        {riskEnabled && <col />}
      </colgroup>
      <thead>
        <tr>
          <th className={styles.th} scope="col">Rep</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">ARR</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">Accounts</th>
          {riskEnabled && <th className={mergeClasses(styles.th, styles.num)} scope="col">High-risk</th>}
        </tr>
      </thead>
      {segments.map((seg) => (
        <tbody key={seg.name}>
          <tr>
            <th className={mergeClasses(styles.td, styles.group)} colSpan={columns} scope="colgroup">
              {seg.name} ({formatCount(seg.repCount)} reps)
            </th>
          </tr>
          {seg.reps.map((r) => (
            <tr key={r.name}>
              <td className={mergeClasses(styles.td, styles.name)} title={r.location ? `${r.name} (${r.location})` : r.name}>{r.name}</td>
              <td className={mergeClasses(styles.td, styles.num)}>{formatMoney(r.arr)}</td>
              <td className={mergeClasses(styles.td, styles.num)}>{formatCount(r.accounts)}</td>
              {riskEnabled && <td className={mergeClasses(styles.td, styles.num)}>{formatMoney(r.riskArr)}</td>}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
});
