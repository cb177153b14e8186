/**
 * The whole §13 report — assignments, segments, drivers, before, composites, Deal Size Ratio,
 * moved, every audit step with every candidate, sensitivity and Optimize — against an independent
 * reading of the spec (test/helpers/independent-report.mjs, written from SPEC.md alone), on seeded
 * random books: small integer ARRs and few reps (ties and bonus flips), currency text, title rows,
 * aliases, and hard errors of every kind. Numbers must agree to 1e-9 relative. (The independent
 * reading has no amount limits — docs/DECISIONS.md — so the books stay below them.)
 */
import { describe, expect, it } from 'vitest';
import { optimizeWeights, parseCsv } from '../../src/engine/index.js';
import { parseReportArgs } from '../../src/cli/args.js';
import { reportFor } from '../../src/cli/main.js';
import { seededRandom } from '../../src/sample/generate-book.js';
import { buildReport as independentReport } from '../helpers/independent-report.mjs';

type Cell = string | number | null;

const csv = (rows: Cell[][]) =>
  rows.map((row) => row.map((c) => {
    const t = c === null ? '' : String(c);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',')).join('\r\n') + '\r\n';

type Mode = 'mixed' | 'ties' | 'errors';

/** A random book as two CSV texts plus CLI flags. */
function randomBook(seed: number, mode: Mode) {
  const r = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const locations = ['CA', 'ca', 'NY', ' NY ', 'TX', '', 'California'];
  const reps: Cell[][] = [['Rep_Name', 'Segment', 'Location']];
  const used = new Set<string>();
  for (let i = 0, n = 1 + Math.floor(r() * 6); i < n; i++) {
    let name = pick(['Ann', 'ann2', 'Ben', 'bob', 'Cy', 'Dee', 'eve', 'Zed', 'Émile', 'al']);
    while (used.has(name.toLowerCase())) name += 'x';
    used.add(name.toLowerCase());
    reps.push([name, pick(['E', 'MM', 'Enterprise', 'mid market', 'Ent', 'mm']), pick(locations)]);
  }
  const hasRisk = r() < 0.7;
  const header: Cell[] = ['Account_ID', 'Account_Name', r() < 0.3 ? 'Current_Rep' : 'Original_Rep', 'ARR', 'Num_Employees', 'Location'];
  if (hasRisk) header.push('Risk_Score');
  const accounts: Cell[][] = [header];
  for (let i = 0, n = 1 + Math.floor(r() * 30); i < n; i++) {
    const arr = mode === 'ties' ? pick([0, 100, 100, 200, 500, 1000]) : r() < 0.1 ? 0 : Math.round(Math.exp(8 + 3 * r()));
    const original = r() < 0.15 ? '' : r() < 0.15 ? 'Gone Rep' : String(pick(reps.slice(1))[0]);
    const row: Cell[] = [
      pick(['A-', 'a-', 'B', '']) + (r() < 0.5 ? i : 1000 - i), `Acct ${i}`, r() < 0.3 ? original.toUpperCase() : original,
      r() < 0.2 ? `$${arr.toLocaleString('en-US')}` : arr, pick([5, 50, 500, 999, 1000, 1001, 2500, 12000, 40000]), pick(locations),
    ];
    if (hasRisk) row.push(r() < 0.1 ? '' : r() < 0.05 ? 1.3 : Math.round(r() * 100) / 100);
    accounts.push(row);
  }
  if (mode === 'errors') {
    const bad = ['0x10', '50%', '', '  ', '-5', '(1,200)', '$', 'abc', 'Infinity', '1e400', '1.', '.5', '+5', '€1 200', '1,2,3', '-0', '3e2'];
    for (let t = 0, n = 1 + Math.floor(r() * 4); t < n && accounts.length > 1; t++) {
      const row = accounts[1 + Math.floor(r() * (accounts.length - 1))]!;
      row[Math.floor(r() * row.length)] = pick(bad);
    }
    if (r() < 0.2 && accounts.length > 2) accounts[2]![0] = accounts[1]![0]!;
    if (r() < 0.2) reps[1 + Math.floor(r() * (reps.length - 1))]![1] = pick(['X', '', 'mid_market', 'Mid-Market ']);
    if (r() < 0.15) header[Math.floor(r() * header.length)] = 'Nope';
    if (r() < 0.15) reps[0]![Math.floor(r() * 3)] = 'Other';
    if (r() < 0.2) accounts.unshift(['Title row'], []);
    if (r() < 0.1) reps.splice(1);
  }
  const flags: string[] = [];
  if (r() < 0.5) {
    const a = Math.floor(r() * 101), b = Math.floor(r() * (101 - a));
    flags.push('--weights', hasRisk ? `${a},${b},${100 - a - b}` : `${a},${100 - a},0`);
  }
  if (r() < 0.4) flags.push('--geo', pick(['0', '0.01', '0.07', '0.1']));
  if (r() < 0.4) flags.push('--preserve', pick(['0', '0.03', '0.1']));
  if (r() < 0.3) flags.push('--threshold', String(pick([0, 500, 1000, 1001, 5000, 100000])));
  if (r() < 0.2) flags.push('--risk-cutoff', String(pick([0, 0.5, 0.7, 1])));
  return { repsText: csv(reps), accountsText: csv(accounts), flags };
}

/** Numbers within 1e-9 relative; everything else exactly; the independent reading's keys must all be there. */
function differences(ours: unknown, theirs: unknown, path: string, out: string[]): string[] {
  if (out.length >= 10) return out;
  if (typeof ours === 'number' && typeof theirs === 'number') {
    if (ours !== theirs && Math.abs(ours - theirs) > 1e-9 * Math.max(1, Math.abs(ours), Math.abs(theirs))) out.push(`${path}: ${ours} vs ${theirs}`);
  } else if (ours === null || theirs === null || typeof ours !== 'object' || typeof theirs !== 'object') {
    if (ours !== theirs) out.push(`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
  } else if (Array.isArray(ours) !== Array.isArray(theirs) || (Array.isArray(ours) && ours.length !== (theirs as unknown[]).length)) {
    out.push(`${path}: shapes differ`);
  } else {
    for (const key of Object.keys(theirs)) {
      if (!(key in ours)) out.push(`${path}.${key}: missing`);
      else differences((ours as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key], `${path}.${key}`, out);
    }
  }
  return out;
}

/** What both readings define the same way: warnings, messages and reason sentences are worded freely. */
function comparable(report: Record<string, unknown>, hasErrors: boolean) {
  if (hasErrors) {
    const errors = (report.errors as Record<string, unknown>[]).map(({ message: _message, code: _code, ...e }) => e);
    return { settings: report.settings, errors, assignments: report.assignments };
  }
  const { warnings: _warnings, ...rest } = report;
  if (rest.optimize === null) delete rest.optimize;
  const segments = rest.segments as Record<string, { drivers: Record<string, unknown> | null } | null>;
  // A segment without reps: "everything null" — one reading writes drivers: null, the other null per driver.
  for (const seg of Object.values(segments)) if (seg?.drivers && Object.values(seg.drivers).every((d) => d === null)) seg.drivers = null;
  const audit = (rest.audit as Record<string, unknown>[]).map(({ reason: _reason, ...step }) => step);
  return { ...rest, segments, audit };
}

async function ourReport(repsText: string, accountsText: string, flags: string[], optimize: boolean) {
  // §4 exactly: refinement off (allocation v2 is compared by properties in independent-v2.test.ts).
  const parsed = parseReportArgs(['report', '--reps', 'reps.csv', '--accounts', 'accounts.csv', ...flags, '--refine', 'off', '--audit', '--sensitivity', ...(optimize ? ['--optimize'] : [])]);
  if (!parsed.ok) return { code: 1 as const };
  const sheets = { reps: { name: 'Reps', rows: parseCsv(repsText), firstRow: 1 }, accounts: { name: 'Accounts', rows: parseCsv(accountsText), firstRow: 1 } };
  return reportFor(sheets, parsed.args, async (book, settings) => optimizeWeights(book, settings));
}

function theirReport(repsText: string, accountsText: string, flags: string[], optimize: boolean) {
  const opts: Record<string, string | boolean> = { noOptimize: !optimize };
  for (let i = 0; i < flags.length; i += 2) opts[flags[i]!.slice(2)] = flags[i + 1]!;
  try {
    return independentReport(repsText, accountsText, opts);
  } catch {
    return { exitCode: 1 as const, report: {} };
  }
}

describe('the CLI report = an independent reading of the spec', () => {
  for (const [mode, count, seed] of [['mixed', 40, 100], ['ties', 40, 1000], ['errors', 60, 5000]] as const) {
    it(`agrees on ${count} ${mode} books`, async () => {
      const seen = { valid: 0, errors: 0, steps: 0, bonusSteps: 0, tieSteps: 0 };
      for (let c = 0; c < count; c++) {
        const { repsText, accountsText, flags } = randomBook(seed + c, mode);
        // Optimize (5,151 runs, slow in the plain reading) on every fifth book.
        const optimize = c % 5 === 0;
        const ours = await ourReport(repsText, accountsText, flags, optimize);
        const theirs = theirReport(repsText, accountsText, flags, optimize);
        expect(ours.code, `book ${seed + c} (${flags.join(' ')}): exit code`).toBe(theirs.exitCode);
        if (ours.code === 1) continue;
        const diff = differences(comparable(ours.json, ours.code === 2), comparable(theirs.report, theirs.exitCode === 2), '$', []);
        expect(diff, `book ${seed + c} (${flags.join(' ')})`).toEqual([]);
        if (ours.code === 2) {
          seen.errors++;
          continue;
        }
        seen.valid++;
        const audit = ours.json.audit as { reasonCode: string }[];
        seen.steps += audit.length;
        seen.bonusSteps += audit.filter((s) => s.reasonCode === 'bonus').length;
        seen.tieSteps += audit.filter((s) => s.reasonCode.startsWith('tie')).length;
      }
      // The books reach what they are meant to: valid reports with ties and bonus flips, and errors.
      if (mode === 'errors') expect(seen.errors).toBeGreaterThan(count / 2);
      else {
        expect(seen.valid).toBeGreaterThan(count / 2);
        expect(seen.steps).toBeGreaterThan(100);
        expect(seen.bonusSteps + seen.tieSteps).toBeGreaterThan(10);
      }
    });
  }
});
