/**
 * Invariant checkers for hostile-input runs. Each returns a list of violations (empty = fine)
 * instead of throwing, so the long fuzz run can print every problem with its seed; the CI
 * tests assert the list is empty.
 */
import {
  auditRecords,
  auditStepCount,
  bookThresholdSlider,
  buildReport,
  cellText,
  defaultSettings,
  evaluate,
  exportCsv,
  parseCsv,
  sensitivity,
  readBook,
  type Book,
  type Cell,
  type Evaluation,
  type ReadResult,
  type Settings,
  type SheetInput,
  type Warning,
} from '../../src/engine/index.js';
import { ACCOUNTS_CANONICAL, REPS_CANONICAL } from './hostile.js';

const ERROR_CODES = new Set(['missing-column', 'bad-type', 'negative-number', 'out-of-range', 'blank-required', 'duplicate-account-id', 'duplicate-rep-name', 'unknown-segment', 'unknown-rep', 'no-data-rows']);
const FORMULA_START = /^[=+\-\u2212@\t\r]/;

const isBlankCell = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const normalized = (c: Cell) => cellText(c).toLowerCase().replace(/[ _-]/g, '_');

/** A deep copy that keeps holes, -0 and NaN, to prove the reader does not touch its input. */
export function snapshotRows(rows: readonly (readonly Cell[])[]): Cell[][] {
  return rows.map((row) => {
    const copy: Cell[] = new Array(row.length);
    for (let i = 0; i < row.length; i++) if (i in row) copy[i] = row[i];
    return copy;
  });
}

