/**
 * Audit records (SPEC §4): replays the allocation's steps with the same scoring code the
 * allocation used, so every record shows exactly the numbers that decided.
 */
import {
  addToLoads,
  emptyLoads,
  pickWinner,
  scoreCandidates,
  stepScratch,
  TIE_TOLERANCE,
  type Allocation,
  type SegmentContext,
  type SegmentLoads,
  type StepScratch,
} from './allocate.js';
import { formatBonus, formatMoney, formatPercent, formatScore, formatScores } from './format.js';
import { SEGMENTS, type Book, type SegmentName } from './types.js';

export interface AuditCandidate {
  readonly rep: string;
  /** Global rep index (Reps-sheet order). */
  readonly repIndex: number;
  readonly currentArr: number;
  readonly currentAccounts: number;
  readonly currentRiskArr: number;
  readonly blended: number;
  readonly geoMatch: boolean;
  readonly preserve: boolean;
  readonly bonus: number;
  readonly score: number;
  /** 1 = winner. */
  readonly rank: number;
}

export type ReasonCode = 'lowest-score' | 'bonus' | 'tie-arr' | 'tie-name' | 'only-rep';

export interface AuditRecord {
  readonly step: number;
  readonly accountIndex: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly arr: number;
  readonly employees: number;
  readonly location: string;
  readonly originalRep: string;
  readonly segment: SegmentName;
  /** Candidates in Reps-sheet order. */
  readonly candidates: readonly AuditCandidate[];
  readonly winner: string;
  readonly winnerScore: number;
  readonly runnerUp: string | null;
  readonly runnerUpScore: number | null;
  /** (runner-up score − winner score) / runner-up score × 100; null without a runner-up. */
  readonly marginPct: number | null;
  readonly geoMatch: boolean;
  readonly preserved: boolean;
  readonly reasonCode: ReasonCode;
  /** For 'bonus': the blended-score gap the bonus overcame, in % of the larger value. */
  readonly gapPct: number | null;
  readonly reason: string;
}

/** Number of audit steps (assigned accounts). */
export function auditStepCount(allocation: Allocation): number {
  return allocation.steps.length;
}

/**
 * Audit records for steps [from, to) (1-based step numbers, `to` exclusive).
 * Earlier steps are replayed as plain load updates, so one record costs O(step).
 */
export function auditRecords(book: Book, allocation: Allocation, from = 1, to = allocation.steps.length + 1): AuditRecord[] {
  const { steps, contexts, settings } = allocation;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  const scratch = [stepScratch(contexts[0].reps.length), stepScratch(contexts[1].reps.length)] as const;
  const local = localIndexes(book, allocation);
  const out: AuditRecord[] = [];
  const last = Math.min(to, steps.length + 1);
  for (let s = 1; s < last; s++) {
    const a = steps[s - 1]!;
    const seg = allocation.segment[a]! as 0 | 1;
    const ctx = contexts[seg];
    const segLoads = loads[seg];
    const i = local[allocation.assigned[a]!]!;
    if (s >= from) out.push(record(book, allocation, ctx, segLoads, scratch[seg], s, a));
    addToLoads(book, settings, segLoads, i, a);
  }
  return out;
}

/** One step's record (1-based). */
export function auditRecord(book: Book, allocation: Allocation, step: number): AuditRecord | null {
  if (step < 1 || step > allocation.steps.length) return null;
  return auditRecords(book, allocation, step, step + 1)[0] ?? null;
}

/** Steps (1-based) whose account ID or name contains the text, case-insensitive. */
export function findAuditSteps(book: Book, allocation: Allocation, text: string, limit = 50): number[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  const { id, name } = book.accounts;
  for (let s = 0; s < allocation.steps.length && found.length < limit; s++) {
    const a = allocation.steps[s]!;
    if (id[a]!.toLowerCase().includes(needle) || name[a]!.toLowerCase().includes(needle)) found.push(s + 1);
  }
  return found;
}

function localIndexes(book: Book, allocation: Allocation): Int32Array {
  const local = new Int32Array(book.reps.length);
  for (const ctx of allocation.contexts) ctx.reps.forEach((r, i) => (local[r] = i));
  return local;
}

