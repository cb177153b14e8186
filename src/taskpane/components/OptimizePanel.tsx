/**
 * Optimize Weights: tries every 1 % weight split at the current threshold and bonuses,
 * off the UI thread, with progress and Cancel. The best of the 5 % grid (scored first) shows as a
 * provisional answer, marked as such, until the exact 1 % result replaces it. Shows the recommendation beside the current
 * result with its gain; Apply Recommended Weights sets the sliders. Never auto-applies. Above the
 * result, the threshold guard says when the threshold leaves reps idle (a recommendation there is
 * suspect), and a recommendation that puts ≥ 90 % on one driver says so (SPEC §10.1).
 */
import { memo, useSyncExternalStore } from 'react';
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { dominantDriverNote, sameWeights, weightGridSize, type Weights } from '../../engine/index.js';
import type { ThresholdGuard } from '../../worker/protocol.js';
import type { OptimizeState, ProgressSource } from '../state/useOptimize.js';
import { formatChange, formatCount, formatTwoDecimals } from '../format.js';
import { weightSplit } from './FairnessCards.js';
import { GuardNote } from './GuardNote.js';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  compare: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 140px), 1fr))', gap: tokens.spacingHorizontalS },
  box: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, minWidth: 0 },
  // Dashed: not the answer yet.
  provisional: { border: `1px dashed ${tokens.colorNeutralStroke1}` },
  // "5 %" and "1 %" never break between the number and its sign.
  nowrap: { whiteSpace: 'nowrap' },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, display: 'block' },
  value: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  small: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  // No width transition on the bar: Fluent animates its width for 0.3 s at every update, a layout of the
  // page per frame on the main thread while the workers need the cores (at 10k / 60 the main thread
  // spent ≈ 0.4 s more during a run, and the grid took 1.5 s instead of ≈ 1.05 s).
  bar: { transitionProperty: 'none' },
});

const TOOLTIP =
  'Tries every whole-percent split of the weights (5,151 combinations; 101 without risk) at the current threshold and bonuses, ' +
  'and recommends the one with the highest Overall Balanced fairness. The threshold is never changed, and nothing is applied until you press Apply Recommended Weights.';

export interface OptimizePanelProps {
  readonly state: OptimizeState;
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  /** Live Overall Balanced fairness of the current settings. */
  readonly currentBalanced: number | null;
  /** The threshold guard at the recommendation's threshold (empty when it leaves every segment workable). */
  readonly guards: readonly ThresholdGuard[];
  /** True when the settings changed since the recommendation was computed. */
  readonly stale: boolean;
  readonly onOptimize: () => void;
  readonly onCancel: () => void;
  readonly onApply: (weights: Weights) => void;
}

/** "ARR 35 % · Accounts 5 % · Risk 60 %" with each driver's part kept on one line (no "60" / "%" split at 320 px); same text. */
function Split({ text }: { text: string }) {
  const styles = useStyles();
  const parts = text.split(' · ');
  return (
    <>
      {parts.map((part, i) => (
        <span key={part}>
          <span className={styles.nowrap}>{part}</span>
          {i < parts.length - 1 ? ' · ' : ''}
        </span>
      ))}
    </>
  );
}

