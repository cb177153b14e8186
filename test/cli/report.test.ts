/** The command line end to end, as a user runs it: `territory-slicer report …` (SPEC §13). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportCsv, optimizeWeights } from '../../src/engine/index.js';
import { parseReportArgs } from '../../src/cli/args.js';
import { reportFor } from '../../src/cli/main.js';
import { readXlsxSheets } from '../../src/workbook/xlsx/read.js';

const BIN = join(import.meta.dirname, '../../bin/territory-slicer.mjs');
const SAMPLE = join(import.meta.dirname, '../../assets/sample-territory.xlsx');
const dir = mkdtempSync(join(tmpdir(), 'ts-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('territory-slicer report', () => {
  it('writes the full §13 report for the sample workbook', () => {
    const json = join(dir, 'out.json');
    const csv = join(dir, 'out.csv');
    const r = run('report', '--workbook', SAMPLE, '--sensitivity', '--optimize', '--audit', '--json', json, '--csv', csv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(report)).toEqual([
      'settings', 'errors', 'warnings', 'assignments', 'segments', 'overall', 'dealSizeRatio', 'moved', 'audit', 'sensitivity', 'optimize',
    ]);
    expect(report.settings).toEqual({
      threshold: 1000, weights: { arr: 34, accounts: 33, risk: 33 }, geoBonus: 0.05, preserveBonus: 0.05, riskCutoff: 0.7, riskEnabled: true,
      mode: 'fresh', refine: true, budget: 10, maxAccounts: { Enterprise: null, 'Mid-Market': null },
    });
    expect(report.assignments).toHaveLength(400);
    expect(report.assignments[0]).toEqual({ accountId: 'A-00001', segment: expect.any(String), assignedRep: expect.any(String), locked: false });
    const ent = report.segments.Enterprise;
    expect(Object.keys(ent)).toEqual(['accounts', 'arr', 'reps', 'drivers', 'custom', 'balanced', 'before', 'unassigned', 'refine']);
    expect(Object.keys(ent.drivers.arr)).toEqual(['cv', 'score', 'gini', 'minMaxRatio', 'floorCv']);
    expect(ent.before.arr).toEqual({ cv: expect.any(Number), score: expect.any(Number) });
    expect(Object.keys(ent.refine)).toEqual(['moves', 'swaps', 'fGreedy', 'fFinal']);
    expect(ent.refine.fFinal).toBeLessThanOrEqual(ent.refine.fGreedy);
    // 400 greedy steps, then one per refinement move or swap (SPEC §15).
    const refineSteps = ent.refine.moves + ent.refine.swaps + report.segments['Mid-Market'].refine.moves + report.segments['Mid-Market'].refine.swaps;
    expect(refineSteps).toBeGreaterThan(0);
    expect(report.audit).toHaveLength(400 + refineSteps);
    expect(report.audit.slice(0, 400).every((step: { kind: string }) => step.kind === 'greedy')).toBe(true);
    expect(report.audit.slice(400).every((step: { kind: string }) => step.kind === 'move' || step.kind === 'swap')).toBe(true);
    expect(report.audit[0].reason).toContain(' wins');
    expect(report.audit[400].reason).toMatch(/^Refine: /);
    expect(report.audit[0].candidates[0]).toMatchObject({ rep: expect.any(String), blended: expect.any(Number), bonus: expect.any(Number), score: expect.any(Number) });
    expect(report.sensitivity.length).toBeGreaterThan(10);
    expect(readFileSync(csv, 'utf8').startsWith('\uFEFFAccount_ID,Account_Name,Original_Rep,ARR')).toBe(true);
  });

  it('the binary writes exactly what the engine computes: the JSON, and the CSV byte for byte', async () => {
    const json = join(dir, 'same.json');
    const csv = join(dir, 'same.csv');
    const flags = ['--sensitivity', '--optimize', '--audit', '--weights', '50,30,20', '--geo', '0.07', '--preserve', '0.03'];
    expect(run('report', '--workbook', SAMPLE, ...flags, '--json', json, '--csv', csv).code).toBe(0);
    const sheets = await readXlsxSheets(new Uint8Array(readFileSync(SAMPLE)));
    const byName = (n: string) => sheets.find((x) => x.name === n)!;
    const parsed = parseReportArgs(['report', '--workbook', SAMPLE, ...flags]);
    if (!parsed.ok) throw new Error(parsed.reason);
    // The CLI's worker pool against the serial search, everything else the same code path.
    const expected = await reportFor({ reps: byName('Reps'), accounts: byName('Accounts') }, parsed.args, async (b, s) => optimizeWeights(b, s));
    if (expected.code !== 0) throw new Error('sample has errors');
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(expected.json)));
    expect(readFileSync(csv, 'utf8')).toBe(exportCsv(expected.book, expected.evaluation.allocation));
  });

  it('reads other sheet names with --reps-sheet / --accounts-sheet, and names a missing sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Team').addRows([['Rep_Name', 'Segment', 'Location'], ['Ann', 'E', 'CA']]);
    wb.addWorksheet('Book').addRows([['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'], ['A1', 'One', 'Ann', 10, 5000, 'CA']]);
    const file = join(dir, 'named.xlsx');
    await wb.xlsx.writeFile(file);
    const ok = run('report', '--workbook', file, '--reps-sheet', 'team', '--accounts-sheet', 'Book', '--json', '-');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).assignments).toEqual([{ accountId: 'A1', segment: 'Enterprise', assignedRep: 'Ann', locked: false }]);
    const missing = run('report', '--workbook', file);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/has no sheet named "Reps" \(sheets: Team, Book\); name it with --reps-sheet/);
  });

  it('prints JSON to stdout with --json - and gives the same result from CSV input', () => {
    const reps = write('reps.csv', 'Rep_Name,Segment,Location\r\nAnn,E,CA\r\nBen,MM,NY\r\n');
    const accounts = write('accounts.csv', '\uFEFFAccount_ID,Account_Name,Current_Rep,ARR,Num_Employees,Location\r\nA1,One,Ann,"$1,000",5000,CA\r\nA2,Two,Ann,500,50,NY\r\n');
    const r = run('report', '--reps', reps, '--accounts', accounts, '--json', '-', '--weights', '60,40,0');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // No --audit, --sensitivity or --optimize: those fields are absent (SPEC §13).
    expect(Object.keys(report)).toEqual(['settings', 'errors', 'warnings', 'assignments', 'segments', 'overall', 'dealSizeRatio', 'moved']);
    expect(report.settings.riskEnabled).toBe(false);
    expect(report.settings.weights).toEqual({ arr: 60, accounts: 40, risk: 0 });
    expect(report.assignments).toEqual([
      { accountId: 'A1', segment: 'Enterprise', assignedRep: 'Ann', locked: false },
      { accountId: 'A2', segment: 'Mid-Market', assignedRep: 'Ben', locked: false },
    ]);
    expect(report.moved).toEqual({ accounts: 1, arr: 500 });
    expect(report.segments.Enterprise.drivers.risk).toBeNull();
  });

  it('exits 2 on hard errors, listing every one, with the JSON still carrying them and no CSV', () => {
    const reps = write('bad-reps.csv', 'Rep_Name,Segment,Location\nAnn,SMB,CA\n');
    const accounts = write('bad-accounts.csv', 'Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location\nA1,One,Ann,abc,5000,CA\nA1,Two,Ann,5,-1,CA\n');
    const json = join(dir, 'bad.json');
    const csv = join(dir, 'bad.csv');
    const r = run('report', '--reps', reps, '--accounts', accounts, '--json', json, '--csv', csv);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    // CSV input: each line names the file (the JSON keeps the role, Reps / Accounts, as `sheet`).
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${escape(reps)} row 2, column Segment: value "SMB":`)),
      expect.stringMatching(new RegExp(`^${escape(accounts)} row 2, column ARR: value "abc":`)),
      expect.stringMatching(new RegExp(`^${escape(accounts)} row 3, column Account_ID: value "A1":.*row 2`)),
      expect.stringMatching(new RegExp(`^${escape(accounts)} row 3, column Num_Employees: value "-1":`)),
      '4 errors: fix them in the CSV files and run again.',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.errors).toHaveLength(4);
    expect(report.errors[0]).toEqual({ sheet: 'Reps', row: 2, column: 'Segment', value: 'SMB', message: expect.any(String) });
    expect(report.assignments).toEqual([]);
    expect([report.segments, report.overall, report.dealSizeRatio, report.moved]).toEqual([null, null, null, null]);
    // Settings as the run would have used them: the one headcount that parsed (5000; 1000 is off its range, so the median), no Risk_Score → 50/50/0.
    expect(report.settings).toEqual({
      threshold: 5000, weights: { arr: 50, accounts: 50, risk: 0 }, geoBonus: 0.05, preserveBonus: 0.05, riskCutoff: 0.7, riskEnabled: false,
      mode: 'fresh', refine: true, budget: 10, maxAccounts: { Enterprise: null, 'Mid-Market': null },
    });
    expect(existsSync(csv)).toBe(false);
  });

  it.each([
    [['--weights', '50,50,1'], /add up to 100/],
    [['--weights', '50,50'], /three whole numbers/],
    [['--geo', '0.15'], /between 0 and 0.10/],
    [['--preserve', '0.055'], /steps of 0.01/],
    [['--risk-cutoff', '2'], /between 0 and 1/],
    [['--threshold', 'lots'], /must be a number/],
    [['--bogus'], /Unknown option/],
  ])('exits 1 on bad options %j', (extra, message) => {
    const r = run('report', '--workbook', SAMPLE, ...extra);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 when Risk has weight but risk is disabled, or a file is missing', () => {
    const reps = write('r.csv', 'Rep_Name,Segment,Location\nAnn,E,CA\n');
    const accounts = write('a.csv', 'Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location\nA1,One,Ann,1,5000,CA\n');
    const risky = run('report', '--reps', reps, '--accounts', accounts, '--weights', '34,33,33');
    expect(risky.code).toBe(1);
    expect(risky.stderr).toMatch(/Risk weight must be 0/);
    const missing = run('report', '--workbook', join(dir, 'nope.xlsx'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot find the file/);
  });

  it('reproduces a run from its settings (--settings FILE.json, SPEC §16); flags override the file', () => {
    const first = join(dir, 'first.json');
    const flags = ['--threshold', '2500', '--weights', '50,30,20', '--geo', '0.07', '--mode', 'rebalance', '--budget', '15', '--max-accounts', '40,-'];
    expect(run('report', '--workbook', SAMPLE, ...flags, '--audit', '--json', first).code).toBe(0);
    const original = JSON.parse(readFileSync(first, 'utf8'));
    expect(original.settings).toMatchObject({ threshold: 2500, mode: 'rebalance', budget: 15, maxAccounts: { Enterprise: 40, 'Mid-Market': null } });
    // The report's own settings object, as a file: the same report, byte for byte.
    const settingsFile = write('settings.json', JSON.stringify(original.settings));
    const again = join(dir, 'again.json');
    expect(run('report', '--workbook', SAMPLE, '--settings', settingsFile, '--audit', '--json', again).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(first, 'utf8'));
    // A flag wins over the file; the sheet names may come from the file.
    const named = write('named.json', JSON.stringify({ ...original.settings, repsSheet: 'Reps', accountsSheet: 'Accounts' }));
    const over = run('report', '--workbook', SAMPLE, '--settings', named, '--budget', '5', '--json', '-');
    expect(over.code).toBe(0);
    expect(JSON.parse(over.stdout).settings).toMatchObject({ budget: 5, threshold: 2500, mode: 'rebalance' });
    // A bad file is exit 1 with the field named.
    const bad = run('report', '--workbook', SAMPLE, '--settings', write('bad.json', '{"thresold": 5}'));
    expect([bad.code, bad.stderr.trim()]).toEqual([1, `territory-slicer: the settings file ${join(dir, 'bad.json')}: unknown setting "thresold"`]);
  });

  it('accepts any threshold, unclamped', () => {
    const r = run('report', '--workbook', SAMPLE, '--threshold', '99999999', '--json', '-');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.segments.Enterprise.accounts).toBe(0);
    expect(report.segments.Enterprise.drivers).toBeNull();
    expect([report.segments.Enterprise.custom, report.segments.Enterprise.balanced]).toEqual([null, null]);
    // Its reps are still listed, with zero loads, and their before is computed from their original books.
    expect(report.segments.Enterprise.reps.length).toBe(4);
    expect(report.segments.Enterprise.reps.every((r: { arr: number; accounts: number; riskArr: number }) => r.arr === 0 && r.accounts === 0 && r.riskArr === 0)).toBe(true);
    expect(report.segments.Enterprise.before.arr).toEqual({ cv: expect.any(Number), score: expect.any(Number) });
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('empty-segment');
  });

  it('names a file that is not an .xlsx workbook, in words, without the zip library\'s message', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['text.xlsx', 'Rep_Name,Segment\nAnn,E\n', /is not an \.xlsx workbook \(it is a text file, not the zip archive every \.xlsx is\)\. CSV files go in with --reps and --accounts\n$/],
      ['empty.xlsx', '', /is not an \.xlsx workbook \(the file is empty\)\n$/],
      ['old.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /is not an \.xlsx workbook \(it is an Excel 97–2003 \.xls file .*save it as \.xlsx\)\n$/],
      ['cut.xlsx', readFileSync(SAMPLE).subarray(0, 2000), /is not an \.xlsx workbook \(the zip archive is damaged, or holds no Excel worksheet\)\n$/],
      ['binary.xlsx', new Uint8Array([0, 1, 2, 3, 255, 254]), /is not an \.xlsx workbook \(it is not the zip archive every \.xlsx is\)\n$/],
    ];
    for (const [name, content, message] of cases) {
      const r = run('report', '--workbook', write(name, content));
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(new RegExp(`^territory-slicer: ${escape(join(dir, name))} `));
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).not.toMatch(/https?:|jszip|central directory/i);
    }
    const zipAsCsv = run('report', '--reps', SAMPLE, '--accounts', SAMPLE);
    expect(zipAsCsv.code).toBe(1);
    expect(zipAsCsv.stderr).toMatch(/sample-territory\.xlsx is a zip archive \(an \.xlsx workbook\?\), not a CSV file: read a workbook with --workbook\n$/);
  });

  it('speaks of files, never sheets or the workbook, for CSV input', () => {
    const reps = write('words-reps.csv', 'Rep_Name,Segment,Location\r\nAnn,E,CA\r\n');
    const accounts = write('words-accounts.csv', 'Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location\r\nA1,One,Gone,10,50,CA\r\nA2,Two,Ann,10,5000,CA\r\n');
    const json = join(dir, 'words.json');
    const r = run('report', '--reps', reps, '--accounts', accounts, '--threshold', '1000', '--json', json);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const messages = report.warnings.map((w: { message: string }) => w.message);
    // Mid-Market has no reps, the original rep is not on the team, no Risk_Score column.
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining(`the Reps file ${reps} has no Mid-Market reps`),
      expect.stringContaining(`not in the Reps file ${reps}`),
      expect.stringContaining(`the Accounts file ${accounts} has no Risk_Score column`),
    ]));
    for (const text of [r.stdout, ...messages]) expect(text).not.toMatch(/\bsheet\b|workbook/i);

    const noHeader = run('report', '--reps', write('words-empty.csv', 'Name\n'), '--accounts', accounts);
    expect(noHeader.code).toBe(2);
    expect(noHeader.stderr).toContain(`Add a column named Rep_Name to the Reps file ${join(dir, 'words-empty.csv')} (`);
    expect(noHeader.stderr).not.toMatch(/\bsheet\b|workbook/i);
    const risky = run('report', '--reps', reps, '--accounts', accounts, '--weights', '34,33,33');
    expect(risky.stderr).toBe(`territory-slicer: weights.risk: the Risk weight must be 0 because the Accounts file ${accounts} has no usable Risk_Score\n`);
  });

  it('counts in words: 1 account, 1 rep', () => {
    const reps = write('one-reps.csv', 'Rep_Name,Segment,Location\r\nAnn,E,CA\r\nBen,MM,NY\r\nCy,MM,NY\r\n');
    const accounts = write('one-accounts.csv', 'Account_ID,Account_Name,Original_Rep,ARR,Num_Employees,Location\r\nA1,One,Ann,10,5000,CA\r\nA2,Two,Ben,10,50,NY\r\nA3,Three,Ben,1500,40,NY\r\n');
    const r = run('report', '--reps', reps, '--accounts', accounts, '--threshold', '1000');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Enterprise: 1 account, 1 rep, ');
    expect(r.stdout).toContain('Mid-Market: 2 accounts, 2 reps, ');
    expect(r.stdout).not.toMatch(/\b1 (accounts|reps)\b/);
  });

  it('answers --help and usage errors without loading the engine', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n  territory-slicer report/);
    const bad = run('report');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^territory-slicer: give either --workbook/);
  });
});
