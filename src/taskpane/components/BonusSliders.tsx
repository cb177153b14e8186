/** Geo and Preserve bonus sliders (0–0.10, step 0.01): tie-breakers, not overrides. */
import { memo } from 'react';
import { Slider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatBonusValue } from '../format.js';
import { InfoField } from './InfoField.js';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  slider: { flexGrow: 1, minWidth: 0 },
  value: { width: '44px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

const TIE_BREAKER =
  'Bonuses are tie-breakers, not overrides: a rep’s score is divided by (1 + bonus), so a bonus B beats a relative gap of at most B/(1+B) — at 0.10 it flips only calls within ≈9 %. ' +
  'A rep who earns both bonuses gets their sum (0.10 + 0.10 beats a gap of up to ≈17 %). ' +
  'As books fill up many calls become close, so on realistic data the bonuses decide a large share of steps (≈40 % at geo 0.07 / preserve 0.03 on a 300-account book).';

export interface BonusSlidersProps {
  readonly geoBonus: number;
  readonly preserveBonus: number;
  readonly onGeoChange: (value: number) => void;
  readonly onPreserveChange: (value: number) => void;
}

function BonusSlider(props: { label: string; info: string; value: number; testId: string; onChange: (v: number) => void }) {
  const styles = useStyles();
  return (
    <InfoField label={props.label} info={`${props.info} ${TIE_BREAKER}`}>
      {(fieldProps) => (
        <div className={styles.row}>
          <Slider
            {...fieldProps}
            className={styles.slider}
            min={0}
            max={0.1}
            step={0.01}
            value={props.value}
            aria-valuetext={formatBonusValue(props.value)}
            onChange={(_, data) => props.onChange(Math.round(data.value * 100) / 100)}
          />
          <Text className={styles.value} data-testid={props.testId}>
            {formatBonusValue(props.value)}
          </Text>
        </div>
      )}
    </InfoField>
  );
}

/** The two preference bonuses. */
export const BonusSliders = memo(function BonusSliders({ geoBonus, preserveBonus, onGeoChange, onPreserveChange }: BonusSlidersProps) {
  const styles = useStyles();
  return (
    <div className={styles.group} role="group" aria-label="Preference bonuses">
      <BonusSlider
        label="Geo bonus"
        testId="bonus-geo"
        info="Geo match: the rep’s Location equals the account’s (case-insensitive, never blank)."
        value={geoBonus}
        onChange={onGeoChange}
      />
      <BonusSlider
        label="Preserve bonus"
        testId="bonus-preserve"
        info="Preserve: the rep is the account’s Original_Rep, so keeping it avoids a hand-over."
        value={preserveBonus}
        onChange={onPreserveChange}
      />
    </div>
  );
});
