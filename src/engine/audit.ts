/**
 * Audit records (SPEC §4, §15): one per step. Locks and greedy choices are replayed from the greedy
 * log (the start books, then each step's rep) with the same scoring code the allocation used, so every
 * greedy record shows exactly the numbers that decided; refinement moves and swaps follow, Enterprise's
 * first, from the records refinement kept.
 */
import {
  addToLoads,
  emptyLoads,
  pickWinner,
  scoreCandidates,
  STEP_LOCK,
  stepScratch,
  TIE_TOLERANCE,
  type Allocation,
  type SegmentContext,
  type SegmentLoads,
  type StepScratch,
} from './allocate.js';
import { formatBonus, formatMoney, formatPercent, formatScore, formatScores } from './format.js';
import type { RefineRecord } from './refine.js';
import { SEGMENTS, type Book, type SegmentIndex, type SegmentName } from './types.js';

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

export type ReasonCode = 'lowest-score' | 'bonus' | 'tie-arr' | 'tie-name' | 'only-rep' | 'locked' | 'refine-move' | 'refine-swap';

/** lock: an effective lock placed; greedy: a §4 step; move / swap: refinement (SPEC §15). */
export type AuditKind = 'lock' | 'greedy' | 'move' | 'swap';

/** The second account of a swap: it goes the other way. */
export interface SwapPartner {
  readonly accountIndex: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly arr: number;
  readonly from: string;
  readonly to: string;
}

/**
 * One audit step. Every kind names an account and the rep it went to (`winner`); greedy steps carry
 * every candidate's numbers, refinement steps their F change, and a swap its second account.
 */
export interface AuditRecord {
  readonly step: number;
  readonly kind: AuditKind;
  readonly accountIndex: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly arr: number;
  readonly employees: number;
  readonly location: string;
  readonly originalRep: string;
  readonly segment: SegmentName;
  /** Greedy steps: the candidates (reps below their cap) in Reps-sheet order; empty for other kinds. */
  readonly candidates: readonly AuditCandidate[];
  /** The rep the account went to. */
  readonly winner: string;
  /** Move / swap: the rep the account left; null otherwise. */
  readonly from: string | null;
  /** Greedy steps: the winner's score; null otherwise. */
  readonly winnerScore: number | null;
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
  /** Move / swap: ΔF of the step (F of SPEC §15); null otherwise. */
  readonly deltaF: number | null;
  /** Swap: the second account; null otherwise. */
  readonly partner: SwapPartner | null;
}

/** Number of audit steps: locks and greedy choices, then refinement moves and swaps. */
export function auditStepCount(allocation: Allocation): number {
  return allocation.steps.length + refinementRecords(allocation).length;
}

/** Refinement records after the greedy log, Enterprise's first, with their segment. */
function refinementRecords(allocation: Allocation): { segment: SegmentIndex; record: RefineRecord }[] {
  const out: { segment: SegmentIndex; record: RefineRecord }[] = [];
  allocation.refinement.forEach((r, s) => r?.records.forEach((record) => out.push({ segment: s as SegmentIndex, record })));
  return out;
}

/**
 * Audit records for steps [from, to) (1-based step numbers, `to` exclusive).
 * Earlier steps are replayed as plain load updates, so one record costs O(step); to read many blocks in
 * order, keep one AuditReplay instead.
 */
export function auditRecords(book: Book, allocation: Allocation, from = 1, to = auditStepCount(allocation) + 1): AuditRecord[] {
  return new AuditReplay(book, allocation).records(from, to);
}

/**
 * Audit records read block after block (the Audit Log at 1M steps): the replayed loads are kept between
 * calls, so blocks in step order cost O(block) each instead of O(step). A block before the last one read
 * starts the replay over.
 */
export class AuditReplay {
  private loads!: readonly [SegmentLoads, SegmentLoads];
  private scratch!: readonly [StepScratch, StepScratch];
  /** The next greedy step (1-based) whose rep is not yet in `loads`. */
  private next = 1;
  /** Refinement records in audit order, gathered once (every block after the greedy steps reads them). */
  private readonly refined: readonly { segment: SegmentIndex; record: RefineRecord }[];

  constructor(
    private readonly book: Book,
    readonly allocation: Allocation,
  ) {
    this.refined = refinementRecords(allocation);
    this.restart();
  }

