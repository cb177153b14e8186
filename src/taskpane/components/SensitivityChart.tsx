/**
 * Threshold sensitivity: Balanced and Custom Overall fairness per threshold on the primary
 * axis, the Deal Size Ratio (E:MM) on the secondary axis, and a band marking the current
 * threshold, on the slider's own scale (logarithmic on heavy-tailed books, thresholdAxis.ts).
 * Hovering a point shows every value and the weight split; clicking a point, or pressing Enter
 * on it, sets the threshold to that sample.
 */
import { LineChart, type ColorFillBarsProps, type CustomizedCalloutData, type LineChartPoints, type LineChartProps } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { SensitivitySample, Weights } from '../../engine/index.js';
import { chartColours } from '../chartColours.js';
import { formatOneDecimal, formatRatio, formatThreshold } from '../format.js';
import { useDarkTheme } from '../theme.js';
import { weightSplit } from './FairnessCards.js';
import { thresholdAxis } from './thresholdAxis.js';
import { useElementWidth } from './useElementWidth.js';

const useStyles = makeStyles({
  wrap: { minWidth: 0, overflow: 'hidden', position: 'relative' },
  callout: {
    padding: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    maxWidth: '220px',
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `2px ${tokens.spacingHorizontalM}`,
    listStyle: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase200,
    '& li': { display: 'inline-flex', alignItems: 'center', gap: '6px' },
  },
  swatch: { display: 'inline-block', width: '18px', height: '4px', borderRadius: '2px' },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: '1.4em' },
  // Points take the threshold on click: say so with the pointer.
  chart: { '& [role="img"][aria-label^="Threshold "]': { cursor: 'pointer' } },
});

/**
 * The chart measures its container in an effect after its first render; until then its y scale
 * is inverted and a fill bar would get a negative height (Chromium logs "<rect> attribute
 * height: A negative value"). So the threshold marker joins from the second render on.
 */
function MeasuredLineChart({ colorFillBars, ...props }: LineChartProps) {
  const [measured, setMeasured] = useState(false);
  useEffect(() => setMeasured(true), []);
  return <LineChart {...props} colorFillBars={measured ? colorFillBars : undefined} />;
}

/** Whether `threshold` lies on the sampled axis. */
export function markerOnAxis(samples: readonly SensitivitySample[], threshold: number): boolean {
  if (samples.length === 0) return false;
  const xs = samples.map((s) => s.threshold);
  return threshold >= Math.min(...xs) && threshold <= Math.max(...xs);
}

/** A point's accessible name: rounded values, not 16-digit floats. */
export const pointLabel = (threshold: number, legend: string, value: string) => `Threshold ${formatThreshold(threshold)}: ${legend} ${value}.`;

export interface SensitivityChartProps {
  readonly samples: readonly SensitivitySample[];
  readonly threshold: number;
  /** The slider's scale: the x axis follows it. */
  readonly scale: 'log' | 'linear';
  /** The linear slider's step (the marker's width there). */
  readonly step: number;
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  readonly pending: boolean;
  /** A point was clicked or Enter pressed on it: use its threshold. */
  readonly onSelect: (threshold: number) => void;
}

