/**
 * ARR / Accounts / Risk weight sliders, coupled through the engine's `setWeight` so they
 * always sum to 100 in 1 % steps. Risk is locked at 0 (and greyed) when the book has no risk.
 */
import { memo } from 'react';
import { MessageBar, MessageBarBody, Slider, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DriverName, Weights } from '../../engine/index.js';
import { InfoField } from './InfoField.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  slider: { flexGrow: 1, minWidth: 0 },
  value: { width: '44px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  total: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const SLIDERS: readonly { driver: DriverName; label: string; info: string }[] = [
  { driver: 'arr', label: 'ARR weight', info: 'How much balancing ARR across reps counts when an account is assigned.' },
  { driver: 'accounts', label: 'Accounts weight', info: 'How much balancing the number of accounts per rep counts.' },
  { driver: 'risk', label: 'Risk weight', info: 'How much balancing high-risk ARR (Risk_Score at or above the cutoff) counts.' },
];

export interface WeightSlidersProps {
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  /** Why risk is off (the engine's risk-disabled warning), shown as an info banner. */
  readonly riskDisabledMessage?: string;
  readonly onChange: (driver: DriverName, value: number) => void;
}

/** The three coupled weight sliders; moving one rebalances the others. */
export const WeightSliders = memo(function WeightSliders({ weights, riskEnabled, riskDisabledMessage, onChange }: WeightSlidersProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <div className={styles.group} role="group" aria-label="Weights">
      {SLIDERS.map(({ driver, label, info }) => {
        const locked = driver === 'risk' && !riskEnabled;
        return (
          <InfoField
            key={driver}
            label={label}
            info={`${info} The three weights always add up to 100 %: moving one shares the difference among the others in proportion.`}
          >
            {(fieldProps) => (
              <div className={styles.row}>
                <Slider
                  {...fieldProps}
                  className={styles.slider}
                  rail={{ className: shared.plainRail }}
                  min={0}
                  max={100}
                  step={1}
                  value={weights[driver]}
                  disabled={locked}
                  aria-valuetext={`${weights[driver]} %`}
                  onChange={(_, data) => onChange(driver, data.value)}
                />
                <Text className={styles.value} data-testid={`weight-${driver}`}>
                  {weights[driver]} %
                </Text>
              </div>
            )}
          </InfoField>
        );
      })}
      {!riskEnabled && (
        <MessageBar intent="info" data-code="risk-disabled">
          <MessageBarBody>{riskDisabledMessage ?? 'Risk balancing is off: the Accounts sheet has no usable Risk_Score. The Risk weight is locked at 0 %.'}</MessageBarBody>
        </MessageBar>
      )}
      <Text className={styles.total}>Total {weights.arr + weights.accounts + weights.risk} %</Text>
    </div>
  );
});