function sameRows(a: readonly (readonly Cell[])[], b: readonly (readonly Cell[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!, y = b[r]!;
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (c in x !== c in y || !Object.is(x[c], y[c])) return false;
  }
  return true;
}

/** Index of the first of the first 10 rows holding every required header (an independent re-derivation of SPEC §14). */
function headerIndex(rows: readonly (readonly Cell[])[], required: readonly string[][]): number {
  for (let r = 0; r < Math.min(10, rows.length); r++) {
    const keys = new Set(Array.from(rows[r] ?? [], normalized));
    if (required.every((aliases) => aliases.some((a) => keys.has(a)))) return r;
  }
  return -1;
}

const REPS_REQUIRED = [['rep_name'], ['segment'], ['location']];
const ACCOUNTS_REQUIRED = [['account_id'], ['account_name'], ['original_rep', 'current_rep'], ['arr'], ['num_employees'], ['location']];

function dataRowCount(rows: readonly (readonly Cell[])[], header: number): number {
  let n = 0;
  for (let i = header + 1; i < rows.length; i++) if (Array.from(rows[i] ?? []).some((c) => !isBlankCell(c))) n++;
  return n;
}

/** `readBook` kept its contract: errors point inside the sheets, or the Book is a valid model. */
export function checkReadResult(reps: SheetInput, accounts: SheetInput, result: ReadResult): string[] {
  const v: string[] = [];
  const sheets = new Map([[reps.name, reps], [accounts.name, accounts]]);
  if (!result.ok) {
    if (result.errors.length === 0) v.push('ok:false without any error');
    for (const e of result.errors) {
      const where = `error ${JSON.stringify({ ...e, value: typeof e.value === 'string' ? e.value.slice(0, 40) : e.value })}`;
      // With two sheets of the same name, either sheet may be meant.
      const candidates = [reps, accounts].filter((s) => s.name === e.sheet);
      if (!sheets.has(e.sheet)) v.push(`${where}: unknown sheet`);
      if (!Number.isInteger(e.row) || e.row < 1) v.push(`${where}: row is not an integer ≥ 1`);
      const inside = candidates.some((s) => e.row >= s.firstRow && e.row <= s.firstRow + Math.max(0, s.rows.length - 1));
      if (!inside) v.push(`${where}: row outside the sheet`);
      const canon: readonly string[] = candidates.some((s) => s === accounts) ? [...ACCOUNTS_CANONICAL, ...(candidates.includes(reps) ? REPS_CANONICAL : [])] : REPS_CANONICAL;
      if (e.column !== null && !canon.includes(e.column)) v.push(`${where}: column is not a canonical name`);
      if (typeof e.message !== 'string' || e.message.trim() === '') v.push(`${where}: empty message`);
      if (!ERROR_CODES.has(e.code)) v.push(`${where}: unknown code`);
      if (e.value === undefined) v.push(`${where}: value is undefined (should be null)`);
    }
    return v;
  }
  const { book } = result;
  const acc = book.accounts;
  const n = acc.count;
  // Counts: every non-blank row under the header, on both sheets.
  const repsHeader = headerIndex(reps.rows, REPS_REQUIRED);
  if (repsHeader < 0) v.push('ok:true but no Reps header row found');
  else if (book.reps.length !== dataRowCount(reps.rows, repsHeader)) v.push(`reps: ${book.reps.length} read, ${dataRowCount(reps.rows, repsHeader)} data rows`);
  const accHeader = headerIndex(accounts.rows, ACCOUNTS_REQUIRED);
  if (accHeader !== book.accountsLayout.headerIndex) v.push(`accounts header index ${book.accountsLayout.headerIndex}, expected ${accHeader}`);
  else if (n !== dataRowCount(accounts.rows, accHeader)) v.push(`accounts: ${n} read, ${dataRowCount(accounts.rows, accHeader)} data rows`);
  if (book.reps.length === 0) v.push('ok:true with no reps');
  if (n === 0) v.push('ok:true with no accounts');
  // Reps: unique non-empty names, a segment, rows inside the sheet and in sheet order.
  const keys = new Set<string>();
  let lastRow = -Infinity;
  for (const r of book.reps) {
    if (r.name === '' || r.name !== r.name.trim()) v.push(`rep name ${JSON.stringify(r.name)} is blank or untrimmed`);
    if (r.key !== r.name.toLowerCase()) v.push(`rep key ${JSON.stringify(r.key)} ≠ lower-cased name`);
    if (keys.has(r.key)) v.push(`duplicate rep ${JSON.stringify(r.name)}`);
    keys.add(r.key);
    if (r.segment !== 'Enterprise' && r.segment !== 'Mid-Market') v.push(`rep segment ${String(r.segment)}`);
    if (!(r.row > lastRow) || r.row < reps.firstRow || r.row >= reps.firstRow + reps.rows.length) v.push(`rep row ${r.row} out of order or outside the sheet`);
    lastRow = r.row;
  }
  // Accounts: column arrays of length n, finite non-negative numbers, risk in [0, 1].
  for (const [name, a] of Object.entries({ id: acc.id, name: acc.name, location: acc.location, originalRep: acc.originalRep, arr: acc.arr, employees: acc.employees, risk: acc.risk, originalRepIndex: acc.originalRepIndex, locationId: acc.locationId, row: acc.row, sourceIndex: acc.sourceIndex, order: book.order })) {
    if (a.length !== n) v.push(`accounts.${name} has length ${a.length}, expected ${n}`);
  }
  const ids = new Set<string>();
  for (let k = 0; k < n; k++) {
    const arr = acc.arr[k]!, emp = acc.employees[k]!, risk = acc.risk[k]!;
    if (!Number.isFinite(arr) || arr < 0) v.push(`ARR ${arr} at account ${k}`);
    if (!Number.isFinite(emp) || emp < 0) v.push(`employees ${emp} at account ${k}`);
    if (!(risk >= 0 && risk <= 1)) v.push(`risk ${risk} at account ${k}`);
    if (!book.riskEnabled && risk !== 0) v.push(`risk ${risk} although risk is disabled`);
    const id = acc.id[k]!;
    if (id === '' || id !== id.trim()) v.push(`account id ${JSON.stringify(id)} is blank or untrimmed`);
    if (ids.has(id)) v.push(`duplicate account id ${JSON.stringify(id)}`);
    ids.add(id);
    if (acc.name[k] === '') v.push(`blank account name at account ${k}`);
    const src = acc.sourceIndex[k]!;
    if (acc.row[k] !== accounts.firstRow + src || src <= accHeader || src >= accounts.rows.length) v.push(`account ${k}: row ${acc.row[k]} / source index ${src} inconsistent`);
    if (k > 0 && !(acc.row[k]! > acc.row[k - 1]!)) v.push(`account rows not increasing at ${k}`);
    const o = acc.originalRepIndex[k]!;
    if (o < -1 || o >= book.reps.length) v.push(`originalRepIndex ${o} out of range`);
    else if (o >= 0 && book.reps[o]!.key !== acc.originalRep[k]!.toLowerCase()) v.push(`originalRepIndex ${o} does not name ${acc.originalRep[k]}`);
    else if (o === -1 && acc.originalRep[k] !== '' && keys.has(acc.originalRep[k]!.toLowerCase())) v.push(`original rep ${acc.originalRep[k]} on the Reps sheet but not linked`);
    const l = acc.locationId[k]!;
    if (l < -1 || l >= book.locations.length || (l === -1) !== (acc.location[k] === '')) v.push(`locationId ${l} for location ${JSON.stringify(acc.location[k])}`);
    else if (l >= 0 && book.locations[l] !== acc.location[k]!.toLowerCase()) v.push(`locationId ${l} does not name ${acc.location[k]}`);
  }
  if (book.riskEnabled && !book.hasRiskColumn) v.push('risk enabled without a Risk_Score column');
  // The allocation order: a permutation, ARR descending then Account_ID in code-unit order.
  const seen = new Uint8Array(n);
  for (let i = 0; i < book.order.length; i++) {
    const a = book.order[i]!;
    if (a < 0 || a >= n || seen[a]) { v.push(`order is not a permutation at ${i}`); break; }
    seen[a] = 1;
    if (i > 0) {
      const p = book.order[i - 1]!;
      if (acc.arr[p]! < acc.arr[a]! || (acc.arr[p] === acc.arr[a] && !(acc.id[p]! < acc.id[a]!))) { v.push(`order wrong at ${i}`); break; }
    }
  }
  if (book.repLocationId.length !== book.reps.length) v.push('repLocationId length');
  return v;
}

/** Every number in a JSON-bound value that JSON cannot carry (NaN, ±Infinity), with its path. */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 10) return out;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path}=${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((x, i) => nonFiniteNumbers(x, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) nonFiniteNumbers(x, `${path}.${k}`, out);
  }
  return out;
}