/** The sensitivity chart (memoised; the threshold marker moves without recomputing samples). */
export const SensitivityChart = memo(function SensitivityChart(props: SensitivityChartProps) {
  const styles = useStyles();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const { samples, threshold, scale, step, weights, riskEnabled, onSelect } = props;
  const colours = chartColours(useDarkTheme());
  const axis = useMemo(() => thresholdAxis(scale, samples.map((s) => s.threshold)), [scale, samples]);
  // Points and callouts speak in thresholds; the chart plots them at axis.toX.
  const byX = useMemo(() => new Map(samples.map((s) => [axis.toX(s.threshold), s])), [samples, axis]);
  const { lines, byLabel } = useMemo(() => {
    const labels = new Map<string, number>();
    const points = (legend: string, pick: (s: SensitivitySample) => number | null, format: (v: number) => string) =>
      samples.flatMap((s) => {
        const y = pick(s);
        if (y === null) return [];
        const ariaLabel = pointLabel(s.threshold, legend, format(y));
        labels.set(ariaLabel, s.threshold);
        return [{ x: axis.toX(s.threshold), y, callOutAccessibilityData: { ariaLabel }, onDataPointClick: () => onSelect(s.threshold) }];
      });
    const data: LineChartPoints[] = [
      // Custom often sits on top of Balanced: draw it wide and dashed so both stay visible.
      { legend: 'Balanced Fairness', color: colours.balanced, data: points('Balanced Fairness', (s) => s.balanced, formatOneDecimal), lineOptions: { strokeWidth: 2 } },
      { legend: 'Custom Fairness', color: colours.custom, data: points('Custom Fairness', (s) => s.custom, formatOneDecimal), lineOptions: { strokeWidth: 6, strokeDasharray: '6 4' } },
      { legend: 'Deal Size Ratio (E:MM)', color: colours.ratio, data: points('Deal Size Ratio', (s) => s.dealSizeRatio, formatRatio), useSecondaryYScale: true },
    ];
    return { lines: data, byLabel: labels };
  }, [samples, colours, axis, onSelect]);
  const ratios = samples.flatMap((s) => (s.dealSizeRatio === null ? [] : [s.dealSizeRatio]));
  const fairness = samples.flatMap((s) => [s.balanced, s.custom].filter((v): v is number => v !== null));
  // Four ticks on whole multiples of 5 up to exactly 100.
  const tick = fairness.length ? Math.max(5, Math.ceil((100 - Math.min(...fairness)) / 4 / 5) * 5) : 25;
  const yMin = Math.max(0, 100 - 4 * tick);
  const ratioMax = ratios.length ? Math.ceil(Math.max(...ratios) * 1.1) : 1;
  const xs = samples.map((s) => axis.toX(s.threshold));
  const span = xs.length > 1 ? Math.max(...xs) - Math.min(...xs) : scale === 'log' ? 1 : step;
  const here = axis.toX(threshold);
  // About 1 % of the axis wide, so the marker stays visible on wide ranges.
  const marker = Math.max(scale === 'log' ? 0 : step * 0.3, span * 0.006, scale === 'log' ? 0.005 : 0.5);
  const onAxis = markerOnAxis(samples, threshold);
  // The library paints fill bars at 40 % opacity; two layers (64 %) keep the marker ≥ 3:1 against the background.
  const band: ColorFillBarsProps = { legend: 'Current threshold', color: colours.marker, data: [{ startX: here - marker, endX: here + marker }] };
  const markerBars = onAxis ? [band, { ...band, legend: 'Current threshold (layer 2)' }] : undefined;

  const callout = (data?: CustomizedCalloutData) => {
    if (!data) return null;
    const s = byX.get(Number(data.x));
    if (!s) return null;
    return (
      <div className={styles.callout}>
        <strong>Threshold {formatThreshold(s.threshold)}</strong>
        <span>Balanced {formatOneDecimal(s.balanced)}</span>
        <span>Custom {formatOneDecimal(s.custom)}</span>
        <span>Deal Size Ratio {formatRatio(s.dealSizeRatio)}</span>
        <span>Weights: {weightSplit(weights, riskEnabled)}</span>
      </div>
    );
  };

  // Enter on a focused point (the chart moves focus between points with the arrow keys).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || !(e.target instanceof Element)) return;
    const t = byLabel.get(e.target.getAttribute('aria-label') ?? '');
    if (t === undefined) return;
    e.preventDefault();
    onSelect(t);
  };

  const first = samples[0]?.threshold ?? 0;
  const last = samples[samples.length - 1]?.threshold ?? 0;
  return (
    <div ref={ref} className={styles.wrap} data-testid="sensitivity-chart" data-samples={samples.length} data-marker={onAxis ? 'shown' : 'off-axis'} onKeyDown={onKeyDown}>
      <div className={styles.status} aria-live="polite">
        {props.pending
          ? 'Updating the sensitivity chart…'
          : onAxis || samples.length === 0
            ? `${samples.length} thresholds from ${formatThreshold(first)} to ${formatThreshold(last)}, the current ${formatThreshold(threshold)} marked. Click a point, or press Enter on it, to use its threshold.`
            : `${samples.length} thresholds from ${formatThreshold(first)} to ${formatThreshold(last)}; the current ${formatThreshold(threshold)} is on its way.`}
      </div>
      {width > 0 && samples.length > 0 && (
        <MeasuredLineChart
          className={styles.chart}
          data={{ chartTitle: 'Fairness and Deal Size Ratio by threshold', lineChartData: lines }}
          width={width}
          height={280}
          yMinValue={yMin}
          yMaxValue={100}
          yAxisTickCount={4}
          secondaryYScaleOptions={{ yMinValue: 0, yMaxValue: ratioMax }}
          margins={{ left: 56, right: 56, top: 16, bottom: 56 }}
          xAxisTitle={axis.title}
          yAxisTitle="Overall fairness"
          secondaryYAxistitle="Deal Size Ratio"
          xAxisTickCount={4}
          tickFormat={axis.ticks ? undefined : '~s'}
          tickValues={axis.ticks ? [...axis.ticks] : undefined}
          xAxis={axis.tickText ? { tickText: [...axis.tickText] } : undefined}
          colorFillBars={markerBars}
          onRenderCalloutPerStack={callout}
          onRenderCalloutPerDataPoint={callout}
          hideLegend
        />
      )}
      {samples.length > 0 && (
        <ul className={styles.legend} aria-label="Chart legend">
          <li><span className={styles.swatch} style={{ backgroundColor: colours.balanced }} />Balanced Fairness (left axis)</li>
          <li><span className={styles.swatch} style={{ background: `repeating-linear-gradient(90deg, ${colours.custom} 0 6px, transparent 6px 9px)` }} />Custom Fairness (left axis)</li>
          <li><span className={styles.swatch} style={{ backgroundColor: colours.ratio }} />Deal Size Ratio (E:MM) (right axis)</li>
          <li><span className={styles.swatch} style={{ backgroundColor: colours.marker, opacity: 0.64, width: '4px', height: '12px' }} />Current threshold</li>
        </ul>
      )}
    </div>
  );
});
