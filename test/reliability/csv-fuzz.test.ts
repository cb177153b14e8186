/**
 * The CSV reader on arbitrary text and the export's formula guard under fuzzing (SPEC §9, §13).
 * test/engine/csv.test.ts pins the examples; these properties cover what examples cannot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText, evaluate, exportCsv, parseCsv, readBook, type Cell } from '../../src/engine/index.js';
import { checkCsvExport } from './checks.js';
import { CaseCounter } from './coverage.js';
import { anyText, csvChar, csvField, settingsDraw, settingsFromDraw, writeCsv } from './hostile.js';

const FORMULA_START = /^[=+\-\u2212@\t\r]/;
const formulaChar = fc.constantFrom('=', '+', '-', '\u2212', '@', '\t', '\r');

describe('parseCsv on arbitrary text', () => {
  it('never throws and always returns rows of strings', () => {
    const text = fc.oneof(
      fc.string({ unit: csvChar, maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      anyText,
      // CSV's own structure, dense: quotes, separators and line breaks in every order.
      fc.string({ unit: fc.constantFrom('"', '"', ',', '\r', '\n', 'x', ' '), maxLength: 40 }),
    );
    const runs = 3000;
    const cases = new CaseCounter<'with a quote' | 'several fields in a row' | 'several records'>(runs);
    fc.assert(
      fc.property(text, (t) => {
        const rows = parseCsv(t);
        expect(Array.isArray(rows)).toBe(true);
        for (const row of rows) for (const f of row) expect(typeof f).toBe('string');
        cases.hit('with a quote', t.includes('"'));
        cases.hit('several fields in a row', rows.some((r) => r.length > 1));
        cases.hit('several records', rows.length > 1);
      }),
      { numRuns: runs, seed: 7001 },
    );
    cases.expectAtLeast('with a quote', 0.15);
    cases.expectAtLeast('several fields in a row', 0.1);
    cases.expectAtLeast('several records', 0.1);
  });

  it('is a fixed point after one pass: parse(write(parse(t))) = parse(t)', () => {
    const runs = 3000;
    // Interesting: texts the writer does not give back as they were (quotes, line ends, blank lines).
    const cases = new CaseCounter<'rewritten by the writer'>(runs);
    fc.assert(
      fc.property(fc.string({ unit: csvChar, maxLength: 60 }), (t) => {
        const once = parseCsv(t);
        const written = writeCsv(once);
        expect(parseCsv(written)).toEqual(once);
        cases.hit('rewritten by the writer', written !== t);
      }),
      { numRuns: runs, seed: 7002 },
    );
    cases.expectAtLeast('rewritten by the writer', 0.5);
  });

  it('round-trips arbitrary rows of strings: parse(write(rows)) = rows', () => {
    const runs = 2000;
    const cases = new CaseCounter<'a field that needs quotes'>(runs);
    fc.assert(
      fc.property(fc.array(fc.array(csvField, { maxLength: 6 }), { maxLength: 8 }), (rows) => {
        expect(parseCsv(writeCsv(rows))).toEqual(rows);
        // With a BOM in front, as Excel and our own export write it.
        expect(parseCsv(`\uFEFF${writeCsv(rows)}`)).toEqual(rows);
        cases.hit('a field that needs quotes', rows.some((r) => r.some((f) => /[",\r\n]/.test(f))));
      }),
      { numRuns: runs, seed: 7003 },
    );
    cases.expectAtLeast('a field that needs quotes', 0.3);
  });

  it('counts records as the file does: one per line break outside quotes', () => {
    const runs = 1000;
    // Interesting: a line break inside a quoted field, where counting lines would be wrong.
    const cases = new CaseCounter<'a line break inside a field'>(runs);
    fc.assert(
      fc.property(fc.array(fc.array(csvField, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('\r\n', '\n', '\r'), (rows, eol) => {
        const text = writeCsv(rows).replace(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, eol);
        expect(parseCsv(text)).toHaveLength(rows.length);
        cases.hit('a line break inside a field', rows.some((r) => r.some((f) => /[\r\n]/.test(f))));
      }),
      { numRuns: runs, seed: 7004 },
    );
    cases.expectAtLeast('a line break inside a field', 0.3);
  });

  it('parses a 5 MB field and a 100,000-line file without trouble', () => {
    const big = 'x'.repeat(5_000_000);
    expect(parseCsv(`"${big}"`)[0]![0]!.length).toBe(5_000_000);
    const lines = Array.from({ length: 100_000 }, (_, i) => `${i},"a,b",c`).join('\n');
    const rows = parseCsv(lines);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toEqual(['99999', 'a,b', 'c']);
  });
});

describe('formula guard (fuzz)', () => {
  it('csvText prefixes exactly the text that starts with = + - − @ tab CR, and the field reads back literally', () => {
    const text = fc.oneof(anyText, fc.tuple(formulaChar, fc.string({ unit: csvChar, maxLength: 10 })).map(([c, s]) => c + s));
    const runs = 3000;
    const cases = new CaseCounter<'guarded' | 'left as it was'>(runs);
    fc.assert(
      fc.property(text, (s) => {
        // After a first field, so that an empty text is not read as a blank line.
        const field = parseCsv(`x,${csvText(s)}\r\n`)[0]![1];
        expect(field).toBe(FORMULA_START.test(s) ? `'${s}` : s);
        expect(FORMULA_START.test(field!)).toBe(false);
        cases.hit(FORMULA_START.test(s) ? 'guarded' : 'left as it was');
      }),
      { numRuns: runs, seed: 7101 },
    );
    cases.expectAtLeast('guarded', 0.3);
    cases.expectAtLeast('left as it was', 0.3);
  });

  it('no text cell of an exported book reaches a spreadsheet as a formula', () => {
    // Every text cell — IDs, names, reps, locations, extra columns, headers — starts with a formula character.
    const evil = fc.tuple(formulaChar, fc.oneof(fc.constantFrom('HYPERLINK("http://x")', '1+1', 'cmd|\' /C calc\'!A0', '', 'SUM(A1)'), fc.string({ unit: csvChar, maxLength: 6 }))).map(([c, s]) => c + s);
    const bookArb = fc.record({
      reps: fc.uniqueArray(fc.tuple(evil, fc.constantFrom('E', 'MM'), evil), { minLength: 1, maxLength: 5, selector: (r) => r[0].trim().toLowerCase() }),
      accounts: fc.uniqueArray(fc.tuple(evil, evil, fc.nat(9), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 5000 }), evil, evil), { minLength: 1, maxLength: 15, selector: (a) => a[0].trim() }),
      extraHeader: evil,
    });
    const runs = 400;
    // Only readable books reach the export check; an ID or name that trims to nothing is an error.
    const cases = new CaseCounter<'exported and checked' | 'rejected (blank after trim)'>(runs);
    fc.assert(
      fc.property(bookArb, settingsDraw, ({ reps, accounts, extraHeader }, draw) => {
        const repRows: Cell[][] = [['Rep_Name', 'Segment', 'Location'], ...reps];
        const accountRows: Cell[][] = [
          ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', extraHeader],
          ...accounts.map(([id, name, owner, arr, emp, loc, extra]) => [id, name, reps[owner % reps.length]![0], arr, emp, loc, extra]),
        ];
        const result = readBook({ name: 'Reps', rows: repRows, firstRow: 1 }, { name: 'Accounts', rows: accountRows, firstRow: 1 });
        // A formula-like ID or name that trims to nothing is a legitimate error; everything else must read.
        if (!result.ok) {
          expect(result.errors.every((e) => e.code === 'blank-required')).toBe(true);
          cases.hit('rejected (blank after trim)');
          return;
        }
        const { book } = result;
        const ev = evaluate(book, settingsFromDraw(book, draw));
        const csv = exportCsv(book, ev.allocation);
        const names = Array.from(ev.allocation.assigned, (r) => (r < 0 ? null : book.reps[r]!.name));
        const segments = Array.from(ev.allocation.segment, (s) => (s === 0 ? 'Enterprise' : 'Mid-Market'));
        expect(checkCsvExport(book, csv, names, segments)).toEqual([]);
        for (const row of parseCsv(csv)) for (const f of row) if (!/^\d+$/.test(f)) expect(FORMULA_START.test(f)).toBe(false);
        cases.hit('exported and checked');
      }),
      { numRuns: runs, seed: 7102 },
    );
    cases.expectAtLeast('exported and checked', 0.25);
  });
});
