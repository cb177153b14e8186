/**
 * Fairness cards: per segment the Custom and Balanced composites and, per driver, CV% and
 * score as integers with their band colour; an Overall card on top. Tooltips give the
 * weight split behind each composite and what CV% means. The chips and the CV% headers are one
 * tab stop: the arrow keys move between them (SPEC §10.1), each showing its tooltip on focus.
 */
import { Tooltip, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { useLayoutEffect, memo } from 'react';
import { band, roundHalfUp, type Band, type DriverName, type Weights } from '../../engine/index.js';
import type { SegmentView } from '../../worker/protocol.js';
import { BAND_COLOURS, BAND_RANGES, NA_COLOURS } from '../bands.js';
import { formatCount, formatShown } from '../format.js';

const useStyles = makeStyles({
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))', gap: tokens.spacingHorizontalS },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  title: { fontWeight: tokens.fontWeightSemibold, margin: 0, fontSize: tokens.fontSizeBase300 },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  composites: { display: 'flex', gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalXS} 0`, flexWrap: 'wrap' },
  chip: {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: '4px',
    borderRadius: tokens.borderRadiusMedium,
    padding: '2px 8px',
    fontVariantNumeric: 'tabular-nums',
    outlineOffset: '2px',
  },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightBold },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, padding: '2px 0' },
  // Room between the numeric columns, so wrapped headers ("Best possible", "Score") never touch.
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', padding: '2px 0 2px 6px' },
  // The floor is context for the CV% beside it, quieter than the figures themselves.
  floor: { color: tokens.colorNeutralForeground2 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  empty: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: `${tokens.spacingVerticalXS} 0` },
});

const DRIVER_LABEL: Readonly<Record<DriverName, string>> = { arr: 'ARR', accounts: 'Accounts', risk: 'Risk' };

const CV_MEANING =
  'CV% (coefficient of variation) = standard deviation ÷ mean of the reps’ loads × 100: 0 means every rep carries exactly the same. ' +
  `Score = 100 − CV% (never below 0). Bands: ${BAND_RANGES}.`;

const FLOOR_MEANING =
  'Best possible CV%: the lowest spread any split of this segment’s accounts among its reps could reach (locks and caps ignored). ' +
  'A few very large accounts can make some imbalance unavoidable; the gap between CV% and this is all that better weights or refinement can still win.';

/** The weight split behind Custom, in words. */
export function weightSplit(weights: Weights, riskEnabled: boolean): string {
  const parts = [`ARR ${weights.arr} %`, `Accounts ${weights.accounts} %`];
  if (riskEnabled) parts.push(`Risk ${weights.risk} %`);
  return parts.join(' · ');
}

function chipColours(value: number | null) {
  return value === null ? NA_COLOURS : BAND_COLOURS[band(value)];
}

function ScoreChip(props: { label: string; value: number | null; tip: string; testId: string; big?: boolean; hideLabel?: boolean }) {
  const styles = useStyles();
  const colours = chipColours(props.value);
  const shown = formatShown(props.value);
  const bandName: Band | 'N/A' = props.value === null ? 'N/A' : band(props.value);
  return (
    <Tooltip content={props.tip} relationship="description" withArrow>
      <span
        tabIndex={0}
        className={styles.chip}
        style={{ backgroundColor: colours.background, color: colours.text }}
        data-testid={props.testId}
        data-value={props.value === null ? '' : String(roundHalfUp(props.value))}
        data-band={bandName}
      >
        <span className={props.hideLabel ? styles.srOnly : undefined}>{props.label}</span>
        <span className={props.big ? styles.big : undefined}>{shown}</span>
        {props.value !== null && <span className={styles.srOnly}>({bandName})</span>}
      </span>
    </Tooltip>
  );
}

export interface FairnessCardsProps {
  readonly segments: readonly SegmentView[];
  readonly overall: { readonly custom: number | null; readonly balanced: number | null };
  readonly weights: Weights;
  readonly riskEnabled: boolean;
  /** Key of the settings shown; marks the repaint for the pane's timing (performance marks). */
  readonly viewKey: string;
  /** Worker time for this view (shown to tests as data-compute-ms). */
  readonly computeMs?: number;
}

