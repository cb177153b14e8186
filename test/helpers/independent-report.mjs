// A second, independent reading of SPEC §2–§8, §13, §14 — written from SPEC.md alone by an engineer
// who did not read src/ (plain JavaScript, plain arrays, no speed tricks). test/engine/independent.test.ts
// checks the whole CLI report against it on seeded random books; where the two disagree, one of
// them misreads the spec. Not used by the product.
// Updated for the revised §3 (log-scale threshold slider on the nice-number grid, default threshold =
// nearest slider position, ties to the higher — §15.1) and §6 (samples = slider positions, at most 50,
// plus the current threshold). Allocation v2 (§15) lives in independent-v2.mjs, which reuses this file.

// Independent reference implementation of the Territory Slicer spec (SPEC.md §2–8, §13, §14).
// Plain Node.js, no dependencies. Written for readability, not speed.
//
// Usage:
//   node ref.mjs --reps REPS.csv --accounts ACCOUNTS.csv [--threshold N] [--weights A,B,C]
//                [--geo B] [--preserve B] [--risk-cutoff C] > out.json
//
// Exit codes: 0 ok, 2 input has hard errors (JSON still printed), 1 anything else.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENT = 'Enterprise';
export const MM = 'Mid-Market';
export const SEGMENTS = [ENT, MM];

// ---------------------------------------------------------------------------
// CSV (RFC 4180, lenient)
// ---------------------------------------------------------------------------

// Returns an array of records; each record is an array of strings.
// Record i (0-based) is row i+1. CRLF, LF and lone CR end a record.
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let record = [];
  let field = '';
  let fieldStart = true; // nothing consumed yet for the current field
  let dirty = false; // anything consumed since the last record ended
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
      } else {
        field += c;
        i += 1;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      dirty = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStart = true;
      dirty = true;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      dirty = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    fieldStart = false;
    dirty = true;
    i += 1;
  }
  if (dirty) {
    record.push(field);
    records.push(record);
  }
  return records;
}

// ---------------------------------------------------------------------------
// Cell helpers
// ---------------------------------------------------------------------------

export function normHeader(h) {
  return h.trim().toLowerCase().replace(/[ _-]/g, '_');
}

export function isBlank(s) {
  return s === undefined || s === null || String(s).trim() === '';
}

