/**
 * Allocation v2 (SPEC §10.1, §15): where the allocation starts ("Fresh allocation" or "Start from
 * current books", with its "Move budget"), "Refine after greedy", and a default cap per segment
 * (blank = none). Each change goes through the live view and the undo history like any setting.
 */
import { memo } from 'react';
import { InfoButton, Radio, RadioGroup, Slider, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SegmentCaps, SegmentName, Settings } from '../../engine/index.js';
import { budgetAllowance, budgetValueText, constraintsSummary, evenShare } from './allocationRules.js';
import { CapBox } from './CapBox.js';
import { InfoField } from './InfoField.js';
import { useSharedStyles } from './sharedStyles.js';
import type { SegmentView } from '../../worker/protocol.js';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  slider: { flexGrow: 1, minWidth: 0 },
  value: { width: '44px', flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  // One box per row: each label then reads on one line from 320 px (side by side, they wrapped to two
  // lines at 320 and left the info button alone on a line at 450); the boxes themselves are narrow.
  caps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  radios: { minWidth: 0 },
  switchRow: { display: 'flex', alignItems: 'center', minWidth: 0 },
  budget: { paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
});

const MODE_INFO =
  'Fresh allocation hands out every account again from scratch. Start from current books keeps each account with its current rep ' +
  '(when that rep is in the account’s segment) and only places new accounts, accounts of reps who left and accounts that changed segment; ' +
  'refinement may then move at most the Move budget of each segment to even out the books.';
const BUDGET_INFO =
  'The most accounts of each segment refinement may move away from where they start, as a percentage of the segment’s accounts (rounded down). ' +
  'An account starts with its current rep, or, when it is new or its rep left, with the rep the greedy pass gave it. ' +
  'A move back frees budget. Used only while Refine after greedy is on.';
const REFINE_INFO =
  'After the greedy pass, moves and swaps accounts between reps of a segment while that makes the books more even (with your weights), ' +
  'never touching locked accounts or filling a rep past its cap. The greedy result shows at once; the refined one replaces it a moment later.';
const CAP_INFO =
  'The most accounts any rep of the segment may carry; blank = no cap. A rep’s own Max_Accounts cell on the Reps sheet overrides it. ' +
  'Accounts no rep has room for stay unassigned (with a warning); locked accounts may still push a rep over.';

export interface AllocationControlsProps {
  readonly mode: Settings['mode'];
  readonly refine: boolean;
  readonly budget: number;
  readonly maxAccounts: SegmentCaps;
  /** The view's segments (for the budget in accounts and the even share a cap box starts from). */
  readonly segments: readonly SegmentView[] | null;
  /** Locks and caps on the sheets (the setup summary). */
  readonly lockedAccounts: number;
  readonly cappedReps: number;
  readonly onChange: (control: string, fields: Partial<Settings>) => void;
  /** One segment's default cap; the other's is kept as the settings on screen have it. */
  readonly onCap: (segment: SegmentName, cap: number | null) => void;
}

/** The allocation section's controls. */
export const AllocationControls = memo(function AllocationControls(props: AllocationControlsProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { mode, refine, budget, maxAccounts, segments, onChange, onCap } = props;
  const allowance = mode === 'rebalance' && segments ? budgetAllowance(segments) : null;
  return (
    // The section around it is the "Allocation" region: no second landmark of the same name.
    <div className={styles.group}>
      <InfoField label="Allocation mode" info={MODE_INFO} className={styles.radios}>
        <RadioGroup value={mode} onChange={(_, data) => onChange('mode', { mode: data.value as Settings['mode'] })}>
          <Radio value="fresh" label="Fresh allocation" />
          <Radio value="rebalance" label="Start from current books" />
        </RadioGroup>
      </InfoField>
      {mode === 'rebalance' && (
        <div className={styles.budget}>
          <InfoField label="Move budget" info={BUDGET_INFO}>
            {(fieldProps) => (
              <div className={styles.row}>
                <Slider
                  {...fieldProps}
                  rail={{ className: shared.plainRail }}
                  className={styles.slider}
                  min={0}
                  max={100}
                  step={1}
                  value={budget}
                  aria-valuetext={budgetValueText(budget)}
                  onChange={(_, data) => onChange('budget-slider', { budget: Math.round(data.value) })}
                />
                <Text className={styles.value} data-testid="budget-value">
                  {budgetValueText(budget)}
                </Text>
              </div>
            )}
          </InfoField>
          {refine && allowance && (
            <Text className={styles.note} data-testid="budget-allowance">
              {allowance}
            </Text>
          )}
          {!refine && (
            <Text className={styles.note} data-testid="budget-idle">
              Refinement is off: the current books are kept as they are, and only new or orphaned accounts are placed.
            </Text>
          )}
        </div>
      )}
      {/* The switch with its label beside it (one row, as switches read), the info button after it. */}
      <div className={styles.switchRow}>
        <Switch label="Refine after greedy" checked={refine} onChange={(_, data) => onChange('refine-switch', { refine: data.checked })} />
        <InfoButton aria-label="Refine after greedy information" info={REFINE_INFO} />
      </div>
      <div className={styles.caps}>
        {(['Enterprise', 'Mid-Market'] as const).map((segment) => {
          const seg = segments?.find((s) => s.name === segment);
          return (
            <CapBox
              key={segment}
              label={`${segment} max accounts per rep`}
              info={CAP_INFO}
              value={maxAccounts[segment]}
              evenShare={seg ? evenShare(seg) : null}
              testId={`cap-${segment}`}
              onCommit={(v) => onCap(segment, v)}
            />
          );
        })}
      </div>
      <Text className={styles.note} data-testid="allocation-constraints">
        From the sheets: {constraintsSummary(props.lockedAccounts, props.cappedReps)}.
      </Text>
    </div>
  );
});
