/**
 * Rep distribution: stacked high-risk / other ARR per rep, one chart per segment; a segment with
 * more than 20 reps gets horizontal bars with every name whole (RepBars) instead of piled labels.
 */
import { VerticalStackedBarChart, type VerticalStackedChartProps } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { SegmentView } from '../../worker/protocol.js';
import { chartColours, type ChartColours } from '../chartColours.js';
import { formatCount, formatMoney } from '../format.js';
import { useDarkTheme } from '../theme.js';
import { HORIZONTAL_BARS_ABOVE, RepBars } from './RepBars.js';
import { useElementWidth } from './useElementWidth.js';

const useStyles = makeStyles({
  wrap: { minWidth: 0, overflow: 'hidden' },
  title: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXS} 0 0` },
  empty: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** Axis labels: names cut to 10 characters, numbered when cutting makes two alike. */
function axisLabels(names: readonly string[]): string[] {
  const cut = names.map((n) => (n.length > 10 ? `${n.slice(0, 9)}…` : n));
  return new Set(cut).size === cut.length ? cut : cut.map((c, i) => `${i + 1}. ${c}`);
}

function SegmentChart({ seg, riskEnabled, width, colours, legend }: { seg: SegmentView; riskEnabled: boolean; width: number; colours: ChartColours; legend: boolean }) {
  const styles = useStyles();
  if (seg.reps.length === 0) return <p className={styles.empty}>{seg.name}: no reps.</p>;
  // An empty segment would draw a bare $0 axis: say what is going on instead.
  if (seg.accounts === 0) {
    return (
      <p className={styles.empty} data-testid={`rep-distribution-empty-${seg.name}`}>
        No {seg.name} accounts at this threshold: its {formatCount(seg.repCount)} {seg.repCount === 1 ? 'rep has' : 'reps have'} no ARR to show.
      </p>
    );
  }
  if (seg.reps.length > HORIZONTAL_BARS_ABOVE) {
    const series = riskEnabled
      ? [{ legend: 'High-risk ARR', color: colours.highRisk }, { legend: 'Other ARR', color: colours.otherArr }]
      : [{ legend: 'ARR', color: colours.otherArr }];
    return (
      <div>
        <p className={styles.title}>{seg.name}</p>
        <RepBars
          label={`${seg.name}: ARR per rep${riskEnabled ? ', high-risk and other' : ''}`}
          series={series}
          rows={seg.reps.map((r) => ({ name: r.name, values: riskEnabled ? [r.riskArr, r.arr - r.riskArr] : [r.arr] }))}
          mode="stacked"
          format={formatMoney}
          showLegend={legend}
          testId={`rep-bars-${seg.name}`}
        />
      </div>
    );
  }
  const labels = axisLabels(seg.reps.map((r) => r.name));
  const data: VerticalStackedChartProps[] = seg.reps.map((r, i) => ({
    xAxisPoint: labels[i]!,
    xAxisCalloutData: r.name,
    chartData: riskEnabled
      ? [
          { legend: 'High-risk ARR', data: r.riskArr, color: colours.highRisk, xAxisCalloutData: r.name, yAxisCalloutData: formatMoney(r.riskArr) },
          { legend: 'Other ARR', data: r.arr - r.riskArr, color: colours.otherArr, xAxisCalloutData: r.name, yAxisCalloutData: formatMoney(r.arr - r.riskArr) },
        ]
      : [{ legend: 'ARR', data: r.arr, color: colours.otherArr, xAxisCalloutData: r.name, yAxisCalloutData: formatMoney(r.arr) }],
  }));
  return (
    <div>
      <p className={styles.title}>{seg.name}</p>
      <VerticalStackedBarChart
        data={data}
        width={width}
        height={220}
        chartTitle={`${seg.name}: ARR per rep${riskEnabled ? ', high-risk and other' : ''}`}
        yAxisTickFormat={(v: number) => formatMoney(v)}
        margins={{ left: 48, right: 24, top: 12, bottom: 20 }}
        roundedTicks
        rotateXAxisLables
        hideLegend={!legend}
        barWidth="auto"
        maxBarWidth={28}
        hideLabels
      />
    </div>
  );
}

export interface RepDistributionChartProps {
  readonly segments: readonly SegmentView[];
  readonly riskEnabled: boolean;
}

/** Both segments' stacked bars (memoised: redrawn only when the view changes). */
export const RepDistributionChart = memo(function RepDistributionChart({ segments, riskEnabled }: RepDistributionChartProps) {
  const styles = useStyles();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const colours = chartColours(useDarkTheme());
  // One legend, under the last segment that draws a chart.
  const drawn = segments.filter((s) => s.reps.length > 0 && s.accounts > 0);
  const legendOn = drawn[drawn.length - 1]?.name;
  return (
    <div ref={ref} className={styles.wrap} data-testid="rep-distribution-chart">
      {width > 0 && segments.map((seg) => <SegmentChart key={seg.name} seg={seg} riskEnabled={riskEnabled} width={width} colours={colours} legend={seg.name === legendOn} />)}
    </div>
  );
});
