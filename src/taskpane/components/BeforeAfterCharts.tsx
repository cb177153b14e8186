/**
 * Per-rep ARR and accounts, before (original books) vs after, as grouped bars per segment; a
 * segment with more than 20 reps gets horizontal bars with every name whole (RepBars).
 */
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { RepRow, SegmentView } from '../../worker/protocol.js';
import { chartColours, type ChartColours } from '../chartColours.js';
import { formatCount, formatMoney } from '../format.js';
import { useDarkTheme } from '../theme.js';
import { HORIZONTAL_BARS_ABOVE, RepBars } from './RepBars.js';
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

/** One grouped bar chart: a measure of every rep, before vs after. */
function RepChart(props: { title: string; reps: readonly RepRow[]; pick: (r: RepRow) => [number, number]; format: (v: number) => string; tickFormat?: (v: number) => string; width: number; colours: ChartColours }) {
  const styles = useStyles();
  if (props.reps.length > HORIZONTAL_BARS_ABOVE) {
    return (
      <>
        <p className={styles.title}>{props.title}</p>
        <RepBars
          label={`${props.title}, before and after`}
          series={[{ legend: 'Before', color: props.colours.before }, { legend: 'After', color: props.colours.after }]}
          rows={props.reps.map((r) => ({ name: r.name, values: props.pick(r) }))}
          mode="grouped"
          format={props.format}
          showLegend
        />
      </>
    );
  }
  return (
    <>
      <p className={styles.title}>{props.title}</p>
      <GroupedVerticalBarChart
        data={chartData(props.reps, props.pick, props.format, props.colours)}
        width={props.width}
        height={200}
        chartTitle={`${props.title}, before and after`}
        yAxisTickFormat={props.tickFormat}
        margins={{ left: 48, right: 24, top: 12, bottom: 20 }}
        roundedTicks
        rotateXAxisLables
        hideLabels
        barWidth="auto"
      />
    </>
  );
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
              <RepChart title={`${seg.name}: ARR per rep`} reps={seg.reps} pick={(r) => [r.beforeArr, r.arr]} format={formatMoney} tickFormat={formatMoney} width={width} colours={colours} />
              <RepChart title={`${seg.name}: accounts per rep`} reps={seg.reps} pick={(r) => [r.beforeAccounts, r.accounts]} format={formatCount} width={width} colours={colours} />
            </div>
          ))}
    </div>
  );
});
