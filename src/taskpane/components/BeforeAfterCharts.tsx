/** Per-rep ARR and accounts, before (original books) vs after, as grouped bars per segment. */
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { RepRow, SegmentView } from '../../worker/protocol.js';
import { chartColours, type ChartColours } from '../chartColours.js';
import { formatCount, formatMoney } from '../format.js';
import { useDarkTheme } from '../theme.js';
import { useElementWidth } from './useElementWidth.js';

const useStyles = makeStyles({
  wrap: { minWidth: 0, overflow: 'hidden' },
  title: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0 0` },
});

function chartData(reps: readonly RepRow[], pick: (r: RepRow) => [number, number], format: (v: number) => string, colours: ChartColours): GroupedVerticalBarChartData[] {
  const cut = reps.map((r) => (r.name.length > 10 ? `${r.name.slice(0, 9)}…` : r.name));
  const unique = new Set(cut).size === cut.length;
  return reps.map((r, i) => {
    const [before, after] = pick(r);
    const name = unique ? cut[i]! : `${i + 1}. ${cut[i]}`;
    return {
      name,
      series: [
        { key: 'before', legend: 'Before', data: before, color: colours.before, xAxisCalloutData: r.name, yAxisCalloutData: format(before) },
        { key: 'after', legend: 'After', data: after, color: colours.after, xAxisCalloutData: r.name, yAxisCalloutData: format(after) },
      ],
    };
  });
}

export interface BeforeAfterChartsProps {
  readonly segments: readonly SegmentView[];
}

/** ARR and accounts charts for each segment with reps. */
export const BeforeAfterCharts = memo(function BeforeAfterCharts({ segments }: BeforeAfterChartsProps) {
  const styles = useStyles();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const colours = chartColours(useDarkTheme());
  return (
    <div ref={ref} className={styles.wrap} data-testid="before-after-charts">
      {width > 0 &&
        segments
          .filter((s) => s.reps.length > 0)
          .map((seg) => (
            <div key={seg.name}>
              <p className={styles.title}>{seg.name}: ARR per rep</p>
              <GroupedVerticalBarChart
                data={chartData(seg.reps, (r) => [r.beforeArr, r.arr], formatMoney, colours)}
                width={width}
                height={200}
                chartTitle={`${seg.name}: ARR per rep, before and after`}
                yAxisTickFormat={(v: number) => formatMoney(v)}
                margins={{ left: 48, right: 24, top: 12, bottom: 20 }}
                roundedTicks
                rotateXAxisLables
                hideLabels
                barWidth="auto"
              />
              <p className={styles.title}>{seg.name}: accounts per rep</p>
              <GroupedVerticalBarChart
                data={chartData(seg.reps, (r) => [r.beforeAccounts, r.accounts], formatCount, colours)}
                width={width}
                height={200}
                chartTitle={`${seg.name}: accounts per rep, before and after`}
                margins={{ left: 48, right: 24, top: 12, bottom: 20 }}
                roundedTicks
                rotateXAxisLables
                hideLabels
                barWidth="auto"
              />
            </div>
          ))}
    </div>
  );
});