  /** Back to the start books (rebalance mode: the kept owners), before step 1. */
  private restart(): void {
    const { book, allocation } = this;
    const { contexts, settings } = allocation;
    const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
    for (const ctx of contexts) {
      const kept = allocation.kept[ctx.segment];
      if (kept) kept.forEach((rep, j) => rep >= 0 && addToLoads(book, settings, loads[ctx.segment], rep, ctx.accounts[j]!));
    }
    this.loads = loads;
    this.scratch = [stepScratch(contexts[0].reps.length), stepScratch(contexts[1].reps.length)] as const;
    this.next = 1;
  }

  /** Records for steps [from, to) (1-based, `to` exclusive). */
  records(from = 1, to = auditStepCount(this.allocation) + 1): AuditRecord[] {
    const { book, allocation } = this;
    const { steps, stepKinds, stepReps, contexts, settings } = allocation;
    const out: AuditRecord[] = [];
    const greedyEnd = Math.min(to, steps.length + 1);
    if (from < greedyEnd) {
      if (from < this.next) this.restart();
      // Replay with each step's own rep, not the final assignment.
      const { loads, scratch } = this;
      for (let s = this.next; s < greedyEnd; s++) {
        const a = steps[s - 1]!;
        const seg = allocation.segment[a]! as SegmentIndex;
        const ctx = contexts[seg];
        if (s >= from) {
          out.push(stepKinds[s - 1] === STEP_LOCK
            ? lockRecord(book, ctx, s, a, stepReps[s - 1]!)
            : record(book, allocation, ctx, loads[seg], scratch[seg], s, a));
        }
        addToLoads(book, settings, loads[seg], stepReps[s - 1]!, a);
        this.next = s + 1;
      }
    }
    const { refined } = this;
    for (let s = Math.max(from, steps.length + 1); s < Math.min(to, steps.length + refined.length + 1); s++) {
      const { segment, record: r } = refined[s - steps.length - 1]!;
      out.push(refineRecord(book, allocation, contexts[segment], s, r));
    }
    return out;
  }
}

/** The account a step (1-based) is about: the greedy or lock step's account, a move's, a swap's first; -1 outside. */
export function auditStepAccount(allocation: Allocation, step: number): number {
  if (step >= 1 && step <= allocation.steps.length) return allocation.steps[step - 1]!;
  const refined = refinementRecords(allocation)[step - allocation.steps.length - 1];
  return refined ? allocation.contexts[refined.segment].accounts[refined.record.first]! : -1;
}

/** One step's record (1-based). */
export function auditRecord(book: Book, allocation: Allocation, step: number): AuditRecord | null {
  if (step < 1 || step > auditStepCount(allocation)) return null;
  return auditRecords(book, allocation, step, step + 1)[0] ?? null;
}

/**
 * Steps (1-based) whose account ID or name (either account of a swap) contains the text, case-insensitive,
 * each with the account that matched (a swap found through its second account names that one).
 */
export function findAuditSteps(book: Book, allocation: Allocation, text: string, limit = 50): { step: number; account: number }[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [];
  const found: { step: number; account: number }[] = [];
  const { id, name } = book.accounts;
  const hit = (a: number) => id[a]!.toLowerCase().includes(needle) || name[a]!.toLowerCase().includes(needle);
  for (let s = 0; s < allocation.steps.length && found.length < limit; s++) if (hit(allocation.steps[s]!)) found.push({ step: s + 1, account: allocation.steps[s]! });
  const refined = refinementRecords(allocation);
  for (let i = 0; i < refined.length && found.length < limit; i++) {
    const { segment, record: r } = refined[i]!;
    const accounts = allocation.contexts[segment].accounts;
    const step = allocation.steps.length + i + 1;
    if (hit(accounts[r.first]!)) found.push({ step, account: accounts[r.first]! });
    else if (r.second >= 0 && hit(accounts[r.second]!)) found.push({ step, account: accounts[r.second]! });
  }
  return found;
}

/** The fields every kind shares: the account and where it went. */
function accountFields(book: Book, a: number) {
  const acc = book.accounts;
  return {
    accountIndex: a,
    accountId: acc.id[a]!,
    accountName: acc.name[a]!,
    arr: acc.arr[a]!,
    employees: acc.employees[a]!,
    location: acc.location[a]!,
    originalRep: acc.originalRep[a]!,
  };
}

const noScores = {
  candidates: [], winnerScore: null, runnerUp: null, runnerUpScore: null, marginPct: null, geoMatch: false, preserved: false, gapPct: null,
} as const;

