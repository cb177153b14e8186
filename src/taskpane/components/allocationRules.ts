/**
 * Pure rules of the allocation-v2 controls (SPEC §10.1, §15): the cap boxes (blank = no cap), the move
 * budget in words, the setup's count of locks and caps, the budget used across segments and the best
 * achievable CV% as the fairness cards show it.
 */
import { countOf } from '../../engine/index.js';
import type { SegmentView } from '../../worker/protocol.js';
import { formatCount } from '../format.js';

/** What a cap box's text means: a cap, no cap (blank), or nothing usable. */
export type CapEntry = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

/** A cap as typed: blank = no cap; a whole number ≥ 0, separators allowed ("1,000"); anything else is not usable. */
export function parseCap(text: string): CapEntry {
  const plain = text.trim();
  if (plain === '') return { ok: true, value: null };
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(plain)) return { ok: false };
  const value = Number(plain.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false };
}

/** A cap as the box shows it: "1,000", or blank for no cap. */
export function formatCap(value: number | null): string {
  return value === null ? '' : formatCount(value);
}

/** What a screen reader says for a cap box's value. */
export function capValueText(value: number | null): string {
  return value === null ? 'no cap' : countOf(value, 'account');
}

/**
 * The cap one arrow press away. From no cap either arrow goes to `evenShare` (the most accounts a rep
 * carries when the segment is split evenly, ⌈n / k⌉): the smallest cap that still places every account,
 * where a cap starts to matter. Down from 0 stays at 0; Page Up / Down move by 10.
 */
export function stepCap(value: number | null, direction: 1 | -1, big: boolean, evenShare: number | null): number | null {
  if (value === null) return evenShare ?? 0;
  return Math.max(0, value + direction * (big ? 10 : 1));
}

/** The most accounts a rep of this segment carries when its accounts are split evenly; null without reps. */
export function evenShare(segment: Pick<SegmentView, 'accounts' | 'repCount'>): number | null {
  return segment.repCount > 0 ? Math.ceil(segment.accounts / segment.repCount) : null;
}

/** The move budget slider's value in words: "10 %". */
export function budgetValueText(percent: number): string {
  return `${percent} %`;
}

/** The setup summary of locks and caps on the sheets: "12 locked accounts, 2 reps with a cap". */
export function constraintsSummary(lockedAccounts: number, cappedReps: number): string {
  const locks = lockedAccounts === 0 ? 'No locked accounts' : countOf(lockedAccounts, 'locked account');
  const caps = cappedReps === 0 ? 'no reps with a cap' : `${countOf(cappedReps, 'rep')} with a cap`;
  return `${locks}, ${caps}`;
}

/**
 * Rebalance mode's budget over both segments (SPEC §15.1: accounts away from their start rep, and the
 * most allowed, M = ⌊PCT · n_S / 100⌋ per segment, summed); null in fresh mode.
 */
export function budgetTotals(segments: readonly Pick<SegmentView, 'refinement'>[]): { used: number; total: number } | null {
  let used = 0, total = 0, any = false;
  for (const seg of segments) {
    const r = seg.refinement;
    if (!r || r.budget === null) continue;
    any = true;
    used += r.budgetUsed ?? 0;
    total += r.budget;
  }
  return any ? { used, total } : null;
}

/**
 * What the budget allows per segment, in words: "Up to 4 Enterprise and 36 Mid-Market accounts may move away
 * from their current rep." (New and orphaned accounts start with the greedy's pick; the info button says so.)
 */
export function budgetAllowance(segments: readonly Pick<SegmentView, 'name' | 'refinement'>[]): string | null {
  const parts = segments.filter((s) => s.refinement?.budget !== null && s.refinement?.budget !== undefined).map((s) => `${formatCount(s.refinement!.budget!)} ${s.name}`);
  if (parts.length === 0) return null;
  return `Up to ${parts.join(' and ')} accounts may move away from their current rep.`;
}
