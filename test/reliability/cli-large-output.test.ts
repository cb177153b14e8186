/**
 * Regression tests for bug R5 (docs/RELIABILITY.md): `--audit` on large books. The CLI's streamed
 * JSON writer (src/cli/json-stream.ts) must write exactly what `JSON.stringify(value, null, 2)`
 * writes — it exists because that single string overflows V8's maximum string length from about
 * 20,000 accounts × 200 reps — and audits beyond the heap are refused up front (audit-budget.ts).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTES_PER_CANDIDATE_ROW, auditCandidateRows, auditTooBig } from '../../src/cli/audit-budget.js';
import { jsonPieces, writeJsonFile } from '../../src/cli/json-stream.js';
import { bookThresholdSlider, buildReport, defaultSettings, evaluate, sensitivity } from '../../src/engine/index.js';
import { generatedBook } from '../helpers/books.js';

const dir = mkdtempSync(join(tmpdir(), 'ts-json-'));

// JSON-bound values plus what JSON.stringify silently drops or rewrites: undefined, NaN, ±Infinity, -0, dates, typed arrays.
const awkward = fc.constantFrom<unknown>(undefined, NaN, Infinity, -Infinity, -0, new Date(Date.UTC(2026, 0, 1)), Float64Array.of(1, 2.5), () => 1, '\n', '\u2028', 'a"b\\c');
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), awkward, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 5 }),
})).node;

describe('streamed JSON writer', () => {
  it('produces exactly JSON.stringify(value, null, 2) for arbitrary values', () => {
    fc.assert(
      fc.property(value, (v) => {
        if (JSON.stringify(v) === undefined) return; // a bare undefined / function: never a report
        expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 3000, seed: 9501 },
    );
  });

  it('is exact across chunk boundaries of long arrays (top level and as members)', () => {
    const long = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? undefined : i % 3 ? { x: i, y: [i, 'a\nb', null], z: {} } : [i, []]));
    for (const v of [long(700), { a: long(256), b: long(257), c: [], d: {}, e: long(1) }, { only: long(513) }]) {
      expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2));
    }
  });

  it('writes a full report (audit, sensitivity) to a file byte for byte as before', async () => {
    const book = generatedBook(300, 9, 5);
    const settings = defaultSettings(book);
    const report = buildReport(book, evaluate(book, settings), [], { audit: true, sensitivity: sensitivity(book, settings, bookThresholdSlider(book)) });
    const path = join(dir, 'report.json');
    await writeJsonFile(path, report);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('reports a path it cannot open as an error instead of hanging', async () => {
    await expect(writeJsonFile(join(dir, 'no-such-dir', 'x.json'), { a: 1 })).rejects.toThrow(/ENOENT/);
  });

  it.runIf(existsSync('/dev/full'))('reports a full disk as an error, not an uncaught exception', async () => {
    await expect(writeJsonFile('/dev/full', { a: 'x'.repeat(3 << 20) })).rejects.toThrow(/ENOSPC/);
  });
});

describe('--audit budget', () => {
  it('counts accounts × reps per segment, and refuses only audits beyond 80 % of the heap', () => {
    const book = generatedBook(2000, 24, 3);
    const ev = evaluate(book, defaultSettings(book));
    const [e, m] = ev.segments;
    const rows = e.accounts * e.reps.length + m.accounts * m.reps.length;
    expect(auditCandidateRows(ev)).toBe(rows);
    expect(auditTooBig(ev, 4 * 2 ** 30)).toBeNull();
    expect(auditTooBig(ev, (rows * BYTES_PER_CANDIDATE_ROW) / 0.8 + 1)).toBeNull();
    const message = auditTooBig(ev, (rows * BYTES_PER_CANDIDATE_ROW) / 0.8 - 1);
    expect(message).toMatch(/^--audit would list \d+\.\d million candidate rows .* leave out --audit/);
    // 1,048,575 accounts × 200 reps (the generator's split) on a 4 GB heap: refused before any work.
    const huge = { segments: [{ accounts: 283_523, reps: new Int32Array(67) }, { accounts: 765_052, reps: new Int32Array(133) }] } as unknown as typeof ev;
    expect(auditTooBig(huge, 4 * 2 ** 30)).toContain('120.7 million candidate rows');
  });
});
