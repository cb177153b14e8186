/**
 * One audit step's candidates as compact cards (a 10-column table would not fit 320 px):
 * rank order, winner first, each with current loads, blended, geo, preserve, bonus, score.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatScore, type AuditCandidate } from '../../engine/index.js';
import { formatCount, formatMoneyFull, formatMoneyShort } from '../format.js';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 190px), 1fr))', gap: tokens.spacingHorizontalS, listStyle: 'none', padding: 0, margin: 0 },
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '6px 8px', minWidth: 0, fontSize: tokens.fontSizeBase200 },
  winner: { border: `2px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  head: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold, marginBottom: '2px' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  dl: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr) auto minmax(0, 1fr)', gap: `0 ${tokens.spacingHorizontalXS}`, margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums', overflow: 'hidden', textOverflow: 'ellipsis' },
});

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

export interface CandidateCardsProps {
  readonly candidates: readonly AuditCandidate[];
  readonly winner: string;
  /** Without risk balancing every high-risk ARR is 0: the row is left out. */
  readonly riskEnabled: boolean;
}

/** Candidates sorted by rank. */
export function CandidateCards({ candidates, winner, riskEnabled }: CandidateCardsProps) {
  const styles = useStyles();
  const byRank = [...candidates].sort((a, b) => a.rank - b.rank);
  return (
    <ul className={styles.list}>
      {byRank.map((c) => {
        const won = c.rep === winner && c.rank === 1;
        return (
          <li key={c.repIndex} className={mergeClasses(styles.card, won && styles.winner)} data-testid="audit-candidate" data-rank={c.rank}>
            <div className={styles.head}>
              <span className={styles.name} title={c.rep}>{c.rep}</span>
              <span>{won ? 'Winner · rank 1' : `Rank ${c.rank}`}</span>
            </div>
            <dl className={styles.dl}>
              <dt className={styles.dt}>ARR</dt>
              <dd className={styles.dd} title={formatMoneyFull(c.currentArr)}>{formatMoneyShort(c.currentArr)}</dd>
              <dt className={styles.dt}>Accts</dt>
              <dd className={styles.dd}>{formatCount(c.currentAccounts)}</dd>
              {riskEnabled && (
                <>
                  <dt className={styles.dt}>High-risk</dt>
                  <dd className={styles.dd} title={formatMoneyFull(c.currentRiskArr)}>{formatMoneyShort(c.currentRiskArr)}</dd>
                </>
              )}
              <dt className={styles.dt}>Blended</dt>
              <dd className={styles.dd}>{formatScore(c.blended)}</dd>
              <dt className={styles.dt}>Geo</dt>
              <dd className={styles.dd}>{yesNo(c.geoMatch)}</dd>
              <dt className={styles.dt}>Preserve</dt>
              <dd className={styles.dd}>{yesNo(c.preserve)}</dd>
              <dt className={styles.dt}>Bonus</dt>
              <dd className={styles.dd}>{c.bonus.toFixed(2)}</dd>
              <dt className={styles.dt}>Score</dt>
              <dd className={styles.dd}>{formatScore(c.score)}</dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
