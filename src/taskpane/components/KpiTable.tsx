/** KPI before / after: per segment and driver, CV% and score before vs after and the change. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DriverName } from '../../engine/index.js';
import type { SegmentView } from '../../worker/protocol.js';
import { formatChange, formatOneDecimal } from '../format.js';

const useStyles = makeStyles({
  table: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', padding: '2px 4px', color: tokens.colorNeutralForeground2, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightSemibold },
  td: { padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  group: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground2 },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
});

const LABEL: Readonly<Record<DriverName, string>> = { arr: 'ARR', accounts: 'Accounts', risk: 'Risk' };

/** The KPI table for both segments. */
export function KpiTable({ segments }: { segments: readonly SegmentView[] }) {
  const styles = useStyles();
  return (
    <table className={styles.table} aria-label="KPI before and after" data-testid="kpi-table">
      <colgroup>
        <col style={{ width: '24%' }} />
        <col />
        <col />
        <col />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th className={styles.th} scope="col">Driver</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">CV% before</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">CV% after</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">Score before</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">Score after</th>
          <th className={mergeClasses(styles.th, styles.num)} scope="col">Score change</th>
        </tr>
      </thead>
      {segments.map((seg) => (
        <tbody key={seg.name}>
          <tr>
            <th className={mergeClasses(styles.td, styles.group)} colSpan={6} scope="colgroup">
              {seg.name}
            </th>
          </tr>
          {/* Risk stays listed when balancing is off, as N/A (SPEC §2). */}
          {seg.changes
            .map((c) => {
              const id = `kpi-${seg.name}-${c.driver}`;
              const tone = c.scoreChange === null || Math.abs(c.scoreChange) < 0.05 ? undefined : c.scoreChange > 0 ? styles.up : styles.down;
              return (
                <tr key={c.driver}>
                  <th className={styles.td} scope="row">{LABEL[c.driver]}</th>
                  <td className={mergeClasses(styles.td, styles.num)} data-testid={`${id}-cv-before`}>{formatOneDecimal(c.cvBefore)}</td>
                  <td className={mergeClasses(styles.td, styles.num)} data-testid={`${id}-cv-after`}>{formatOneDecimal(c.cvAfter)}</td>
                  <td className={mergeClasses(styles.td, styles.num)} data-testid={`${id}-score-before`}>{formatOneDecimal(c.scoreBefore)}</td>
                  <td className={mergeClasses(styles.td, styles.num)} data-testid={`${id}-score-after`}>{formatOneDecimal(c.scoreAfter)}</td>
                  <td className={mergeClasses(styles.td, styles.num, tone)} data-testid={`${id}-change`}>{formatChange(c.scoreChange)}</td>
                </tr>
              );
            })}
        </tbody>
      ))}
    </table>
  );
}
