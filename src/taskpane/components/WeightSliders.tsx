/**
 * ARR / Accounts / Risk weights: a slider and a number box each. Setting one driver keeps the sum
 * at 100 by changing the least recently edited other driver (the engine's setWeightLeastRecent,
 * applied by useLiveView), so any exact split takes at most two edits. Risk is locked at 0 (and
 * greyed) when the book has no risk.
 */
import { memo } from 'react';
import { MessageBar, MessageBarBody, Slider, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DriverName, Weights } from '../../engine/index.js';
import type { ControlKind } from '../state/useLiveView.js';
import { InfoField } from './InfoField.js';
import { NumberBox } from './NumberBox.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, minWidth: 0 },
  slider: { flexGrow: 1, minWidth: 0 },
  box: { width: '76px', flexShrink: 0 },
  total: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const SLIDERS: readonly { driver: DriverName; label: string; info: string }[] = [
  { driver: 'arr', label: 'ARR weight', info: 'How much balancing ARR across reps counts when an account is assigned.' },
  { driver: 'accounts', label: 'Accounts weight', info: 'How much balancing the number of accounts per rep counts.' },
  { driver: 'risk', label: 'Risk weight', info: 'How much balancing high-risk ARR (Risk_Score at or above the cutoff) counts.' },
];

const RULE =
  'The three weights always add up to 100 %: setting one changes the weight you edited least recently (the third one only when that one hits 0 or 100), ' +
  'so any split such as 50 / 30 / 20 takes two edits.';

const formatWeight = (v: number) => String(v);
/** A whole percentage 0–100 ("50" or "50 %"); null otherwise. */
export function parseWeight(text: string): number | null {
  const plain = text.trim().replace(/\s*%$/, '');
  if (!/^\d{1,3}$/.test(plain)) return null;
  const v = Number(plain);
  return v <= 100 ? v : null;
}
const stepWeight = (v: number, direction: 1 | -1, big: boolean) => Math.max(0, Math.min(100, v + direction * (big ? 10 : 1)));

export interface WeightSlidersProps {
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  /** Why risk is off (the engine's risk-disabled warning), shown as an info banner. */
  readonly riskDisabledMessage?: string;
  readonly onChange: (driver: DriverName, value: number, kind: ControlKind) => void;
}

/** The three weights, each a slider and a box. */
export const WeightSliders = memo(function WeightSliders({ weights, riskEnabled, riskDisabledMessage, onChange }: WeightSlidersProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <div className={styles.group} role="group" aria-label="Weights">
      {SLIDERS.map(({ driver, label, info }) => {
        const locked = driver === 'risk' && !riskEnabled;
        return (
          <div key={driver} className={styles.row}>
            <InfoField className={styles.slider} label={label} info={`${info} ${RULE}`}>
              <Slider
                rail={{ className: shared.plainRail }}
                min={0}
                max={100}
                step={1}
                value={weights[driver]}
                disabled={locked}
                aria-valuetext={`${weights[driver]} %`}
                onChange={(_, data) => onChange(driver, data.value, 'slider')}
              />
            </InfoField>
            <NumberBox
              className={styles.box}
              label={`${label} (%)`}
              hideLabel
              value={weights[driver]}
              format={formatWeight}
              parse={parseWeight}
              valueText={(v) => `${v} %`}
              min={0}
              max={100}
              step={stepWeight}
              disabled={locked}
              invalidMessage="0 to 100"
              contentAfter="%"
              testId={`weight-${driver}`}
              onCommit={(v) => onChange(driver, v, 'box')}
            />
          </div>
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