// Numeric text rule (§14). Returns a finite number or null (type error).
export function parseNumber(raw) {
  const s = String(raw).replace(/[\p{Sc},\s]/gu, '');
  if (!/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  return v;
}

export function parseSegment(raw) {
  const s = String(raw).trim().toLowerCase();
  if (s === 'enterprise' || s === 'ent' || s === 'e') return ENT;
  if (s === 'mid-market' || s === 'mid market' || s === 'midmarket' || s === 'mm') return MM;
  return null;
}

export function key(s) {
  return String(s ?? '').trim().toLowerCase();
}

// ---------------------------------------------------------------------------
// Sheet reading: header detection and column mapping
// ---------------------------------------------------------------------------

const REPS_COLUMNS = [
  { name: 'Rep_Name', aliases: ['rep_name'] },
  { name: 'Segment', aliases: ['segment'] },
  { name: 'Location', aliases: ['location'] },
];

const ACCOUNTS_COLUMNS = [
  { name: 'Account_ID', aliases: ['account_id'] },
  { name: 'Account_Name', aliases: ['account_name'] },
  { name: 'Original_Rep', aliases: ['original_rep', 'current_rep'] }, // Original_Rep wins
  { name: 'ARR', aliases: ['arr'] },
  { name: 'Num_Employees', aliases: ['num_employees'] },
  { name: 'Location', aliases: ['location'] },
];

const RISK_COLUMN = { name: 'Risk_Score', aliases: ['risk_score'] };

// Allocation v2 (§15) optional columns, read only when validateReps / validateAccounts get v2 options.
const MAX_ACCOUNTS_COLUMN = { name: 'Max_Accounts', aliases: ['max_accounts'] };
const LOCKED_COLUMN = { name: 'Locked', aliases: ['locked'] };
const LOCKED_REP_COLUMN = { name: 'Locked_Rep', aliases: ['locked_rep'] };
export { REPS_COLUMNS, ACCOUNTS_COLUMNS };

// §15 Locked cell: TRUE/FALSE, yes/no, y/n, 1/0, x, blank (case-insensitive after trim). Returns true, false, or null (hard error).
export function parseLocked(raw) {
  const s = String(raw ?? '').trim().toLowerCase();
  if (s === '' || s === 'false' || s === 'no' || s === 'n' || s === '0') return false;
  if (s === 'true' || s === 'yes' || s === 'y' || s === '1' || s === 'x') return true;
  return null;
}

// §15 Max_Accounts cell: integer ≥ 0 (numeric text per §14), blank = no cap (undefined). Returns a number, undefined, or null (hard error).
export function parseMaxAccounts(raw) {
  if (isBlank(raw)) return undefined;
  const v = parseNumber(raw);
  if (v === null || v < 0 || !Number.isInteger(v)) return null;
  return v;
}

function columnIndex(norms, col) {
  for (const alias of col.aliases) {
    const idx = norms.indexOf(alias); // first occurrence: a repeated header uses its first column
    if (idx >= 0) return idx;
  }
  return -1;
}

// Returns { headerRow (1-based), cols: {name: index}, missing: [names], dataRows: [{row, cells}] }
export function readSheet(records, required, optional) {
  const limit = Math.min(10, records.length);
  let headerIndex = -1;
  let bestIndex = 0;
  let bestCount = -1;
  for (let r = 0; r < limit; r++) {
    const norms = records[r].map(normHeader);
    let count = 0;
    for (const col of required) if (columnIndex(norms, col) >= 0) count++;
    if (count === required.length) {
      headerIndex = r;
      break;
    }
    if (count > bestCount) {
      bestCount = count;
      bestIndex = r;
    }
  }
  if (headerIndex < 0) {
    const norms = records.length > 0 ? records[bestIndex].map(normHeader) : [];
    const missing = required.filter((col) => columnIndex(norms, col) < 0).map((c) => c.name);
    return { headerRow: bestIndex + 1, cols: null, missing, dataRows: [] };
  }
  const norms = records[headerIndex].map(normHeader);
  const cols = {};
  for (const col of required) cols[col.name] = columnIndex(norms, col);
  for (const col of optional) cols[col.name] = columnIndex(norms, col);
  const dataRows = [];
  for (let r = headerIndex + 1; r < records.length; r++) {
    const cells = records[r];
    if (cells.every((c) => isBlank(c))) continue; // fully blank rows are skipped
    dataRows.push({ row: r + 1, cells });
  }
  return { headerRow: headerIndex + 1, cols, missing: [], dataRows };
}

export function cell(dataRow, idx) {
  if (idx < 0) return '';
  const v = dataRow.cells[idx];
  return v === undefined ? '' : v;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

// v2: when true, the optional Max_Accounts column is read (rep.maxAccounts: integer or null = no own cap).
export function validateReps(records, errors, warnings, v2 = false) {
  const sheet = 'Reps';
  const s = readSheet(records, REPS_COLUMNS, v2 ? [MAX_ACCOUNTS_COLUMN] : []);
  if (s.missing.length > 0) {
    for (const name of s.missing) {
      errors.push({ sheet, row: s.headerRow, column: name, value: null, message: `Missing required column ${name}` });
    }
    return null;
  }
  if (s.dataRows.length === 0) {
    errors.push({ sheet, row: s.headerRow, column: null, value: null, message: 'Reps sheet has no data rows: no reps at all' });
    return null;
  }
  const reps = [];
  const seen = new Map(); // lower-cased trimmed name -> first row
  for (const dr of s.dataRows) {
    const nameRaw = cell(dr, s.cols.Rep_Name);
    const segRaw = cell(dr, s.cols.Segment);
    const locRaw = cell(dr, s.cols.Location);
    let ok = true;
    if (isBlank(nameRaw)) {
      errors.push({ sheet, row: dr.row, column: 'Rep_Name', value: nameRaw, message: 'Rep_Name is blank' });
      ok = false;
    } else {
      const k = key(nameRaw);
      if (seen.has(k)) {
        errors.push({ sheet, row: dr.row, column: 'Rep_Name', value: nameRaw, message: `Duplicate Rep_Name (first on row ${seen.get(k)})` });
        ok = false;
      } else {
        seen.set(k, dr.row);
      }
    }
    let segment = null;
    if (isBlank(segRaw)) {
      errors.push({ sheet, row: dr.row, column: 'Segment', value: segRaw, message: 'Segment is blank' });
      ok = false;
    } else {
      segment = parseSegment(segRaw);
      if (segment === null) {
        errors.push({ sheet, row: dr.row, column: 'Segment', value: segRaw, message: `Unknown Segment value "${segRaw}"` });
        ok = false;
      }
    }
    let maxAccounts = null;
    if (v2 && s.cols.Max_Accounts >= 0) {
      const raw = cell(dr, s.cols.Max_Accounts);
      const v = parseMaxAccounts(raw);
      if (v === null) {
        errors.push({ sheet, row: dr.row, column: 'Max_Accounts', value: raw, message: 'Max_Accounts must be an integer ≥ 0 or blank' });
        ok = false;
      } else if (v !== undefined) maxAccounts = v;
    }
    if (isBlank(locRaw)) {
      warnings.push({ code: 'blank-location', message: `Reps row ${dr.row}: blank Location (no geo match possible)` });
    }
    if (ok) reps.push(v2 ? { name: nameRaw.trim(), segment, location: locRaw.trim(), row: dr.row, maxAccounts } : { name: nameRaw.trim(), segment, location: locRaw.trim(), row: dr.row });
  }
  return reps;
}

// v2: null for v1, or { repNameKeys: Set of trimmed lower-cased Rep_Name values on the Reps sheet, or null
// when the Reps sheet could not be read } — then Locked and Locked_Rep are read (account.locked: boolean,
// account.lockedRep: trimmed text, '' when blank).
export function validateAccounts(records, errors, warnings, v2 = null) {
  const sheet = 'Accounts';
  const s = readSheet(records, ACCOUNTS_COLUMNS, v2 ? [RISK_COLUMN, LOCKED_COLUMN, LOCKED_REP_COLUMN] : [RISK_COLUMN]);
  if (s.missing.length > 0) {
    for (const name of s.missing) {
      errors.push({ sheet, row: s.headerRow, column: name, value: null, message: `Missing required column ${name}` });
    }
    return null;
  }
  if (s.dataRows.length === 0) {
    errors.push({ sheet, row: s.headerRow, column: null, value: null, message: 'Accounts sheet has no data rows' });
    return null;
  }
  const hasRiskColumn = s.cols.Risk_Score >= 0;
  let riskNumberSeen = false;
  const accounts = [];
  const seen = new Map(); // trimmed id -> first row

  function numeric(dr, column) {
    const raw = cell(dr, s.cols[column]);
    if (isBlank(raw)) {
      errors.push({ sheet, row: dr.row, column, value: raw, message: `${column} is blank` });
      return null;
    }
    const v = parseNumber(raw);
    if (v === null) {
      errors.push({ sheet, row: dr.row, column, value: raw, message: `${column} is not a number` });
      return null;
    }
    if (v < 0) {
      errors.push({ sheet, row: dr.row, column, value: raw, message: `${column} is negative` });
      return null;
    }
    return v;
  }

  for (const dr of s.dataRows) {
    let ok = true;
    const idRaw = cell(dr, s.cols.Account_ID);
    let id = null;
    if (isBlank(idRaw)) {
      errors.push({ sheet, row: dr.row, column: 'Account_ID', value: idRaw, message: 'Account_ID is blank' });
      ok = false;
    } else {
      id = idRaw.trim();
      if (seen.has(id)) {
        errors.push({ sheet, row: dr.row, column: 'Account_ID', value: idRaw, message: `Duplicate Account_ID (first on row ${seen.get(id)})` });
        ok = false;
      } else {
        seen.set(id, dr.row);
      }
    }
    const nameRaw = cell(dr, s.cols.Account_Name);
    if (isBlank(nameRaw)) {
      errors.push({ sheet, row: dr.row, column: 'Account_Name', value: nameRaw, message: 'Account_Name is blank' });
      ok = false;
    }
    const originalRep = cell(dr, s.cols.Original_Rep).trim();
    const arr = numeric(dr, 'ARR');
    if (arr === null) ok = false;
    const employees = numeric(dr, 'Num_Employees');
    if (employees === null) ok = false;
    const locRaw = cell(dr, s.cols.Location);
    if (isBlank(locRaw)) {
      warnings.push({ code: 'blank-location', message: `Accounts row ${dr.row}: blank Location (no geo match possible)` });
    }
    let risk = 0;
    if (hasRiskColumn) {
      const raw = cell(dr, s.cols.Risk_Score);
      if (isBlank(raw)) {
        warnings.push({ code: 'blank-risk-score', message: `Accounts row ${dr.row}: blank Risk_Score treated as 0` });
        risk = 0;
      } else {
        const v = parseNumber(raw);
        if (v === null) {
          errors.push({ sheet, row: dr.row, column: 'Risk_Score', value: raw, message: 'Risk_Score is not a number' });
          ok = false;
        } else {
          riskNumberSeen = true;
          if (v < 0 || v > 1) {
            risk = v < 0 ? 0 : 1;
            warnings.push({ code: 'risk-score-clamped', message: `Accounts row ${dr.row}: Risk_Score ${raw} outside [0, 1], clamped to ${risk}` });
          } else {
            risk = v;
          }
        }
      }
    }
    let locked = false;
    let lockedRep = '';
    if (v2 && s.cols.Locked >= 0) {
      const raw = cell(dr, s.cols.Locked);
      const v = parseLocked(raw);
      if (v === null) {
        errors.push({ sheet, row: dr.row, column: 'Locked', value: raw, message: 'Locked must be TRUE/FALSE, yes/no, y/n, 1/0, x or blank' });
        ok = false;
      } else locked = v;
    }
    if (v2 && s.cols.Locked_Rep >= 0) {
      const raw = cell(dr, s.cols.Locked_Rep);
      if (!isBlank(raw)) {
        if (v2.repNameKeys && !v2.repNameKeys.has(key(raw))) {
          errors.push({ sheet, row: dr.row, column: 'Locked_Rep', value: raw, message: `Locked_Rep "${raw}" is not on the Reps sheet` });
          ok = false;
        } else lockedRep = raw.trim();
      }
    }
    if (ok) {
      const a = { id, name: nameRaw, originalRep, arr, employees, location: locRaw.trim(), risk, row: dr.row };
      if (v2) Object.assign(a, { locked, lockedRep });
      accounts.push(a);
    } else {
      // keep what parsed, for the default-threshold computation in the error case
      accounts.push({ invalid: true, employees });
    }
  }
  return { accounts, riskEnabled: hasRiskColumn && riskNumberSeen };
}

// ---------------------------------------------------------------------------
// Threshold slider (§3)
// ---------------------------------------------------------------------------

// The nice-number grid of §3: { m·10^e integer : m ∈ {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5}, e ≥ 0 } ∪ {0},
// ascending, up to and including the first value ≥ upTo. Exact integer arithmetic: m = q/4 with
// q ∈ {4, 5, 6, 8, 10, 12, 16, 20, 24, 30}, so m·10^e is an integer exactly when q·10^e is divisible by 4
// (below 10: 0, 1, 2, 3, 4, 5, 6; then 10, 15, 20, 25, 30, 40, 50, 60, 75; from 100 on all ten).
const GRID_Q = [4, 5, 6, 8, 10, 12, 16, 20, 24, 30];
export function niceGrid(upTo) {
  const out = [0];
  for (let e = 0; out[out.length - 1] < upTo; e++) {
    const p = 10 ** e;
    for (const q of GRID_Q) {
      const v = q * p;
      if (v % 4 === 0 && out[out.length - 1] < upTo) out.push(v / 4);
    }
  }
  return out;
}

export function median(values) {
  const v = values.slice().sort((a, b) => a - b);
  const n = v.length;
  if (n % 2 === 1) return v[(n - 1) / 2];
  return (v[n / 2 - 1] + v[n / 2]) / 2;
}

// §3 + §15.1: the slider for a list of Num_Employees values.
// Returns { scale: 'log' | 'linear', positions: number[] ascending, default: number }.
export function sliderPositions(employeesList) {
  let min = Infinity;
  let max = -Infinity;
  for (const e of employeesList) {
    if (e < min) min = e;
    if (e > max) max = e;
  }
  let scale;
  let positions;
  if (max > 10 * Math.max(min, 1)) {
    scale = 'log';
    const grid = niceGrid(max);
    let lo = 0;
    for (const g of grid) if (g <= min) lo = g; // largest grid value ≤ min (0 is always there)
    let hi = grid[grid.length - 1];
    for (let i = grid.length - 1; i >= 0; i--) if (grid[i] >= max) hi = grid[i]; // smallest grid value ≥ max
    positions = grid.filter((g) => g >= lo && g <= hi);
  } else {
    scale = 'linear';
    const diff = max - min;
    const step = diff >= 10000 ? 1000 : diff >= 1000 ? 100 : 10;
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    positions = [];
    for (let i = 0; lo + i * step <= hi; i++) positions.push(lo + i * step);
  }
  const lo = positions[0];
  const hi = positions[positions.length - 1];
  let def;
  if (1000 >= lo && 1000 <= hi) def = 1000;
  else {
    const m = median(employeesList);
    def = positions[0];
    for (const p of positions) {
      // nearest by absolute difference; ties to the higher (positions ascend, so ≤ keeps the later one)
      if (Math.abs(p - m) <= Math.abs(def - m)) def = p;
    }
  }
  return { scale, positions, default: def };
}

export function defaultThreshold(employeesList) {
  return sliderPositions(employeesList).default;
}

// ---------------------------------------------------------------------------
// Metrics (§5)
// ---------------------------------------------------------------------------

// values: one load per rep. Returns null when undefined (mean 0 or no reps).
export function driverMetrics(values) {
  const k = values.length;
  if (k === 0) return null;
  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / k;
  if (mean === 0) return null;
  let sq = 0;
  for (const x of values) sq += (x - mean) * (x - mean);
  const sigma = Math.sqrt(sq / k);
  const cv = (100 * sigma) / mean;
  const score = Math.max(0, 100 - cv);
  let absSum = 0;
  for (const xi of values) for (const xj of values) absSum += Math.abs(xi - xj);
  const gini = absSum / (2 * k * k * mean);
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const minMaxRatio = max === 0 ? null : min / max;
  return { cv, score, gini, minMaxRatio };
}

export const DRIVER_KEYS = ['arr', 'accounts', 'risk'];

// drivers: {arr, accounts, risk} each metrics-or-null. weights: {arr, accounts, risk}
export function composites(drivers, weights) {
  let wsum = 0;
  let wscore = 0;
  let n = 0;
  let ssum = 0;
  for (const d of DRIVER_KEYS) {
    const m = drivers[d];
    if (m === null) continue;
    wsum += weights[d];
    wscore += weights[d] * m.score;
    n += 1;
    ssum += m.score;
  }
  return { custom: wsum === 0 ? null : wscore / wsum, balanced: n === 0 ? null : ssum / n };
}

// ---------------------------------------------------------------------------
// Allocation (§4) and everything derived from one run
// ---------------------------------------------------------------------------

export function isHighRisk(account, ctx) {
  return ctx.riskEnabled && account.risk >= ctx.riskCutoff;
}

export function fmtMoney(x) {
  return '$' + Math.round(x).toLocaleString('en-US');
}

export function compareCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function reasonText(cands, winnerIdx, tieSet) {
  const w = cands[winnerIdx];
  const others = cands.filter((_, i) => i !== winnerIdx);
  if (others.length === 0) return `${w.rep} wins: only rep in segment (score ${w.score})`;
  let runner = null;
  for (const c of others) if (runner === null || c.score < runner.score) runner = c;
  if (tieSet.length > 1) {
    const tiedOthers = tieSet.filter((i) => i !== winnerIdx).map((i) => cands[i]);
    const lowerArrThanAll = tiedOthers.every((c) => w.currentArr < c.currentArr);
    if (lowerArrThanAll) {
      const o = tiedOthers.reduce((a, b) => (b.currentArr < a.currentArr ? b : a));
      return `${w.rep} wins: tie settled by lower current ARR (${fmtMoney(w.currentArr)} vs ${fmtMoney(o.currentArr)})`;
    }
    return `${w.rep} wins: tie settled by name`;
  }
  let minOtherBlended = Infinity;
  for (const c of others) if (c.blended < minOtherBlended) minOtherBlended = c.blended;
  if (w.blended < minOtherBlended) {
    return `${w.rep} wins: lowest score ${w.score}${w.bonus > 0 ? ` with bonus (+${w.bonus})` : ''}, vs ${runner.rep} ${runner.score}`;
  }
  const gap = w.blended === 0 ? 0 : 1 - minOtherBlended / w.blended;
  return `${w.rep} wins: bonus (+${w.bonus}) overcame a gap of ${(gap * 100).toFixed(2)} %: score ${w.score}, vs ${runner.rep} ${runner.score}`;
}

// ctx: { reps, accounts, riskEnabled, riskCutoff, geo, preserve }
// Returns everything for one threshold + weights.
export function runAllocation(ctx, threshold, weights, wantAudit) {
  const { reps, accounts } = ctx;
  const segmentOf = accounts.map((a) => (a.employees >= threshold ? ENT : MM));
  const assigned = accounts.map(() => null); // rep name or null
  const audit = [];
  const segments = {};
  let step = 0;

  for (const seg of SEGMENTS) {
    const segReps = reps.filter((r) => r.segment === seg); // Reps-sheet order
    const segAcctIdx = [];
    for (let i = 0; i < accounts.length; i++) if (segmentOf[i] === seg) segAcctIdx.push(i);
    let segArr = 0;
    for (const i of segAcctIdx) segArr += accounts[i].arr;

    if (segReps.length === 0) {
      segments[seg] = {
        accounts: segAcctIdx.length,
        arr: segArr,
        reps: [],
        drivers: { arr: null, accounts: null, risk: null },
        custom: null,
        balanced: null,
        before: null,
      };
      continue;
    }

    const k = segReps.length;
    // driver contributions
    const driverList = ctx.riskEnabled ? ['arr', 'accounts', 'risk'] : ['arr', 'accounts'];
    const contrib = (a, d) => (d === 'arr' ? a.arr : d === 'accounts' ? 1 : isHighRisk(a, ctx) ? a.arr : 0);
    const target = {};
    for (const d of driverList) {
      let t = 0;
      for (const i of segAcctIdx) t += contrib(accounts[i], d);
      target[d] = t / k;
    }
    const scored = driverList.filter((d) => target[d] !== 0);

    const loads = segReps.map(() => ({ arr: 0, accounts: 0, risk: 0 }));

    const order = segAcctIdx.slice().sort((i, j) => {
      const a = accounts[i];
      const b = accounts[j];
      if (a.arr !== b.arr) return b.arr - a.arr;
      return compareCodeUnits(a.id, b.id);
    });

    for (const ai of order) {
      const a = accounts[ai];
      const cands = [];
      for (let r = 0; r < k; r++) {
        const rep = segReps[r];
        let blended = 0;
        for (const d of scored) {
          const x = contrib(a, d);
          const L = loads[r][d];
          const T = target[d];
          blended += ((weights[d] / 100) * x * (2 * L + x)) / (T * T);
        }
        const geoMatch = key(rep.location) !== '' && key(rep.location) === key(a.location);
        const preserveMatch = key(a.originalRep) !== '' && key(a.originalRep) === key(rep.name);
        const bonus = (geoMatch ? ctx.geo : 0) + (preserveMatch ? ctx.preserve : 0);
        const score = blended / (1 + bonus);
        cands.push({ rep: rep.name, blended, bonus, score, currentArr: loads[r].arr });
      }
      let min = Infinity;
      for (const c of cands) if (c.score < min) min = c.score;
      const tieSet = [];
      for (let r = 0; r < k; r++) if (cands[r].score - min <= 1e-9 * min) tieSet.push(r);
      let winner = tieSet[0];
      for (const r of tieSet.slice(1)) {
        const c = cands[r];
        const w = cands[winner];
        if (c.currentArr < w.currentArr) winner = r;
        else if (c.currentArr === w.currentArr) {
          const lc = compareCodeUnits(c.rep.toLowerCase(), w.rep.toLowerCase());
          if (lc < 0 || (lc === 0 && compareCodeUnits(c.rep, w.rep) < 0)) winner = r;
        }
      }
      // apply
      loads[winner].arr += a.arr;
      loads[winner].accounts += 1;
      loads[winner].risk += isHighRisk(a, ctx) ? a.arr : 0;
      assigned[ai] = segReps[winner].name;
      step += 1;
      if (wantAudit) {
        audit.push({
          step,
          accountId: a.id,
          segment: seg,
          winner: segReps[winner].name,
          reason: reasonText(cands, winner, tieSet),
          candidates: cands.map((c) => ({ rep: c.rep, blended: c.blended, bonus: c.bonus, score: c.score })),
        });
      }
    }

    // after metrics
    const drivers = {
      arr: driverMetrics(loads.map((l) => l.arr)),
      accounts: driverMetrics(loads.map((l) => l.accounts)),
      risk: ctx.riskEnabled ? driverMetrics(loads.map((l) => l.risk)) : null,
    };
    const comp = composites(drivers, weights);

    // before metrics: each segment rep's whole original book (any segment)
    const before = { arr: [], accounts: [], risk: [] };
    for (const rep of segReps) {
      let bArr = 0;
      let bAcc = 0;
      let bRisk = 0;
      for (const a of accounts) {
        if (key(a.originalRep) !== '' && key(a.originalRep) === key(rep.name)) {
          bArr += a.arr;
          bAcc += 1;
          bRisk += isHighRisk(a, ctx) ? a.arr : 0;
        }
      }
      before.arr.push(bArr);
      before.accounts.push(bAcc);
      before.risk.push(bRisk);
    }
    const cvScore = (m) => (m === null ? null : { cv: m.cv, score: m.score });

    segments[seg] = {
      accounts: segAcctIdx.length,
      arr: segArr,
      reps: segReps.map((rep, r) => ({ name: rep.name, arr: loads[r].arr, accounts: loads[r].accounts, riskArr: loads[r].risk })),
      drivers,
      custom: comp.custom,
      balanced: comp.balanced,
      before: {
        arr: cvScore(driverMetrics(before.arr)),
        accounts: cvScore(driverMetrics(before.accounts)),
        risk: ctx.riskEnabled ? cvScore(driverMetrics(before.risk)) : null,
      },
      _k: k,
    };
  }

  // overall: rep-count-weighted mean of defined segment composites
  const overall = {};
  for (const which of ['custom', 'balanced']) {
    let num = 0;
    let den = 0;
    for (const seg of SEGMENTS) {
      const s = segments[seg];
      if (s.reps.length === 0 || s[which] === null) continue;
      num += s.reps.length * s[which];
      den += s.reps.length;
    }
    overall[which] = den === 0 ? null : num / den;
  }

  // deal size ratio
  const e = segments[ENT];
  const m = segments[MM];
  let dealSizeRatio = null;
  if (e.accounts > 0 && m.accounts > 0) {
    const meanM = m.arr / m.accounts;
    if (meanM !== 0) dealSizeRatio = e.arr / e.accounts / meanM;
  }

  // moved (§14)
  let movedAccounts = 0;
  let movedArr = 0;
  for (let i = 0; i < accounts.length; i++) {
    const from = key(accounts[i].originalRep);
    const to = key(assigned[i]);
    if (from !== to) {
      movedAccounts += 1;
      movedArr += accounts[i].arr;
    }
  }

  for (const seg of SEGMENTS) delete segments[seg]._k;

  return {
    segmentOf,
    assigned,
    segments,
    overall,
    dealSizeRatio,
    moved: { accounts: movedAccounts, arr: movedArr },
    audit,
  };
}

// ---------------------------------------------------------------------------
// Sensitivity (§6) and Optimize (§7)
// ---------------------------------------------------------------------------

// §6: the slider's positions P_0 < … < P_{m−1}; all when m ≤ 50, else P_j with j = round(i·(m−1)/49)
// (half up, exact integer arithmetic), i = 0..49, duplicates dropped; then the current threshold is added
// when it is not already a sample; ascending.
export function sensitivitySamples(positions, currentThreshold) {
  const m = positions.length;
  const out = [];
  if (m <= 50) out.push(...positions);
  else {
    for (let i = 0; i < 50; i++) {
      const j = Math.floor((2 * i * (m - 1) + 49) / 98);
      if (!out.includes(positions[j])) out.push(positions[j]);
    }
  }
  if (currentThreshold !== undefined && currentThreshold !== null && !out.includes(currentThreshold)) out.push(currentThreshold);
  return out.sort((a, b) => a - b);
}

export function runSensitivity(ctx, weights, threshold) {
  const slider = sliderPositions(ctx.accounts.map((a) => a.employees));
  return sensitivitySamples(slider.positions, threshold).map((p) => {
    const res = runAllocation(ctx, p, weights, false);
    return { threshold: p, balanced: res.overall.balanced, custom: res.overall.custom, dealSizeRatio: res.dealSizeRatio };
  });
}

export function runOptimize(ctx, threshold, weights) {
  const current = runAllocation(ctx, threshold, weights, false).overall.balanced;
  const results = [];
  for (let a = 0; a <= 100; a++) {
    for (let b = 0; b <= 100 - a; b++) {
      const c = 100 - a - b;
      if (!ctx.riskEnabled && c !== 0) continue;
      const w = { arr: a, accounts: b, risk: c };
      const v = runAllocation(ctx, threshold, w, false).overall.balanced;
      results.push({ w, v });
    }
  }
  let best = null;
  for (const r of results) if (r.v !== null && (best === null || r.v > best)) best = r.v;
  if (best === null) return { weights: { ...weights }, balanced: null, currentBalanced: current };
  const l1 = (w) => Math.abs(w.arr - weights.arr) + Math.abs(w.accounts - weights.accounts) + Math.abs(w.risk - weights.risk);
  let chosen = null;
  for (const r of results) {
    if (r.v === null || best - r.v > 1e-9) continue;
    if (chosen === null) {
      chosen = r;
      continue;
    }
    const dr = l1(r.w);
    const dc = l1(chosen.w);
    if (dr < dc || (dr === dc && (r.w.arr > chosen.w.arr || (r.w.arr === chosen.w.arr && r.w.accounts > chosen.w.accounts)))) {
      chosen = r;
    }
  }
  return { weights: chosen.w, balanced: chosen.v, currentBalanced: current };
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

export class UsageError extends Error {}

function parseArgs(argv) {
  const opts = {};
  const valueFlags = ['--reps', '--accounts', '--threshold', '--weights', '--geo', '--preserve', '--risk-cutoff'];
  const boolFlags = ['--sensitivity', '--optimize', '--audit']; // accepted; always on here
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (valueFlags.includes(a)) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      opts[a.slice(2)] = argv[++i];
    } else if (boolFlags.includes(a)) {
      // ignored
    } else {
      throw new UsageError(`unknown argument ${a}`);
    }
  }
  if (!opts.reps || !opts.accounts) throw new UsageError('--reps and --accounts are required');
  return opts;
}

export function parseBonus(text, name) {
  const v = parseNumber(text);
  if (v === null || String(text).trim() === '' || v < 0 || v > 0.1 + 1e-12) throw new UsageError(`${name} must be in [0, 0.10]`);
  if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-9) throw new UsageError(`${name} must be on the 0.01 grid`);
  return v;
}