/** An effective lock placed before the greedy (SPEC §15). */
function lockRecord(book: Book, ctx: SegmentContext, step: number, a: number, rep: number): AuditRecord {
  const winner = book.reps[ctx.reps[rep]!]!.name;
  const byLockedRep = book.accounts.lockedRepIndex[a]! >= 0;
  return {
    step, kind: 'lock', ...accountFields(book, a), segment: SEGMENTS[ctx.segment]!, winner, from: null, ...noScores,
    preserved: book.accounts.originalRepIndex[a] === ctx.reps[rep],
    reasonCode: 'locked',
    reason: byLockedRep ? `${book.accounts.id[a]} → ${winner}: locked to ${winner} by Locked_Rep.` : `${book.accounts.id[a]} → ${winner}: locked to current owner.`,
    deltaF: null, partner: null,
  };
}

/** A refinement move or swap (SPEC §15): "Refine: A-17 moves Ann → Ben, ARR share 1.12 → 1.03 / 0.91 → 0.99, F −0.012". */
function refineRecord(book: Book, allocation: Allocation, ctx: SegmentContext, step: number, r: RefineRecord): AuditRecord {
  const name = (local: number) => book.reps[ctx.reps[local]!]!.name;
  const from = name(r.from), to = name(r.to);
  const a = ctx.accounts[r.first]!;
  const id = book.accounts.id;
  const shares = `${DRIVER_WORD[r.shareDriver]} share ${r.fromShare.map(shareText).join(' → ')} / ${r.toShare.map(shareText).join(' → ')}`;
  const budget = r.budgetCount === null ? '' : `, budget used ${r.budgetCount} of ${allocation.refinement[ctx.segment]!.budget}`;
  const delta = `F ${deltaText(r.deltaF)}`;
  let partner: SwapPartner | null = null;
  let reason = `Refine: ${id[a]} moves ${from} → ${to}, ${shares}, ${delta}${budget}.`;
  if (r.kind === 'swap') {
    const c = ctx.accounts[r.second]!;
    partner = { accountIndex: c, accountId: id[c]!, accountName: book.accounts.name[c]!, arr: book.accounts.arr[c]!, from: to, to: from };
    reason = `Refine: ${id[a]} (${from} → ${to}) swaps with ${id[c]} (${to} → ${from}), ${shares}, ${delta}${budget}.`;
  }
  return {
    step, kind: r.kind, ...accountFields(book, a), segment: SEGMENTS[ctx.segment]!, winner: to, from, ...noScores,
    preserved: book.accounts.originalRepIndex[a] === ctx.reps[r.to],
    reasonCode: r.kind === 'swap' ? 'refine-swap' : 'refine-move',
    reason, deltaF: r.deltaF, partner,
  };
}

const DRIVER_WORD = { arr: 'ARR', accounts: 'accounts', risk: 'high-risk ARR' } as const;
const shareText = (x: number) => x.toFixed(2);
/** A change in F with a real minus sign: three decimals, or two significant digits when smaller. */
function deltaText(x: number): string {
  const text = Math.abs(x) >= 0.001 ? x.toFixed(3) : x.toPrecision(2);
  return text.replace('-', '−');
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
  // Only reps below their cap were candidates (SPEC §15); the rest are not listed.
  const k = ctx.reps.length;
  const acc = book.accounts;
  const accountLocation = acc.locationId[a]!;
  const inTie = (i: number) => scratch.score[i]! - min <= TIE_TOLERANCE * min;
  // Rank: winner, then the rest of the tie set by the tie rule, then everyone else by score.
  const byTieRule = (x: number, y: number) =>
    loads.arr[x]! - loads.arr[y]! || ctx.nameRank[x]! - ctx.nameRank[y]!;
  const others = Array.from({ length: k }, (_, i) => i).filter((i) => i !== w && scratch.eligible[i] === 1);
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
  const position = new Int32Array(k).fill(-1);
  const eligibleReps: number[] = [];
  for (let i = 0; i < k; i++) {
    if (scratch.eligible[i] !== 1) continue;
    position[i] = candidates.length;
    eligibleReps.push(i);
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
  const winner = candidates[position[w]!]!;
  const runner = others.length > 0 ? candidates[position[others[0]!]!]! : null;
  const explained = explain(candidates, winner, runner, others.map((i) => position[i]!), (c) => inTie(eligibleReps[c]!), settings.geoBonus, settings.preserveBonus, SEGMENTS[ctx.segment]!);
  return {
    step,
    kind: 'greedy',
    from: null,
    deltaF: null,
    partner: null,
    ...accountFields(book, a),
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