function record(
  book: Book,
  allocation: Allocation,
  ctx: SegmentContext,
  loads: SegmentLoads,
  scratch: StepScratch,
  step: number,
  a: number,
): AuditRecord {
  const { settings } = allocation;
  const min = scoreCandidates(book, settings, ctx, loads, a, scratch);
  const w = pickWinner(ctx, loads, scratch.score, min);
  const k = ctx.reps.length;
  const acc = book.accounts;
  const accountLocation = acc.locationId[a]!;
  const inTie = (i: number) => scratch.score[i]! - min <= TIE_TOLERANCE * min;
  // Rank: winner, then the rest of the tie set by the tie rule, then everyone else by score.
  const byTieRule = (x: number, y: number) =>
    loads.arr[x]! - loads.arr[y]! || ctx.nameRank[x]! - ctx.nameRank[y]!;
  const others = Array.from({ length: k }, (_, i) => i).filter((i) => i !== w);
  others.sort((x, y) => {
    const tx = inTie(x), ty = inTie(y);
    if (tx !== ty) return tx ? -1 : 1;
    if (tx) return byTieRule(x, y);
    return scratch.score[x]! - scratch.score[y]! || byTieRule(x, y);
  });
  const rank = new Int32Array(k);
  rank[w] = 1;
  others.forEach((i, position) => (rank[i] = position + 2));
  const candidates: AuditCandidate[] = [];
  for (let i = 0; i < k; i++) {
    const r = ctx.reps[i]!;
    candidates.push({
      rep: book.reps[r]!.name,
      repIndex: r,
      currentArr: loads.arr[i]!,
      currentAccounts: loads.accounts[i]!,
      currentRiskArr: loads.riskArr[i]!,
      blended: scratch.blended[i]!,
      geoMatch: accountLocation >= 0 && ctx.repLocation[i] === accountLocation,
      preserve: acc.originalRepIndex[a] === r,
      bonus: scratch.bonus[i]!,
      score: scratch.score[i]!,
      rank: rank[i]!,
    });
  }
  const winner = candidates[w]!;
  const runner = others.length > 0 ? candidates[others[0]!]! : null;
  const explained = explain(candidates, winner, runner, others, inTie, settings.geoBonus, settings.preserveBonus, SEGMENTS[ctx.segment]!);
  return {
    step,
    accountIndex: a,
    accountId: acc.id[a]!,
    accountName: acc.name[a]!,
    arr: acc.arr[a]!,
    employees: acc.employees[a]!,
    location: acc.location[a]!,
    originalRep: acc.originalRep[a]!,
    segment: SEGMENTS[ctx.segment]!,
    candidates,
    winner: winner.rep,
    winnerScore: winner.score,
    runnerUp: runner ? runner.rep : null,
    runnerUpScore: runner ? runner.score : null,
    marginPct: runner ? (runner.score === 0 ? 0 : ((runner.score - winner.score) / runner.score) * 100) : null,
    geoMatch: winner.geoMatch,
    preserved: winner.preserve,
    ...explained,
  };
}

function bonusText(c: AuditCandidate, geo: number, preserve: number): string {
  const parts: string[] = [];
  if (c.geoMatch && geo > 0) parts.push(`geo match (${formatBonus(geo)})`);
  if (c.preserve && preserve > 0) parts.push(`preserve (${formatBonus(preserve)})`);
  return parts.join(' and ');
}

// The reason sentence: why the winner beat the rest, in the user's words.
function explain(
  candidates: readonly AuditCandidate[],
  winner: AuditCandidate,
  runner: AuditCandidate | null,
  others: readonly number[],
  inTie: (i: number) => boolean,
  geo: number,
  preserve: number,
  segment: SegmentName,
): { reasonCode: ReasonCode; gapPct: number | null; reason: string } {
  const W = winner.rep;
  const sw = formatScore(winner.score);
  const bonus = bonusText(winner, geo, preserve);
  if (!runner) {
    return { reasonCode: 'only-rep', gapPct: null, reason: `${W} wins: the only ${segment} rep (score ${sw}).` };
  }
  if (inTie(others[0]!)) {
    if (runner.currentArr === winner.currentArr) {
      return {
        reasonCode: 'tie-name', gapPct: null,
        reason: `${W} wins: tied score ${sw} with ${runner.rep} and equal current ARR (${formatMoney(winner.currentArr)}), settled by name.`,
      };
    }
    return {
      reasonCode: 'tie-arr', gapPct: null,
      reason: `${W} wins: tied score ${sw} with ${runner.rep}, settled by lower current ARR (${formatMoney(winner.currentArr)} vs ${formatMoney(runner.currentArr)}).`,
    };
  }
  // Did a rep with a lower blended score lose only because of the winner's bonus?
  let rival: AuditCandidate | null = null;
  for (const i of others) {
    const c = candidates[i]!;
    if (c.blended < winner.blended && (!rival || c.blended < rival.blended)) rival = c;
  }
  if (rival && winner.bonus > 0) {
    const gapPct = (1 - rival.blended / winner.blended) * 100;
    const [wb, rb] = formatScores(winner.blended, rival.blended);
    const gap = `${W} wins: ${bonus} overcame a gap of ${formatPercent(gapPct)} in blended score to ${rival.rep} (${wb} vs ${rb})`;
    // The runner-up by score is usually the rival; when another bonus rep sits between them, name both.
    const [ws, rs] = formatScores(winner.score, runner.score);
    const scores = rival === runner ? `score ${ws} vs ${rs}` : `score ${ws}, next best ${runner.rep} ${rs}`;
    return { reasonCode: 'bonus', gapPct, reason: `${gap}; ${scores}.` };
  }
  const [ws, rs] = formatScores(winner.score, runner.score);
  return {
    reasonCode: 'lowest-score', gapPct: null,
    reason: `${W} wins: lowest score ${ws}${bonus ? ` with ${bonus}` : ''}, vs ${runner.rep} ${rs}.`,
  };
}