/** Overall + one card per segment. */
export const FairnessCards = memo(function FairnessCards({ segments, overall, weights, riskEnabled, viewKey, computeMs }: FairnessCardsProps) {
  const styles = useStyles();
  // One tab stop for every chip; arrows move within, Tab leaves, and the group remembers the last chip.
  const arrows = useArrowNavigationGroup({ axis: 'both', memorizeCurrent: true });
  useLayoutEffect(() => {
    performance.mark('ts:fairness-commit', { detail: viewKey });
  }, [viewKey]);
  const split = weightSplit(weights, riskEnabled);
  const customTip = `Custom = weighted mean of the driver scores with your weights: ${split}. ${CV_MEANING}`;
  const balancedTip = `Balanced = plain mean of the driver scores (${riskEnabled ? 'ARR, Accounts and Risk' : 'ARR and Accounts'} counted equally: the benchmark). ${CV_MEANING}`;
  // Risk stays listed when balancing is off: SPEC §2 shows its metrics as N/A, with the reason.
  const drivers: DriverName[] = ['arr', 'accounts', 'risk'];
  return (
    <div
      {...arrows}
      className={styles.cards}
      role="group"
      aria-label="Fairness scores"
      data-testid="fairness-cards"
      data-view-key={viewKey}
      data-compute-ms={computeMs?.toFixed(2)}
    >
      <section className={styles.card} aria-label="Overall fairness" data-testid="fairness-Overall">
        <h3 className={styles.title}>Overall</h3>
        <div className={styles.meta}>Both segments, weighted by rep count</div>
        <div className={styles.composites}>
          <ScoreChip label="Custom" value={overall.custom} tip={customTip} testId="fairness-Overall-custom" big />
          <ScoreChip label="Balanced" value={overall.balanced} tip={balancedTip} testId="fairness-Overall-balanced" big />
        </div>
      </section>
      {segments.map((seg) => (
        <section key={seg.name} className={styles.card} aria-label={`${seg.name} fairness`} data-testid={`fairness-${seg.name}`}>
          <h3 className={styles.title}>{seg.name}</h3>
          <div className={styles.meta}>
            {formatCount(seg.repCount)} reps · {formatCount(seg.accounts)} accounts
          </div>
          <div className={styles.composites}>
            <ScoreChip label="Custom" value={seg.custom} tip={customTip} testId={`fairness-${seg.name}-custom`} big />
            <ScoreChip label="Balanced" value={seg.balanced} tip={balancedTip} testId={`fairness-${seg.name}-balanced`} big />
          </div>
          {seg.drivers === null ? (
            <p className={styles.empty}>
              {seg.accounts === 0 ? `No ${seg.name} accounts at this threshold.` : `No ${seg.name} reps: these accounts stay unassigned.`}
            </p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th className={styles.th} scope="col">Driver</th>
                  <th className={mergeClasses(styles.th, styles.num)} scope="col">
                    <Tooltip content={CV_MEANING} relationship="description" withArrow>
                      <span tabIndex={0}>CV%</span>
                    </Tooltip>
                  </th>
                  <th className={mergeClasses(styles.th, styles.num)} scope="col">
                    <Tooltip content={FLOOR_MEANING} relationship="description" withArrow>
                      <span tabIndex={0}>Best possible</span>
                    </Tooltip>
                  </th>
                  <th className={mergeClasses(styles.th, styles.num)} scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {drivers.map((d) => {
                  const s = seg.drivers![d];
                  return (
                    <tr key={d}>
                      <th className={styles.th} scope="row">{DRIVER_LABEL[d]}</th>
                      <td className={styles.num} data-testid={`cv-${seg.name}-${d}`}>{s ? formatShown(s.cv) : 'N/A'}</td>
                      <td className={mergeClasses(styles.num, styles.floor)} data-testid={`floor-${seg.name}-${d}`}>
                        {/* Rounded as the CV% beside it, so the floor never reads above the actual value (SPEC §5). */}
                        {s ? formatShown(seg.floorCv[d]) : 'N/A'}
                      </td>
                      <td className={styles.num}>
                        <ScoreChip
                          label={`${DRIVER_LABEL[d]} score`}
                          hideLabel
                          value={s ? s.score : null}
                          tip={
                            s
                              ? `${DRIVER_LABEL[d]}: CV ${s.cv.toFixed(1)} % → score ${s.score.toFixed(1)}; Gini ${s.gini.toFixed(3)}; Min/Max ${s.minMaxRatio === null ? 'N/A' : s.minMaxRatio.toFixed(2)}.`
                              : d === 'risk' && !riskEnabled
                                ? 'Risk is N/A: risk balancing is off because the Accounts sheet has no usable Risk_Score.'
                                : `${DRIVER_LABEL[d]} is N/A: the reps carry none of it.`
                          }
                          testId={`score-${seg.name}-${d}`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
});
