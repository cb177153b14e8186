/**
 * Plain-words checks the pane shows next to the threshold and above an Optimize result (SPEC §10.1):
 * segments that leave reps idle or accounts unassigned, and recommendations that put nearly all the
 * weight on one driver. The user still decides; these only say what the numbers hide.
 */
import type { Evaluation } from './evaluate.js';
import { countOf } from './format.js';
import type { DriverName, Weights } from './types.js';

export interface ThresholdGuard {
  readonly segment: 'Enterprise' | 'Mid-Market';
  /** idle-reps: fewer accounts than reps; no-reps: accounts but no reps. */
  readonly kind: 'idle-reps' | 'no-reps';
  readonly message: string;
}

const threshold = (t: number) => t.toLocaleString('en-US');

/** "3 of 4 Enterprise reps get no accounts at 102,000"; "12 Mid-Market accounts have no rep at 5". */
export function thresholdGuards(evaluation: Evaluation): ThresholdGuard[] {
  const out: ThresholdGuard[] = [];
  const at = threshold(evaluation.settings.threshold);
  for (const seg of evaluation.segments) {
    const k = seg.reps.length;
    if (k > 0 && seg.accounts < k) {
      const idle = k - seg.accounts;
      out.push({ segment: seg.name, kind: 'idle-reps', message: `${idle} of ${countOf(k, `${seg.name} rep`)} get no accounts at ${at}: the segment has ${countOf(seg.accounts, 'account')}.` });
    } else if (k === 0 && seg.accounts > 0) {
      out.push({ segment: seg.name, kind: 'no-reps', message: `${countOf(seg.accounts, `${seg.name} account`)} ${seg.accounts === 1 ? 'has' : 'have'} no rep at ${at}: the Reps sheet has no ${seg.name} reps.` });
    }
  }
  return out;
}

const DRIVER_WORDS: Readonly<Record<DriverName, string>> = { arr: 'ARR', accounts: 'Accounts', risk: 'Risk' };

/** "puts 100 % on Risk: ARR and account balance are ignored" when one driver gets ≥ 90 %; null otherwise. */
export function dominantDriverNote(weights: Weights): string | null {
  const drivers: DriverName[] = ['arr', 'accounts', 'risk'];
  const top = drivers.find((d) => weights[d] >= 90);
  if (!top) return null;
  const others = drivers.filter((d) => d !== top && weights[d] < 10);
  const words = { arr: 'ARR', accounts: 'account', risk: 'risk' } as const;
  const ignored = others.map((d) => words[d]);
  const list = ignored.length === 2 ? `${capitalise(ignored[0]!)} and ${ignored[1]} balance are` : `${capitalise(ignored[0]!)} balance is`;
  const qualifier = weights[top] === 100 ? 'ignored' : 'nearly ignored';
  return `puts ${weights[top]} % on ${DRIVER_WORDS[top]}: ${list} ${qualifier}.`;
}

const capitalise = (s: string) => (s === 'ARR' ? s : s.charAt(0).toUpperCase() + s.slice(1));
