/** The employee-count threshold: a slider (range and step from the data) and an exact number box. */
import { Field, Input, Slider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, memo } from 'react';
import { nearestPosition, sliderPosition, type ThresholdSlider } from '../../engine/index.js';
import { formatCount } from '../format.js';
import { InfoField } from './InfoField.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  sliderField: { flexGrow: 1, minWidth: 0 },
  slider: { width: '100%', minWidth: 0 },
  // Room for 10,000,000 beside the spin buttons (100 px cut the first digit off).
  box: { width: '120px', flexShrink: 0 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface ThresholdControlProps {
  readonly value: number;
  readonly slider: ThresholdSlider;
  readonly onChange: (value: number) => void;
}

/**
 * "Threshold" slider + "Threshold value" box, each with its own visible label. Typed values
 * are used exactly (not snapped to the slider's step).
 */
export const ThresholdControl = memo(function ThresholdControl({ value, slider, onChange }: ThresholdControlProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const valid = (raw: string) => raw.trim() !== '' && Number.isFinite(Number(raw)) && Number(raw) >= 0;
  const commit = (raw: string) => {
    setText(raw);
    if (valid(raw)) onChange(Number(raw));
  };
  const invalid = !valid(text);
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
            aria-valuetext={`${formatCount(value)} employees`}
            onChange={(_, data) => onChange(sliderPosition(slider, data.value))}
          />
        </InfoField>
        <Field
          className={styles.box}
          label="Threshold value"
          validationState={invalid ? 'error' : 'none'}
          validationMessage={invalid ? 'Type a number of employees, 0 or more.' : undefined}
        >
          <Input
            className={shared.fillInput}
            input={{ className: shared.fillInputElement }}
            type="number"
            min={0}
            step={slider.step || 1}
            value={text}
            onChange={(_, data) => commit(data.value)}
          />
        </Field>
      </div>
      <span className={styles.hint}>Enterprise: employees ≥ {formatCount(value)}</span>
    </div>
  );
});
