/**
 * Threshold sensitivity: Balanced and Custom Overall fairness per threshold on the primary
 * axis, the Deal Size Ratio (E:MM) on the secondary axis, and a band marking the current
 * threshold. Hovering a point shows every value and the weight split.
 */
import { LineChart, type CustomizedCalloutData, type LineChartPoints } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { SensitivitySample, Weights } from '../../engine/index.js';
import { formatCount, formatOneDecimal, formatRatio } from '../format.js';
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

export const BALANCED_COLOUR = '#0F6CBD';
export const CUSTOM_COLOUR = '#8764B8';
export const RATIO_COLOUR = '#CA5010';
export const MARKER_COLOUR = '#616161';

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
  const byThreshold = useMemo(() => new Map(samples.map((s) => [s.threshold, s])), [samples]);
  const lines = useMemo<LineChartPoints[]>(() => {
    const points = (pick: (s: SensitivitySample) => number | null) =>
      samples.flatMap((s) => {
        const y = pick(s);
        return y === null ? [] : [{ x: s.threshold, y }];
      });
    return [
      // Custom often sits on top of Balanced: draw it wide and dashed so both stay visible.
      { legend: 'Balanced Fairness', color: BALANCED_COLOUR, data: points((s) => s.balanced), lineOptions: { strokeWidth: 2 } },
      { legend: 'Custom Fairness', color: CUSTOM_COLOUR, data: points((s) => s.custom), lineOptions: { strokeWidth: 6, strokeDasharray: '6 4' } },
      { legend: 'Deal Size Ratio (E:MM)', color: RATIO_COLOUR, data: points((s) => s.dealSizeRatio), useSecondaryYScale: true },
    ];
  }, [samples]);
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
    <div ref={ref} className={styles.wrap} data-testid="sensitivity-chart" data-samples={samples.length}>
      <div className={styles.status} aria-live="polite">
        {props.pending ? 'Updating the sensitivity chart…' : `${samples.length} thresholds, current ${formatCount(threshold)} marked.`}
      </div>
      {width > 0 && samples.length > 0 && (
        <LineChart
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
          colorFillBars={[{ legend: 'Current threshold', color: MARKER_COLOUR, data: [{ startX: threshold - marker, endX: threshold + marker }] }]}
          onRenderCalloutPerStack={callout}
          onRenderCalloutPerDataPoint={callout}
          hideLegend
        />
      )}
      {samples.length > 0 && (
        <ul className={styles.legend} aria-label="Chart legend">
          <li><span className={styles.swatch} style={{ backgroundColor: BALANCED_COLOUR }} />Balanced Fairness (left axis)</li>
          <li><span className={styles.swatch} style={{ background: `repeating-linear-gradient(90deg, ${CUSTOM_COLOUR} 0 6px, transparent 6px 9px)` }} />Custom Fairness (left axis)</li>
          <li><span className={styles.swatch} style={{ backgroundColor: RATIO_COLOUR }} />Deal Size Ratio (E:MM) (right axis)</li>
          <li><span className={styles.swatch} style={{ backgroundColor: MARKER_COLOUR, width: '4px', height: '12px' }} />Current threshold</li>
        </ul>
      )}
    </div>
  );
});
