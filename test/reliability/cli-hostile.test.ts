/**
 * The command line on hostile files (SPEC §12, §13): every run ends in exit 0, 2 (input errors,
 * listed) or 1 (a file problem, one clear line) — never a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, readBook, type SheetInput } from '../../src/engine/index.js';
import { cellAsCsvText, hostileBook, writeCsv } from './hostile.js';

const BIN = join(import.meta.dirname, '../../bin/territory-slicer.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ts-reliability-'));

interface Run { code: number | null; stdout: string; stderr: string }

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const csvOf = (s: SheetInput) => writeCsv(s.rows.map((r) => Array.from(r, cellAsCsvText)));

/** No stack frames, no "unexpected problem": the user sees only messages meant for them. */
function expectClean(r: Run) {
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected problem|TypeError|RangeError/);
  expect([0, 1, 2]).toContain(r.code);
}

// Three invalid and three valid books drawn from the same hostile generator as the fuzz tests.
const drawn = fc.sample(hostileBook, { numRuns: 300, seed: 9001 }).map(({ reps, accounts }, i) => {
  const repsText = csvOf(reps.sheet), accountsText = csvOf(accounts.sheet);
  const read = readBook({ name: 'Reps', rows: parseCsv(repsText), firstRow: 1 }, { name: 'Accounts', rows: parseCsv(accountsText), firstRow: 1 });
  return { i, repsText, accountsText, read };
});
const invalid = drawn.filter((d) => !d.read.ok).slice(0, 3);
const valid = drawn.filter((d) => d.read.ok && d.read.book.accounts.count >= 3).slice(0, 3);

describe('territory-slicer report on hostile files', () => {
  it('lists every input error of hostile books (exit 2) and reports valid hostile books (exit 0)', async () => {
    expect(invalid).toHaveLength(3);
    expect(valid).toHaveLength(3);
    const runs = await Promise.all([...invalid, ...valid].map(async (d) => {
      const json = join(dir, `book-${d.i}.json`), csv = join(dir, `book-${d.i}.csv`);
      const reps = file(`reps-${d.i}.csv`, d.repsText), accounts = file(`accounts-${d.i}.csv`, d.accountsText);
      const r = await cli('report', '--reps', reps, '--accounts', accounts, '--json', json, '--csv', csv);
      return { d, r, json, csv, reps, accounts };
    }));
    for (const { d, r, json, csv, reps, accounts } of runs) {
      expectClean(r);
      const report = JSON.parse(readFileSync(json, 'utf8'));
      if (!d.read.ok) {
        expect(r.code).toBe(2);
        expect(report.errors).toHaveLength(d.read.errors.length);
        expect(report.assignments).toEqual([]);
        // One stderr line per error, each naming the CSV file and the row, then the count.
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines.at(-1)).toBe(`${d.read.errors.length} ${d.read.errors.length === 1 ? "error" : "errors"}: fix them in the CSV files and run again.`);
        expect(lines.filter((l) => l.startsWith(`${reps} row `) || l.startsWith(`${accounts} row `)).length).toBeGreaterThanOrEqual(d.read.errors.length);
        expect(r.stderr).not.toMatch(/\bsheet\b|workbook/);
      } else {
        expect(r.code).toBe(0);
        expect(report.assignments).toHaveLength(d.read.book.accounts.count);
        expect(readFileSync(csv, 'utf8').startsWith('\uFEFF')).toBe(true);
      }
    }
  });

  it('turns garbage, empty, missing and unreadable files into one clear line', async () => {
    const good = file('good-reps.csv', 'Rep_Name,Segment,Location\r\nAnn,E,CA\r\n');
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256; // invalid UTF-8, NUL bytes, lone CRs
    const garbage = file('garbage.csv', bytes);
    const empty = file('empty.csv', '');
    const bomOnly = file('bom.csv', '\uFEFF');
    const quote = file('quote.csv', '"Account_ID,Account_Name\r\nno closing quote');
    const folder = join(dir, 'a-folder.csv');
    mkdirSync(folder, { recursive: true });
    const [g, e, b, q, missing, isDir] = await Promise.all([
      cli('report', '--reps', good, '--accounts', garbage, '--json', '-'),
      cli('report', '--reps', empty, '--accounts', empty),
      cli('report', '--reps', bomOnly, '--accounts', bomOnly),
      cli('report', '--reps', good, '--accounts', quote),
      cli('report', '--reps', good, '--accounts', join(dir, 'nope.csv')),
      cli('report', '--reps', good, '--accounts', folder),
    ]);
    for (const r of [g, e, b, q, missing, isDir]) expectClean(r);
    expect(g.code).toBe(2);
    expect(JSON.parse(g.stdout).errors.length).toBeGreaterThan(0);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('Add a column named Rep_Name');
    expect(b.code).toBe(2);
    expect(q.code).toBe(2);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^territory-slicer: cannot find the file .*nope\.csv\n$/);
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toMatch(/^territory-slicer: cannot read .*a-folder\.csv \(EISDIR\)\n$/);
  });
});
