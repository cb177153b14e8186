/**
 * AuditReplay (the Audit Log read block by block): every block equals the same steps of one whole
 * auditRecords call — greedy, lock, move and swap steps, in rebalance mode from the kept books — and a
 * block before the last one read starts the replay over instead of reading stale loads.
 */
import { describe, expect, it } from 'vitest';
import { AuditReplay, auditRecords, auditStepAccount, auditStepCount, evaluate, findAuditSteps } from '../../src/engine/index.js';
import { generatedBook, settingsFor } from '../helpers/books.js';

describe('AuditReplay', () => {
  for (const mode of ['fresh', 'rebalance'] as const) {
    it(`reads ${mode} steps in blocks exactly as one whole read, and goes back when asked`, () => {
      const book = generatedBook(1500, 12, 7);
      const ev = evaluate(book, settingsFor(book, { mode, budget: 20, refine: true }));
      const total = auditStepCount(ev.allocation);
      const whole = auditRecords(book, ev.allocation);
      expect(whole).toHaveLength(total);
      const kinds = new Set(whole.map((r) => r.kind));
      // The book must exercise refinement, or the test would only cover greedy steps.
      expect(kinds.has('greedy')).toBe(true);
      expect(kinds.has('move') || kinds.has('swap')).toBe(true);
      const replay = new AuditReplay(book, ev.allocation);
      const blocks: unknown[] = [];
      for (let from = 1; from <= total; from += 211) blocks.push(...replay.records(from, Math.min(from + 211, total + 1)));
      expect(blocks).toEqual(whole);
      // Back to an early block, then a later one again.
      expect(replay.records(5, 9)).toEqual(whole.slice(4, 8));
      expect(replay.records(900, 905)).toEqual(whole.slice(899, 904));
      // Every step names its account through auditStepAccount, refinement steps included.
      for (const r of whole) expect(auditStepAccount(ev.allocation, r.step)).toBe(r.accountIndex);
      expect(auditStepAccount(ev.allocation, total + 1)).toBe(-1);
      expect(auditStepAccount(ev.allocation, 0)).toBe(-1);
    });
  }

  it('the audit search names the account that matched: a swap found through its second account names that one', () => {
    const book = generatedBook(1500, 12, 7);
    const ev = evaluate(book, settingsFor(book, { refine: true }));
    const swaps = auditRecords(book, ev.allocation).filter((r) => r.kind === 'swap' && r.partner);
    expect(swaps.length).toBeGreaterThan(0);
    for (const r of swaps.slice(0, 20)) {
      const other = r.partner!.accountIndex;
      const hits = findAuditSteps(book, ev.allocation, book.accounts.id[other]!, 10_000).filter((h) => h.step === r.step);
      expect(hits).toEqual([{ step: r.step, account: other }]);
    }
  });
});