/**
 * A valid book keeps every amount where double precision computes it (SPEC §12: never NaN in a
 * report): the reader turns ARR outside {0} ∪ [1e-100, 1e100] and headcounts over 1e100 into errors.
 */
export function amountsInRange(book: Book): boolean {
  const { arr, employees } = book.accounts;
  for (let k = 0; k < arr.length; k++) {
    const x = arr[k]!;
    if (x !== 0 && (x < 1e-100 || x > 1e100)) return false;
    if (employees[k]! > 1e100) return false;
  }
  return true;
}

/** What the CSV export must hold for a book (SPEC §9): BOM, CRLF, one field per column on every line, guarded text. */
export function checkCsvExport(book: Book, csv: string, assignedNames: readonly (string | null)[], segments: readonly string[]): string[] {
  const v: string[] = [];
  if (!csv.startsWith('\uFEFF')) v.push('CSV does not start with a BOM');
  if (!csv.endsWith('\r\n')) v.push('CSV does not end with CRLF');
  const rows = parseCsv(csv);
  if (rows.length !== book.accounts.count + 1) {
    v.push(`CSV has ${rows.length} records, expected ${book.accounts.count + 1}`);
    return v;
  }
  // Outside quoted fields every line break is CRLF.
  let quoted = false;
  for (let i = 1; i < csv.length; i++) {
    const ch = csv[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n' && csv[i - 1] !== '\r') { v.push(`bare LF at offset ${i}`); break; }
    else if (!quoted && ch === '\r' && csv[i + 1] !== '\n') { v.push(`bare CR at offset ${i}`); break; }
  }
  const header = rows[0]!;
  const width = header.length;
  if (header[width - 2] !== 'Segment' || header[width - 1] !== 'Assigned_Rep') v.push(`CSV header ends ${header.slice(-2).join(',')}`);
  // The exported source columns, derived independently: every column with a header or any data, minus old result columns.
  const layout = book.accountsLayout;
  const skip = new Set([layout.segmentColumn, layout.assignedRepColumn]);
  const sourceRows = Array.from(book.accounts.sourceIndex, (i) => book.accountsSheet.rows[i]!);
  const sheetWidth = sourceRows.reduce((w, r) => Math.max(w, r.length), layout.headers.length);
  const exported: number[] = [];
  for (let c = 0; c < sheetWidth; c++) {
    if (skip.has(c)) continue;
    if ((layout.headers[c] ?? '') !== '' || sourceRows.some((r) => !isBlankCell(r[c]))) exported.push(c);
  }
  if (width !== exported.length + 2) v.push(`CSV header has ${width} fields, expected ${exported.length + 2}`);
  for (let k = 0; k < book.accounts.count; k++) {
    const line = rows[k + 1]!;
    if (line.length !== width) { v.push(`CSV line ${k + 2} has ${line.length} fields, header has ${width}`); continue; }
    if (line[width - 2] !== segments[k]) v.push(`CSV line ${k + 2}: segment ${line[width - 2]} ≠ ${segments[k]}`);
    const rep = assignedNames[k];
    const expectedRep = rep === null || rep === undefined ? '' : FORMULA_START.test(rep) ? `'${rep}` : rep;
    if (line[width - 1] !== expectedRep) v.push(`CSV line ${k + 2}: Assigned_Rep ${JSON.stringify(line[width - 1])} ≠ ${JSON.stringify(expectedRep)}`);
    // Each exported cell: text guarded iff it starts with a formula character; other cells as the reader prints them.
    const source = sourceRows[k]!;
    exported.forEach((c, f) => {
      const cell = source[c];
      const want = typeof cell === 'string' ? (FORMULA_START.test(cell) ? `'${cell}` : cell) : cellText(cell);
      if (line[f] !== want) v.push(`CSV line ${k + 2} field ${f + 1}: ${JSON.stringify(line[f]?.slice(0, 40))} ≠ ${JSON.stringify(want.slice(0, 40))}`);
    });
  }
  exported.forEach((c, f) => {
    const h = layout.headers[c] ?? '';
    const want = c === layout.columns.Original_Rep && layout.usesCurrentRepAlias ? 'Original_Rep' : FORMULA_START.test(h) ? `'${h}` : h;
    if (header[f] !== want) v.push(`CSV header field ${f + 1}: ${JSON.stringify(header[f])} ≠ ${JSON.stringify(want)}`);
  });
  return v;
}

/** Fairness numbers in range: scores and composites in [0, 100], CV ≥ 0, Gini in [0, 1), Min/Max in [0, 1]. */
export function checkReportRanges(report: Record<string, unknown>): string[] {
  const v: string[] = [];
  const score = (x: unknown, where: string) => {
    if (x === null) return;
    if (typeof x !== 'number' || !(x >= 0 && x <= 100)) v.push(`${where} = ${String(x)} not in [0, 100]`);
  };
  const segments = report.segments as Record<string, { drivers: Record<string, DriverJson | null> | null; before: Record<string, { cv: number; score: number } | null> | null; custom: number | null; balanced: number | null }>;
  for (const [name, seg] of Object.entries(segments)) {
    score(seg.custom, `${name}.custom`);
    score(seg.balanced, `${name}.balanced`);
    for (const [d, s] of Object.entries(seg.drivers ?? {})) {
      if (!s) continue;
      score(s.score, `${name}.${d}.score`);
      if (!(s.cv >= 0)) v.push(`${name}.${d}.cv = ${s.cv} < 0`);
      if (!(s.gini >= 0 && s.gini < 1)) v.push(`${name}.${d}.gini = ${s.gini} not in [0, 1)`);
      if (s.minMaxRatio !== null && !(s.minMaxRatio >= 0 && s.minMaxRatio <= 1)) v.push(`${name}.${d}.minMaxRatio = ${s.minMaxRatio} not in [0, 1]`);
    }
    for (const [d, s] of Object.entries(seg.before ?? {})) {
      if (!s) continue;
      score(s.score, `${name}.before.${d}.score`);
      if (!(s.cv >= 0)) v.push(`${name}.before.${d}.cv = ${s.cv} < 0`);
    }
  }
  const overall = report.overall as { custom: number | null; balanced: number | null };
  score(overall.custom, 'overall.custom');
  score(overall.balanced, 'overall.balanced');
  for (const s of (report.sensitivity as { balanced: number | null; custom: number | null }[] | undefined) ?? []) {
    score(s.balanced, 'sensitivity.balanced');
    score(s.custom, 'sensitivity.custom');
  }
  return v;
}

interface DriverJson {
  cv: number;
  score: number;
  gini: number;
  minMaxRatio: number | null;
}

/** The report lists assignments in Accounts row order and reps in Reps-sheet order (SPEC §13). */
export function checkReportOrder(book: Book, report: Record<string, unknown>): string[] {
  const v: string[] = [];
  const assignments = report.assignments as { accountId: string; segment: string; assignedRep: string | null }[];
  if (assignments.length !== book.accounts.count) v.push(`${assignments.length} assignments for ${book.accounts.count} accounts`);
  assignments.forEach((a, k) => {
    if (a.accountId !== book.accounts.id[k]) v.push(`assignment ${k} is ${a.accountId}, row order says ${book.accounts.id[k]}`);
  });
  const segments = report.segments as Record<string, { reps: { name: string }[] }>;
  for (const name of ['Enterprise', 'Mid-Market']) {
    const want = book.reps.filter((r) => r.segment === name).map((r) => r.name);
    const got = segments[name]!.reps.map((r) => r.name);
    if (JSON.stringify(got) !== JSON.stringify(want)) v.push(`${name} reps ${JSON.stringify(got)} not in Reps-sheet order ${JSON.stringify(want)}`);
  }
  return v;
}

/** Outcome of running everything downstream of a valid book. */
export interface PipelineOutcome {
  /** Contract breaks: always a failure. */
  readonly violations: string[];
}

/** evaluate → auditRecords → exportCsv → sensitivity → buildReport → JSON.stringify, all of which must not throw. */
export function runPipeline(
  book: Book,
  readWarnings: readonly Warning[],
  settings: Settings = defaultSettings(book),
  withSensitivity = book.accounts.count <= 200,
): PipelineOutcome {
  const v: string[] = [];
  if (!amountsInRange(book)) v.push('the reader accepted an amount outside the range the engine computes with');
  try {
    const ev = evaluate(book, settings);
    const records = auditRecords(book, ev.allocation);
    if (records.length !== auditStepCount(ev.allocation)) v.push(`${records.length} audit records for ${auditStepCount(ev.allocation)} steps`);
    const names = Array.from(ev.allocation.assigned, (r) => (r < 0 ? null : book.reps[r]!.name));
    const segments = Array.from(ev.allocation.segment, (s) => (s === 0 ? 'Enterprise' : 'Mid-Market'));
    for (let a = 0; a < book.accounts.count; a++) {
      const r = ev.allocation.assigned[a]!;
      if (r >= book.reps.length || (r >= 0 && book.reps[r]!.segment !== segments[a])) v.push(`account ${a} assigned to rep ${r} outside its segment`);
    }
    v.push(...checkConstraints(ev));
    const csv = exportCsv(book, ev.allocation);
    v.push(...checkCsvExport(book, csv, names, segments));
    const samples = withSensitivity ? sensitivity(book, settings, bookThresholdSlider(book)) : undefined;
    const report = buildReport(book, ev, readWarnings, { audit: true, sensitivity: samples });
    const text = JSON.stringify(report);
    JSON.parse(text);
    const nonFinite = nonFiniteNumbers(report);
    if (nonFinite.length > 0) v.push(`non-finite numbers in the report: ${nonFinite.join(', ')}`);
    v.push(...checkReportRanges(report));
    v.push(...checkReportOrder(book, report));
  } catch (e) {
    v.push(`threw: ${(e as Error)?.stack ?? String(e)}`);
  }
  return { violations: v };
}

/**
 * Allocation v2 contracts (SPEC §15, §15.1): effective locks on their rep and flagged, no rep above its
 * cap beyond what its locks (and, rebalancing, its current book) put there, no account left unassigned
 * while a rep of its segment has room, and refinement never raising F.
 */
export function checkConstraints(ev: Evaluation): string[] {
  const v: string[] = [];
  const { allocation } = ev;
  for (const ctx of allocation.contexts) {
    const k = ctx.reps.length;
    if (k === 0) continue;
    const count = new Float64Array(k), pinned = new Float64Array(k);
    const local = new Map<number, number>();
    ctx.reps.forEach((r, i) => local.set(r, i));
    let unassigned = 0;
    for (let j = 0; j < ctx.accounts.length; j++) {
      const a = ctx.accounts[j]!;
      const rep = allocation.assigned[a]!;
      const lock = ctx.lockLocal[j]!;
      if (lock >= 0) {
        pinned[lock]!++;
        if (rep !== ctx.reps[lock]) v.push(`locked account ${a} is on rep ${rep}, not its lock ${ctx.reps[lock]}`);
        if (allocation.locked[a] !== 1) v.push(`locked account ${a} is not flagged locked`);
      } else if (allocation.locked[a] !== 0) v.push(`account ${a} is flagged locked without an effective lock`);
      const kept = allocation.kept[ctx.segment]?.[j] ?? -1;
      if (kept >= 0) pinned[kept]!++;
      if (rep < 0) unassigned++;
      else count[local.get(rep)!]!++;
    }
    for (let i = 0; i < k; i++) {
      if (count[i]! > Math.max(ctx.cap[i]!, pinned[i]!)) v.push(`rep ${ctx.reps[i]} holds ${count[i]} accounts, cap ${ctx.cap[i]}, ${pinned[i]} pinned`);
      if (unassigned > 0 && count[i]! < ctx.cap[i]!) v.push(`${unassigned} accounts unassigned while rep ${ctx.reps[i]} has room (${count[i]} of ${ctx.cap[i]})`);
    }
    const r = allocation.refinement[ctx.segment];
    if (r && !(r.fFinal <= r.fGreedy * (1 + 1e-12))) v.push(`refinement raised F: ${r.fGreedy} → ${r.fFinal}`);
  }
  return v;
}

/** readBook with every reader check: the result, and the violations of its contract (none expected). */
export function readChecked(reps: SheetInput, accounts: SheetInput): { result: ReadResult; violations: string[] } {
  const before = { reps: snapshotRows(reps.rows), accounts: snapshotRows(accounts.rows) };
  const result = readBook(reps, accounts);
  const violations = [
    ...checkReadResult(reps, accounts, result),
    ...checkUnchanged(before.reps, reps.rows, 'Reps'),
    ...checkUnchanged(before.accounts, accounts.rows, 'Accounts'),
  ];
  return { result, violations };
}

/** `readBook` must not change the sheets it reads (SPEC §12: user data is never modified). */
export function checkUnchanged(before: readonly (readonly Cell[])[], after: readonly (readonly Cell[])[], sheet: string): string[] {
  return sameRows(before, after) ? [] : [`readBook modified the ${sheet} sheet`];
}
