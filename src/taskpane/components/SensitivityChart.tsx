/**
 * Threshold sensitivity: Balanced and Custom Overall fairness per threshold on the primary
 * axis, the Deal Size Ratio (E:MM) on the secondary axis, and a band marking the current
 * threshold. Hovering a point shows every value and the weight split.
 */
import { LineChart, type ColorFillBarsProps, type CustomizedCalloutData, type LineChartPoints, type LineChartProps } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo, useEffect, useMemo, useState } from 'react';
import type { SensitivitySample, Weights } from '../../engine/index.js';
import { chartColours } from '../chartColours.js';
import { formatCount, formatOneDecimal, formatRatio } from '../format.js';
import { useDarkTheme } from '../theme.js';
import { weightSplit } from './FairnessCards.js';
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

/** Whether `threshold` lies on the sampled axis (a typed value may lie far outside it). */
export function markerOnAxis(samples: readonly SensitivitySample[], threshold: number): boolean {
  if (samples.length === 0) return false;
  const xs = samples.map((s) => s.threshold);
  return threshold >= Math.min(...xs) && threshold <= Math.max(...xs);
}

export interface SensitivityChartProps {
  readonly samples: readonly SensitivitySample[];
  readonly threshold: number;
  readonly step: number;
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  readonly pending: boolean;
}

/** The sensitivity chart (memoised; the threshold marker moves without recomputing samples). */
export const SensitivityChart = memo(function SensitivityChart(props: SensitivityChartProps) {
  const styles = useStyles();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const { samples, threshold, step, weights, riskEnabled } = props;
  const colours = chartColours(useDarkTheme());
  const byThreshold = useMemo(() => new Map(samples.map((s) => [s.threshold, s])), [samples]);
  const lines = useMemo<LineChartPoints[]>(() => {
    const points = (legend: string, pick: (s: SensitivitySample) => number | null, format: (v: number) => string) =>
      samples.flatMap((s) => {
        const y = pick(s);
        // Screen readers read each point: rounded values, not 16-digit floats.
        return y === null ? [] : [{ x: s.threshold, y, callOutAccessibilityData: { ariaLabel: `Threshold ${formatCount(s.threshold)}: ${legend} ${format(y)}.` } }];
      });
    return [
      // Custom often sits on top of Balanced: draw it wide and dashed so both stay visible.
      { legend: 'Balanced Fairness', color: colours.balanced, data: points('Balanced Fairness', (s) => s.balanced, formatOneDecimal), lineOptions: { strokeWidth: 2 } },
      { legend: 'Custom Fairness', color: colours.custom, data: points('Custom Fairness', (s) => s.custom, formatOneDecimal), lineOptions: { strokeWidth: 6, strokeDasharray: '6 4' } },
      { legend: 'Deal Size Ratio (E:MM)', color: colours.ratio, data: points('Deal Size Ratio', (s) => s.dealSizeRatio, formatRatio), useSecondaryYScale: true },
    ];
  }, [samples, colours]);
  const ratios = samples.flatMap((s) => (s.dealSizeRatio === null ? [] : [s.dealSizeRatio]));
  const fairness = samples.flatMap((s) => [s.balanced, s.custom].filter((v): v is number => v !== null));
  // Four ticks on whole multiples of 5 up to exactly 100.
  const tick = fairness.length ? Math.max(5, Math.ceil((100 - Math.min(...fairness)) / 4 / 5) * 5) : 25;
  const yMin = Math.max(0, 100 - 4 * tick);
  const ratioMax = ratios.length ? Math.ceil(Math.max(...ratios) * 1.1) : 1;
  const xs = samples.map((s) => s.threshold);
  const span = xs.length > 1 ? Math.max(...xs) - Math.min(...xs) : step;
  // At least ~1 % of the axis wide, so the marker stays visible on wide ranges.
  const marker = Math.max(step * 0.3, span * 0.006, 0.5);
  const onAxis = markerOnAxis(samples, threshold);
  // The library paints fill bars at 40 % opacity; two layers (64 %) keep the marker ≥ 3:1 against the background.
  const band: ColorFillBarsProps = { legend: 'Current threshold', color: colours.marker, data: [{ startX: threshold - marker, endX: threshold + marker }] };
  const markerBars = onAxis ? [band, { ...band, legend: 'Current threshold (layer 2)' }] : undefined;

  const callout = (data?: CustomizedCalloutData) => {
    if (!data) return null;
    const s = byThreshold.get(Number(data.x));
    if (!s) return null;
    return (
      <div className={styles.callout}>
        <strong>Threshold {formatCount(s.threshold)}</strong>
        <span>Balanced {formatOneDecimal(s.balanced)}</span>
        <span>Custom {formatOneDecimal(s.custom)}</span>
        <span>Deal Size Ratio {formatRatio(s.dealSizeRatio)}</span>
        <span>Weights: {weightSplit(weights, riskEnabled)}</span>
      </div>
    );
  };

  return (
    <div ref={ref} className={styles.wrap} data-testid="sensitivity-chart" data-samples={samples.length} data-marker={onAxis ? 'shown' : 'off-axis'}>
      <div className={styles.status} aria-live="polite">
        {props.pending
          ? 'Updating the sensitivity chart…'
          : onAxis || samples.length === 0
            ? `${samples.length} thresholds, current ${formatCount(threshold)} marked.`
            : `${samples.length} thresholds from ${formatCount(Math.min(...xs))} to ${formatCount(Math.max(...xs))}; the current ${formatCount(threshold)} lies outside them, so it is not marked.`}
      </div>
      {width > 0 && samples.length > 0 && (
        <MeasuredLineChart
          data={{ chartTitle: 'Fairness and Deal Size Ratio by threshold', lineChartData: lines }}
          width={width}
          height={260}
          yMinValue={yMin}
          yMaxValue={100}
          yAxisTickCount={4}
          secondaryYScaleOptions={{ yMinValue: 0, yMaxValue: ratioMax }}
          margins={{ left: 36, right: 40, top: 16, bottom: 40 }}
          xAxisTickCount={4}
          tickFormat="~s"
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
