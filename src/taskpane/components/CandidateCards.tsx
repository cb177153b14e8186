/**
 * One audit step's candidates as compact cards (a 10-column table would not fit 320 px), best
 * first: winner, then by rank, each with current loads, blended, geo, preserve, bonus and score.
 * Nothing is cut: names wrap, and each "term value" pair wraps as a whole onto the next line.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatScore, type AuditCandidate } from '../../engine/index.js';
import { formatCount, formatMoneyFull, formatMoneyShort } from '../format.js';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 200px), 1fr))', gap: tokens.spacingHorizontalS, listStyle: 'none', padding: 0, margin: 0 },
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '6px 8px', minWidth: 0, fontSize: tokens.fontSizeBase200 },
  winner: { border: `2px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold, marginBottom: '2px' },
  name: { minWidth: 0, overflowWrap: 'anywhere' },
  rank: { flexShrink: 0, whiteSpace: 'nowrap' },
  dl: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalM}`, margin: 0 },
  pair: { display: 'inline-flex', gap: '4px', whiteSpace: 'nowrap' },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, fontVariantNumeric: 'tabular-nums' },
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
  const pair = (term: string, value: string, title?: string) => (
    <div className={styles.pair}>
      <dt className={styles.dt}>{term}</dt>
      <dd className={styles.dd} title={title}>{value}</dd>
    </div>
  );
  return (
    <ul className={styles.list}>
      {byRank.map((c) => {
        const won = c.rep === winner && c.rank === 1;
        return (
          <li key={c.repIndex} className={mergeClasses(styles.card, won && styles.winner)} data-testid="audit-candidate" data-rank={c.rank}>
            <div className={styles.head}>
              <span className={styles.name}>{c.rep}</span>
              <span className={styles.rank}>{won ? 'Winner · rank 1' : `Rank ${c.rank}`}</span>
            </div>
            <dl className={styles.dl}>
              {pair('Score', formatScore(c.score))}
              {pair('Blended', formatScore(c.blended))}
              {pair('Bonus', c.bonus.toFixed(2))}
              {pair('Geo', yesNo(c.geoMatch))}
              {pair('Preserve', yesNo(c.preserve))}
              {pair('ARR', formatMoneyShort(c.currentArr), formatMoneyFull(c.currentArr))}
              {pair('Accts', formatCount(c.currentAccounts))}
              {riskEnabled && pair('High-risk', formatMoneyShort(c.currentRiskArr), formatMoneyFull(c.currentRiskArr))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