export function parsePlainNumber(text, name) {
  const s = String(text).trim();
  if (!/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(s)) throw new UsageError(`${name} must be a number`);
  const v = Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`${name} must be finite`);
  return v;
}

export function parseWeights(text) {
  const parts = String(text).split(',').map((p) => p.trim());
  if (parts.length !== 3 || !parts.every((p) => /^[0-9]+$/.test(p))) throw new UsageError('--weights must be three integers');
  const [arr, accounts, risk] = parts.map(Number);
  if (arr + accounts + risk !== 100) throw new UsageError('--weights must sum to 100');
  return { arr, accounts, risk };
}

// Builds the full report. Returns { report, exitCode }.
export function buildReport(repsText, accountsText, opts = {}) {
  const geo = opts.geo !== undefined ? parseBonus(opts.geo, '--geo') : 0.05;
  const preserve = opts.preserve !== undefined ? parseBonus(opts.preserve, '--preserve') : 0.05;
  const riskCutoff = opts['risk-cutoff'] !== undefined ? parsePlainNumber(opts['risk-cutoff'], '--risk-cutoff') : 0.7;
  const userThreshold = opts.threshold !== undefined ? parsePlainNumber(opts.threshold, '--threshold') : null;
  const userWeights = opts.weights !== undefined ? parseWeights(opts.weights) : null;

  const errors = [];
  const warnings = [];
  const reps = validateReps(parseCsv(repsText), errors, warnings);
  const acc = validateAccounts(parseCsv(accountsText), errors, warnings);
  const riskEnabled = acc ? acc.riskEnabled : false;

  if (userWeights && !riskEnabled && userWeights.risk !== 0 && errors.length === 0) {
    throw new UsageError('--weights: Risk must be 0 when risk is disabled');
  }
  const weights = userWeights ?? (riskEnabled ? { arr: 34, accounts: 33, risk: 33 } : { arr: 50, accounts: 50, risk: 0 });

  let threshold = userThreshold;
  if (threshold === null && acc) {
    const emps = acc.accounts.map((a) => a.employees).filter((e) => e !== null && e !== undefined);
    if (emps.length > 0) threshold = defaultThreshold(emps);
  }

  const settings = { threshold, weights, geoBonus: geo, preserveBonus: preserve, riskCutoff, riskEnabled };

  if (errors.length > 0) {
    return {
      exitCode: 2,
      report: {
        settings,
        errors,
        warnings,
        assignments: [],
        segments: null,
        overall: null,
        dealSizeRatio: null,
        moved: null,
        audit: null,
        sensitivity: null,
        optimize: null,
      },
    };
  }

  const accounts = acc.accounts;
  const ctx = { reps, accounts, riskEnabled, riskCutoff, geo, preserve };

  if (!riskEnabled) {
    warnings.push({ code: 'risk-disabled', message: 'Risk is disabled: no Risk_Score column with at least one number; Risk weight is 0 %' });
  }

  // cross-sheet warnings
  const repKeys = new Set(reps.map((r) => key(r.name)));
  for (const a of accounts) {
    if (a.originalRep !== '' && !repKeys.has(key(a.originalRep))) {
      warnings.push({ code: 'orphan-original-rep', message: `Account ${a.id} (row ${a.row}): Original_Rep "${a.originalRep}" is not on the Reps sheet` });
    }
  }
  for (const r of reps) {
    if (!accounts.some((a) => key(a.originalRep) === key(r.name))) {
      warnings.push({ code: 'new-hire', message: `Rep ${r.name} held no accounts before (new hire)` });
    }
  }

  const res = runAllocation(ctx, threshold, weights, true);

  for (const seg of SEGMENTS) {
    const s = res.segments[seg];
    if (s.accounts > 0 && s.reps.length === 0) {
      const ids = accounts.filter((_, i) => res.segmentOf[i] === seg).map((a) => a.id);
      warnings.push({ code: 'segment-without-reps', message: `${seg} has ${s.accounts} accounts but no reps; they stay unassigned: ${ids.join(', ')}` });
    }
    if (s.accounts === 0) {
      warnings.push({ code: 'segment-without-accounts', message: `No ${seg} accounts at this threshold` });
    }
    for (const r of s.reps) {
      if (r.accounts === 0) warnings.push({ code: 'rep-without-accounts', message: `Rep ${r.name} (${seg}) ends with no accounts` });
    }
  }

  const report = {
    settings,
    errors,
    warnings,
    assignments: accounts.map((a, i) => ({ accountId: a.id, segment: res.segmentOf[i], assignedRep: res.assigned[i] })),
    segments: res.segments,
    overall: res.overall,
    dealSizeRatio: res.dealSizeRatio,
    moved: res.moved,
    audit: res.audit,
    sensitivity: opts.noSensitivity ? null : runSensitivity(ctx, weights, threshold),
    optimize: opts.noOptimize ? null : runOptimize(ctx, threshold, weights),
  };
  return { exitCode: 0, report };
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    const repsText = readFileSync(opts.reps, 'utf8');
    const accountsText = readFileSync(opts.accounts, 'utf8');
    const { report, exitCode } = buildReport(repsText, accountsText, opts);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    if (exitCode === 2) {
      for (const e of report.errors) {
        process.stderr.write(`${e.sheet} row ${e.row}${e.column ? ' column ' + e.column : ''}: ${e.message}${e.value !== null ? ` (value: ${JSON.stringify(e.value)})` : ''}\n`);
      }
    }
    process.exitCode = exitCode;
  } catch (err) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
