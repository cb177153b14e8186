/**
 * The pure rules behind the second pass (SPEC §10.1): the sensitivity chart's log axis, rep names
 * shortened without ambiguity, an audit step's answer, and the assignments table's search and sort.
 */
import { describe, expect, it } from 'vitest';
import { auditRecords, defaultSettings, evaluate, readBook, type AuditRecord } from '../../src/engine/index.js';
import { searchAndSort } from '../../src/taskpane/components/AssignmentsTable.js';
import { auditAnswer, decidingNumbers, formatDeltaF } from '../../src/taskpane/components/auditAnswer.js';
import { uniqueShortNames } from '../../src/taskpane/components/shortNames.js';
import { compactCount, thresholdAxis } from '../../src/taskpane/components/thresholdAxis.js';
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import type { AssignmentRow } from '../../src/worker/protocol.js';

describe('sensitivity x axis', () => {
  it('is logarithmic on the log scale, with 0 at the origin and decade ticks', () => {
    const axis = thresholdAxis('log', [0, 10, 100, 1000, 150_000]);
    expect(axis.toX(1000)).toBeCloseTo(3);
    expect(axis.toX(0)).toBeLessThan(axis.toX(10));
    expect(axis.ticks![0]).toBe(axis.toX(0));
    expect(axis.tickText).toEqual(['0', '10', '100', '1k', '10k', '100k']);
    expect(axis.title).toBe('Threshold (employees, log scale)');
    // In order, typed values between 0 and the first position included.
    const xs = [0, 0.5, 10, 11, 1234, 150_000].map(axis.toX);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('is the threshold itself on the linear scale', () => {
    const axis = thresholdAxis('linear', [100, 200, 300]);
    expect(axis.toX(250)).toBe(250);
    expect(axis.ticks).toBeNull();
    expect(axis.title).toBe('Threshold (employees)');
    expect(compactCount(10_000_000)).toBe('10M');
    expect(compactCount(1250)).toBe('1.25k');
  });
});

describe('short rep names', () => {
  const fitsChars = (n: number) => (text: string) => text.length <= n;
  it('keep names that fit, and never let two names read alike', () => {
    const names = ['Skyler Johnson', 'Skyler Jones', 'Skyler Martinez', 'Ann Lee', 'Kendall Yamamoto'];
    for (const width of [30, 14, 10, 8, 6]) {
      const short = uniqueShortNames(names, fitsChars(width));
      const shown = names.map((n) => short.get(n)!);
      expect(new Set(shown).size, `width ${width}: ${shown.join(' | ')}`).toBe(names.length);
      if (width >= 16) expect(shown).toEqual(names);
    }
    const at10 = uniqueShortNames(names, fitsChars(10));
    expect(at10.get('Ann Lee')).toBe('Ann Lee');
    expect(at10.get('Skyler Martinez')).toBe('Skyler M.');
    // "Skyler J." would be two people: both move on to a form that tells them apart.
    expect(at10.get('Skyler Johnson')).not.toBe(at10.get('Skyler Jones'));
  });
});

describe('audit answers', () => {
  const sheets = syntheticSheets({ accounts: 120, reps: 6, seed: 5 });
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) throw new Error('fixture');
  const { allocation } = evaluate(read.book, defaultSettings(read.book));
  const records: AuditRecord[] = auditRecords(read.book, allocation);

  it('open with the account and the rep it went to, then a short reason of its kind', () => {
    // Greedy steps and refinement steps (refinement is on by default).
    expect(records.some((r) => r.kind === 'greedy') && records.some((r) => r.kind === 'move' || r.kind === 'swap')).toBe(true);
    for (const r of records) {
      expect(auditAnswer(r).startsWith(`${r.accountId} → ${r.winner}`)).toBe(true);
      if (r.kind === 'greedy') {
        expect(auditAnswer(r)).toMatch(/: (lowest blended increase|the only .* rep|tied score|.*bonus overcame)/);
        expect(decidingNumbers(r)).toMatch(/^Score /);
      }
      if (r.kind === 'move') expect(auditAnswer(r)).toBe(`${r.accountId} → ${r.winner}: moved from ${r.from} by refinement`);
      if (r.kind === 'swap') expect(auditAnswer(r)).toBe(`${r.accountId} → ${r.winner}, ${r.partner!.accountId} → ${r.from}: swapped by refinement`);
    }
    const runnerUp = records.find((r) => r.kind === 'greedy' && r.reasonCode === 'lowest-score')!;
    expect(decidingNumbers(runnerUp)).toContain(`for ${runnerUp.runnerUp}, `);
    expect(formatDeltaF(-0.0123)).toBe('−0.012');
    expect(formatDeltaF(-2.1e-8)).toBe('−2.1e-8');
  });
});

describe('assignments search and sort', () => {
  const row = (index: number, id: string, name: string, arr: number, to: string): AssignmentRow => ({
    index, accountId: id, accountName: name, arr, employees: 10, segment: 'Mid-Market', originalRep: 'Ann', assignedRep: to, moved: to !== 'Ann',
  });
  const rows = [row(0, 'A-10', 'Acme Labs', 500, 'Ben'), row(1, 'A-2', 'Globex', 900, 'Ann'), row(2, 'A-3', 'acme foods', 500, 'Cy')];
  it('finds ID or name, case-insensitively, and sorts with ties in sheet order', () => {
    expect(searchAndSort(rows, 'ACME', null).map((r) => r.index)).toEqual([0, 2]);
    expect(searchAndSort(rows, 'a-2', null).map((r) => r.index)).toEqual([1]);
    expect(searchAndSort(rows, '', { key: 'arr', descending: true }).map((r) => r.index)).toEqual([1, 0, 2]);
    // IDs in natural order: A-2 before A-10.
    expect(searchAndSort(rows, '', { key: 'id', descending: false }).map((r) => r.accountId)).toEqual(['A-2', 'A-3', 'A-10']);
    expect(searchAndSort(rows, '', { key: 'to', descending: true }).map((r) => r.assignedRep)).toEqual(['Cy', 'Ben', 'Ann']);
  });
});
