/**
 * The employee-count threshold: a slider over the §3 positions (log scale on heavy-tailed books)
 * and a number box that shows the value with separators and uses a typed value exactly.
 */
import { Slider, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { nearestPosition, sliderPosition, type ThresholdSlider } from '../../engine/index.js';
import { formatCount, formatThreshold, parseThreshold } from '../format.js';
import { InfoField } from './InfoField.js';
import { NumberBox } from './NumberBox.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  sliderField: { flexGrow: 1, minWidth: 0 },
  slider: { width: '100%', minWidth: 0 },
  // Room for 10,000,000 with its separators.
  box: { width: '112px', flexShrink: 0 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface ThresholdControlProps {
  readonly value: number;
  readonly slider: ThresholdSlider;
  /** `control` names what made the change (one undo step per control and run). */
  readonly onChange: (value: number, control: 'threshold-slider' | 'threshold-box') => void;
}

/** The position above (+1) or below (−1) a value, which may lie between positions; null past the ends. */
export function stepPosition(slider: ThresholdSlider, value: number, direction: 1 | -1): number | null {
  if (direction === 1) {
    for (let i = 0; i < slider.count; i++) if (sliderPosition(slider, i) > value) return sliderPosition(slider, i);
  } else {
    for (let i = slider.count - 1; i >= 0; i--) if (sliderPosition(slider, i) < value) return sliderPosition(slider, i);
  }
  return null;
}

const valueText = (v: number) => `${formatThreshold(v)} employees`;

/** "Threshold" slider + "Threshold value" box, each with its own visible label. */
export const ThresholdControl = memo(function ThresholdControl({ value, slider, onChange }: ThresholdControlProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <div>
      <div className={styles.row}>
        <InfoField
          className={styles.sliderField}
          label="Threshold"
          info={
            <>
              Accounts with at least this many employees are Enterprise; the rest are Mid-Market. The slider moves{' '}
              {slider.scale === 'log' ? 'along round numbers on a logarithmic scale' : `in steps of ${formatCount(slider.step)}`} from{' '}
              {formatCount(slider.min)} to {formatCount(slider.max)}; type any exact value in the box.
            </>
          }
        >
          <Slider
            className={styles.slider}
            rail={{ className: shared.plainRail }}
            min={0}
            max={slider.count - 1}
            step={1}
            value={nearestPosition(slider, value)}
            aria-valuetext={valueText(value)}
            onChange={(_, data) => onChange(sliderPosition(slider, data.value), 'threshold-slider')}
          />
        </InfoField>
        <NumberBox
          className={styles.box}
          label="Threshold value"
          value={value}
          format={formatThreshold}
          parse={parseThreshold}
          valueText={valueText}
          min={0}
          step={(v, direction, big) => {
            let next = stepPosition(slider, v, direction);
            // Page Up / Down: a decade on the log scale (10 positions), ten steps on the linear one.
            for (let i = 1; big && next !== null && i < 10; i++) next = stepPosition(slider, next, direction) ?? next;
            return next;
          }}
          invalidMessage="Type a number of employees, 0 or more."
          onCommit={(v) => onChange(v, 'threshold-box')}
        />
      </div>
      <span className={styles.hint}>Enterprise: employees ≥ {formatThreshold(value)}</span>
    </div>
  );
});