/** The Optimize Weights section. */
export const OptimizePanel = memo(function OptimizePanel(props: OptimizePanelProps) {
  const styles = useStyles();
  const { state } = props;
  const running = state.status === 'running';
  // The gain is the difference of the two values as shown (two decimals: gains are often a
  // fraction of a point, and 98.4 vs 98.3 with "+0.2" reads wrong), against the result on screen;
  // a stale recommendation keeps the baseline it was computed against.
  // With refinement on, the recommendation is shown refined (what Apply gives) against the live result, which is
  // refined too; Optimize's own (greedy) value stays beside it.
  const done = state.status === 'done' ? state.outcome : null;
  const refined = state.status === 'done' ? state.refined : null;
  const recommendedValue = done ? (refined ? refined.balanced : done.balanced) : null;
  const baseline = done ? (props.stale ? (refined ? refined.currentBalanced : done.currentBalanced) : props.currentBalanced) : null;
  const shown = (v: number) => Number(formatTwoDecimals(v));
  const gain = recommendedValue !== null && baseline !== null ? shown(recommendedValue) - shown(baseline) : null;
  const applied = done !== null && sameWeights(done.weights, props.weights);
  const dominant = done ? dominantDriverNote(done.weights) : null;
  const provisional = running ? state.provisional : null;
  const liveRefined = state.status === 'running' && state.liveRefined && provisional?.currentBalanced != null;
  return (
    <div className={styles.panel} data-testid="optimize-panel">
      <div className={styles.buttons}>
        <Tooltip content={TOOLTIP} relationship="description" withArrow>
          <Button appearance="secondary" onClick={props.onOptimize} disabled={running}>
            Optimize Weights
          </Button>
        </Tooltip>
        {running && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
      {state.status === 'running' && <RunningProgress source={state.progress} riskEnabled={props.riskEnabled} className={styles.small} barClassName={styles.bar} />}
      {provisional && (
        <div className={styles.compare}>
          <div className={styles.box} data-testid="optimize-current">
            {/* Like against like: with the live result refined, the current weights' greedy value, as the provisional best is ranked. */}
            <span className={styles.label}>Current result (Overall Balanced{liveRefined ? ', greedy' : ''})</span>
            <span className={styles.value}>{formatTwoDecimals(liveRefined ? provisional.currentBalanced : props.currentBalanced)}</span>
            <span className={styles.label}><Split text={weightSplit(props.weights, props.riskEnabled)} /></span>
          </div>
          <div className={`${styles.box} ${styles.provisional}`} data-testid="optimize-provisional" role="status">
            <span className={styles.label}>
              Provisional <span className={styles.nowrap}>(5 % grid)</span>, refining to <span className={styles.nowrap}>1 %…</span>
            </span>
            <span className={styles.value}>{formatTwoDecimals(provisional.balanced)}</span>
            <span className={styles.label}><Split text={weightSplit(provisional.weights, props.riskEnabled)} /></span>
          </div>
        </div>
      )}
      {state.status === 'cancelled' && <Text className={styles.small}>Optimize Weights was cancelled; nothing changed.</Text>}
      {state.status === 'error' && <Text className={styles.small} role="alert">Optimize Weights failed: {state.message}</Text>}
      {state.status === 'done' && (
        <>
          <GuardNote guards={props.guards} testId="optimize-guard" />
          <div className={styles.compare}>
            <div className={styles.box} data-testid="optimize-current">
              <span className={styles.label}>Current result (Overall Balanced{refined ? ', refined' : ''})</span>
              <span className={styles.value}>{formatTwoDecimals(props.currentBalanced)}</span>
              <span className={styles.label}><Split text={weightSplit(props.weights, props.riskEnabled)} /></span>
            </div>
            <div className={styles.box} data-testid="optimize-recommended" data-kernel={done!.kernel} data-lanes={done!.lanes}>
              <span className={styles.label}>Recommended (Overall Balanced{refined ? ', refined' : ''})</span>
              <span className={styles.value}>{formatTwoDecimals(recommendedValue)}</span>
              <span className={styles.label}><Split text={weightSplit(state.outcome.weights, props.riskEnabled)} /></span>
              {refined && (
                <span className={styles.label} data-testid="optimize-greedy">
                  Greedy allocation {formatTwoDecimals(state.outcome.balanced)}, as Optimize ranks it
                </span>
              )}
              <span className={styles.label} data-testid="optimize-gain">
                Gain {formatChange(gain, 2)} Balanced points
              </span>
            </div>
          </div>
          {dominant && (
            <MessageBar intent="warning" layout="multiline" data-testid="optimize-dominant">
              <MessageBarBody>The recommendation {dominant}</MessageBarBody>
            </MessageBar>
          )}
          {props.stale && (
            <Text className={styles.small}>Settings changed since this recommendation; run Optimize Weights again for the current threshold and bonuses.</Text>
          )}
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={applied} onClick={() => props.onApply(state.outcome.weights)}>
              Apply Recommended Weights
            </Button>
          </div>
          {applied && (
            <Text className={styles.small} data-testid="optimize-applied">
              The recommended weights are the ones in use.
            </Text>
          )}
          <Text className={styles.small}>
            Objective: Overall Balanced fairness of the greedy allocation (locks and caps, no refinement); {formatCount(state.outcome.evaluated)} combinations in {(state.outcome.ms / 1000).toFixed(1)} s.
          </Text>
        </>
      )}
    </div>
  );
});

/** The progress line: the only part that repaints while slices come back (see ProgressSource). */
function RunningProgress({ source, riskEnabled, className, barClassName }: { source: ProgressSource; riskEnabled: boolean; className: string; barClassName: string }) {
  const { done, total } = useSyncExternalStore(source.subscribe, source.get);
  return (
    <div>
      <ProgressBar aria-label="Optimize progress" value={total > 0 ? done / total : undefined} bar={{ className: barClassName }} />
      <Text className={className} aria-live="polite">
        Tried {formatCount(done)} of {formatCount(total || weightGridSize(riskEnabled))} weight combinations…
      </Text>
    </div>
  );
}
