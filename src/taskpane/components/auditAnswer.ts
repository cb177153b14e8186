/**
 * An audit step's answer first (SPEC §10.1): "A-17 → Ann: lowest blended increase, geo match",
 * then the numbers that decided it ("Score 0.0184 vs 0.0191 for Bo, 3.7 % lower"). The engine's
 * full reason sentence follows on the page; these are the short forms that open the step.
 */
import { formatMoney, formatPercent, formatScore, formatScores, type AuditRecord } from '../../engine/index.js';

/** A change in F with a real minus sign: three decimals, or two significant digits when smaller. */
export function formatDeltaF(x: number): string {
  return (Math.abs(x) >= 0.001 ? x.toFixed(3) : x.toPrecision(2)).replace('-', '−');
}

/** What the winner had going for it besides its score. */
function bonuses(r: AuditRecord): string {
  const parts: string[] = [];
  if (r.geoMatch) parts.push('geo match');
  if (r.preserved) parts.push('keeps its current rep');
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** The step's answer: which account went where, and the reason in a few words. */
export function auditAnswer(r: AuditRecord): string {
  switch (r.kind) {
    case 'lock':
      return `${r.accountId} → ${r.winner}: ${r.reason.includes('Locked_Rep') ? 'locked by Locked_Rep' : 'locked to its current rep'}`;
    case 'move':
      return `${r.accountId} → ${r.winner}: moved from ${r.from} by refinement`;
    case 'swap':
      return `${r.accountId} → ${r.winner}, ${r.partner?.accountId ?? '?'} → ${r.from}: swapped by refinement`;
    default:
      break;
  }
  const head = `${r.accountId} → ${r.winner}`;
  switch (r.reasonCode) {
    case 'only-rep':
      return `${head}: the only ${r.segment} rep`;
    case 'tie-arr':
      return `${head}: tied score, lower current ARR`;
    case 'tie-name':
      return `${head}: tied score and ARR, settled by name`;
    case 'bonus':
      return `${head}: ${[r.geoMatch && 'geo', r.preserved && 'preserve'].filter(Boolean).join(' and ')} bonus overcame a ${formatPercent(r.gapPct ?? 0)} gap`;
    default:
      return `${head}: lowest blended increase${bonuses(r)}`;
  }
}

/** The numbers that decided the step, in one line; null when nothing was scored (a lock). */
export function decidingNumbers(r: AuditRecord): string | null {
  if (r.kind === 'lock') return 'Placed before any scoring: locks always hold.';
  if (r.kind === 'move' || r.kind === 'swap') return r.deltaF === null ? null : `Imbalance F changes by ${formatDeltaF(r.deltaF)} (a lower F is fairer)`;
  if (r.winnerScore === null) return null;
  if (r.runnerUp === null || r.runnerUpScore === null) return `Score ${formatScore(r.winnerScore)}`;
  const [w, u] = formatScores(r.winnerScore, r.runnerUpScore);
  if (r.reasonCode === 'tie-arr' || r.reasonCode === 'tie-name') {
    const winner = r.candidates.find((c) => c.rank === 1);
    const runner = r.candidates.find((c) => c.rank === 2);
    const arr = winner && runner ? `; current ARR ${formatMoney(winner.currentArr)} vs ${formatMoney(runner.currentArr)}` : '';
    return `Score ${w} tied with ${r.runnerUp}${arr}`;
  }
  const margin = r.marginPct === null ? '' : `, ${formatPercent(r.marginPct)} lower`;
  return `Score ${w} vs ${u} for ${r.runnerUp}${margin}`;
}
