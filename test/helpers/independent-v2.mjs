// An independent reading of SPEC §15 / §15.1 (allocation v2: locks, capacity, refinement, rebalancing),
// with §13's report additions and §16's CLI options — written from SPEC.md alone, without reading src/.
// Plain JavaScript, no dependencies, plain arrays and Maps, written to be read rather than to be fast.
// Used only as a test oracle. It builds on independent-report.mjs (CSV reading, validation, §4 greedy
// scoring, §5 metrics, §3 slider, §6 samples).
//
// What is deterministic in v2, and therefore compared exactly:
//   - the v2 greedy (effective locks, then §4's greedy over the reps below their cap), fresh or on top of
//     the kept books in rebalance mode ("refine off");
//   - F of that result (`fGreedy`), the floor CVs, unassigned counts, sensitivity and Optimize (greedy).
// What is not (the refinement's search order is the implementation's choice, §15): the refined
// assignment. For refine on, checkV2Properties checks properties instead (locks, caps, local optimum under
// §15's exact acceptance rule, budget, F bookkeeping, audit replay), and referenceLocalSearch gives one
// valid refined result (best improvement) to compare quality against.
//
// Readings of places where the spec leaves room are marked "Reading:" below.

import {
  ENT,
  MM,
  SEGMENTS,
  DRIVER_KEYS,
  REPS_COLUMNS,
  parseCsv,
  readSheet,
  cell,
  isBlank,
  key,
  validateReps,
  validateAccounts,
  sliderPositions,
  sensitivitySamples,
  driverMetrics,
  composites,
  isHighRisk,
  reasonText,
  compareCodeUnits,
  UsageError,
  parseBonus,
  parsePlainNumber,
  parseWeights,
  parseLocked,
  parseMaxAccounts,
} from './independent-report.mjs';

export { parseLocked, parseMaxAccounts, sliderPositions, sensitivitySamples, UsageError };

// ---------------------------------------------------------------------------
// CLI options of v2 (§13, §15)
// ---------------------------------------------------------------------------

// opts: { mode?: 'fresh'|'rebalance', refine?: 'on'|'off'|boolean, budget?: '10', 'max-accounts'?: 'E,MM' }.
// Returns { mode, refine: boolean, budget: integer percent, maxAccounts: {Enterprise: n|null, 'Mid-Market': n|null} }.
// Throws UsageError (exit 1) on a bad value.
// Reading: --budget is an integer 0..100 (the pane slider's range); anything else is a usage error.
export function parseV2Options(opts = {}) {
  const mode = opts.mode === undefined ? 'fresh' : String(opts.mode).trim();
  if (mode !== 'fresh' && mode !== 'rebalance') throw new UsageError('--mode must be fresh or rebalance');
  let refine = true;
  if (opts.refine !== undefined) {
    if (opts.refine === true || opts.refine === false) refine = opts.refine;
    else {
      const t = String(opts.refine).trim();
      if (t !== 'on' && t !== 'off') throw new UsageError('--refine must be on or off');
      refine = t === 'on';
    }
  }
  let budget = 10;
  if (opts.budget !== undefined) {
    const t = String(opts.budget).trim();
    if (!/^[0-9]+$/.test(t) || Number(t) > 100) throw new UsageError('--budget must be an integer percent 0..100');
    budget = Number(t);
  }
  const maxAccounts = { [ENT]: null, [MM]: null };
  if (opts['max-accounts'] !== undefined) {
    const parts = String(opts['max-accounts']).split(',').map((p) => p.trim());
    if (parts.length !== 2) throw new UsageError('--max-accounts must be E,MM');
    const vals = parts.map((p) => {
      if (p === '-') return null;
      if (!/^[0-9]+$/.test(p)) throw new UsageError('--max-accounts: each value an integer ≥ 0 or -');
      return Number(p);
    });
    maxAccounts[ENT] = vals[0];
    maxAccounts[MM] = vals[1];
  }
  return { mode, refine, budget, maxAccounts };
}

// ---------------------------------------------------------------------------
// Reading a v2 book
// ---------------------------------------------------------------------------

// Reads both sheets with the v2 columns (Reps Max_Accounts; Accounts Locked, Locked_Rep).
// Reading: Locked_Rep is checked against every non-blank Rep_Name on the Reps sheet (also rows that have
// errors of their own); when the Reps sheet cannot be read (missing columns) the check is skipped, since the
// Reps errors already block the run. Per row, the v2 errors follow the v1 ones (… Risk_Score, Locked,
// Locked_Rep; Reps: … Segment, Max_Accounts). Max_Accounts uses §14's numeric text rule and must be an
// integer ≥ 0 ("5.0" and "1,000" are accepted as 5 and 1000).
export function readBookV2(repsText, accountsText) {
  const errors = [];
  const warnings = [];
  const repRecords = parseCsv(repsText);
  const reps = validateReps(repRecords, errors, warnings, true);
  const rs = readSheet(repRecords, REPS_COLUMNS, []);
  let repNameKeys = null;
  if (rs.cols) {
    repNameKeys = new Set();
    for (const dr of rs.dataRows) {
      const v = cell(dr, rs.cols.Rep_Name);
      if (!isBlank(v)) repNameKeys.add(key(v));
    }
  }
  const acc = validateAccounts(parseCsv(accountsText), errors, warnings, { repNameKeys });
  return { errors, warnings, reps, acc };
}

// Everything before allocation: flags, reading, settings, cross-sheet warnings.
// Returns { exitCode: 0|2, settings, errors, warnings, ctx|null }. Throws UsageError on bad flags.
export function prepareV2(repsText, accountsText, opts = {}) {
  const geo = opts.geo !== undefined ? parseBonus(opts.geo, '--geo') : 0.05;
  const preserve = opts.preserve !== undefined ? parseBonus(opts.preserve, '--preserve') : 0.05;
  const riskCutoff = opts['risk-cutoff'] !== undefined ? parsePlainNumber(opts['risk-cutoff'], '--risk-cutoff') : 0.7;
  const userThreshold = opts.threshold !== undefined ? parsePlainNumber(opts.threshold, '--threshold') : null;
  const userWeights = opts.weights !== undefined ? parseWeights(opts.weights) : null;
  const v2 = parseV2Options(opts);

  const { errors, warnings, reps, acc } = readBookV2(repsText, accountsText);
  const riskEnabled = acc ? acc.riskEnabled : false;
  if (userWeights && !riskEnabled && userWeights.risk !== 0 && errors.length === 0) {
    throw new UsageError('--weights: Risk must be 0 when risk is disabled');
  }
  const weights = userWeights ?? (riskEnabled ? { arr: 34, accounts: 33, risk: 33 } : { arr: 50, accounts: 50, risk: 0 });
  let threshold = userThreshold;
  if (threshold === null && acc) {
    const emps = acc.accounts.map((a) => a.employees).filter((e) => e !== null && e !== undefined);
    if (emps.length > 0) threshold = sliderPositions(emps).default;
  }
  // Reading: settings.refine is a boolean (the pane's switch; the CLI's on/off), budget an integer percent.
  const settings = {
    threshold,
    weights,
    geoBonus: geo,
    preserveBonus: preserve,
    riskCutoff,
    riskEnabled,
    mode: v2.mode,
    refine: v2.refine,
    budget: v2.budget,
    maxAccounts: { ...v2.maxAccounts },
  };
  if (errors.length > 0) return { exitCode: 2, settings, errors, warnings, ctx: null };

  const accounts = acc.accounts;
  const repByKey = new Map(reps.map((r) => [key(r.name), r]));
  const ctx = { reps, accounts, riskEnabled, riskCutoff, geo, preserve, defaultCaps: v2.maxAccounts, repByKey };
  if (!riskEnabled) {
    warnings.push({ code: 'risk-disabled', message: 'Risk is disabled: no Risk_Score column with at least one number; Risk weight is 0 %' });
  }
  for (const a of accounts) {
    if (a.originalRep !== '' && !repByKey.has(key(a.originalRep))) {
      warnings.push({ code: 'orphan-original-rep', message: `Account ${a.id} (row ${a.row}): Original_Rep "${a.originalRep}" is not on the Reps sheet` });
    }
  }
  for (const r of reps) {
    if (!accounts.some((a) => key(a.originalRep) === key(r.name))) {
      warnings.push({ code: 'new-hire', message: `Rep ${r.name} held no accounts before (new hire)` });
    }
  }
  return { exitCode: 0, settings, errors, warnings, ctx };
}

// ---------------------------------------------------------------------------
// Segment model: reps, accounts, targets, weights, caps, order (§4, §15)
// ---------------------------------------------------------------------------

export function contribution(ctx, a, d) {
  return d === 'arr' ? a.arr : d === 'accounts' ? 1 : isHighRisk(a, ctx) ? a.arr : 0;
}

function contributionVector(ctx, a) {
  return { arr: a.arr, accounts: 1, risk: isHighRisk(a, ctx) ? a.arr : 0 };
}

export function segmentOfAccounts(ctx, threshold) {
  return ctx.accounts.map((a) => (a.employees >= threshold ? ENT : MM));
}

// The per-segment data every step uses. Targets T_d are over ALL accounts of the segment (§4).
// scored: drivers in §4's blended score (T_d ≠ 0). defined: drivers of F (§15.1: weight > 0 and T_d > 0).
export function segmentModel(ctx, seg, segmentOf, weights) {
  const reps = ctx.reps.filter((r) => r.segment === seg); // Reps-sheet order
  const k = reps.length;
  const accts = [];
  for (let i = 0; i < ctx.accounts.length; i++) if (segmentOf[i] === seg) accts.push(i);
  const driverList = ctx.riskEnabled ? DRIVER_KEYS : ['arr', 'accounts'];
  const target = { arr: 0, accounts: 0, risk: 0 };
  if (k > 0) {
    for (const d of driverList) {
      let t = 0;
      for (const i of accts) t += contribution(ctx, ctx.accounts[i], d);
      target[d] = t / k;
    }
  }
  const scored = driverList.filter((d) => target[d] !== 0);
  const defined = driverList.filter((d) => weights[d] > 0 && target[d] > 0);
  const w = { arr: weights.arr / 100, accounts: weights.accounts / 100, risk: weights.risk / 100 };
  const defaultCap = ctx.defaultCaps ? ctx.defaultCaps[seg] : null;
  const caps = reps.map((r) => (r.maxAccounts !== null && r.maxAccounts !== undefined ? r.maxAccounts : defaultCap !== null && defaultCap !== undefined ? defaultCap : Infinity));
  const order = accts.slice().sort((i, j) => {
    const a = ctx.accounts[i];
    const b = ctx.accounts[j];
    if (a.arr !== b.arr) return b.arr - a.arr;
    return compareCodeUnits(a.id, b.id);
  });
  const repIndex = new Map(reps.map((r, i) => [key(r.name), i]));
  const xv = new Map(accts.map((i) => [i, contributionVector(ctx, ctx.accounts[i])]));
  return { seg, reps, k, accts, driverList, target, scored, defined, w, weights, caps, order, repIndex, xv };
}

export function bonusOf(ctx, a, rep) {
  const geoMatch = key(rep.location) !== '' && key(rep.location) === key(a.location);
  const preserveMatch = key(a.originalRep) !== '' && key(a.originalRep) === key(rep.name);
  return { geoMatch, preserveMatch, bonus: (geoMatch ? ctx.geo : 0) + (preserveMatch ? ctx.preserve : 0) };
}

// §15 effective lock of account a in segment model.seg.
// Returns null (no lock asked), { rep: local index, via: 'Locked_Rep'|'Locked' }, or { rep: -1, notApplied: why }.
// Reading: a non-blank Locked_Rep decides alone ("whatever Locked says"): when its rep is of the other
// segment the lock is not applied even if Locked is TRUE and the Original_Rep is of this segment.
export function effectiveLock(ctx, model, a) {
  if (a.lockedRep) {
    const ri = model.repIndex.get(key(a.lockedRep));
    if (ri !== undefined) return { rep: ri, via: 'Locked_Rep' };
    return { rep: -1, notApplied: `Locked_Rep "${a.lockedRep}" is not a rep of ${model.seg}` };
  }
  if (a.locked) {
    if (key(a.originalRep) === '') return { rep: -1, notApplied: 'Original_Rep is blank' };
    if (!ctx.repByKey.has(key(a.originalRep))) return { rep: -1, notApplied: `Original_Rep "${a.originalRep}" is not on the Reps sheet` };
    const ri = model.repIndex.get(key(a.originalRep));
    if (ri === undefined) return { rep: -1, notApplied: `Original_Rep "${a.originalRep}" is a rep of the other segment` };
    return { rep: ri, via: 'Locked' };
  }
  return null;
}

// ---------------------------------------------------------------------------
// F, move/swap terms (§15, §15.1)
// ---------------------------------------------------------------------------

function emptyLoads(k) {
  const out = [];
  for (let r = 0; r < k; r++) out.push({ arr: 0, accounts: 0, risk: 0 });
  return out;
}

// F = Σ_r Σ_d w_d · (L_{r,d} / T_d)² over the defined drivers.
export function segmentF(model, loads) {
  let F = 0;
  for (let r = 0; r < loads.length; r++) {
    for (const d of model.defined) {
      const t = loads[r][d] / model.target[d];
      F += model.w[d] * t * t;
    }
  }
  return F;
}

// cost and relief of moving contribution vector x from a rep with loads Lfrom to a rep with loads Lto.
function moveTerms(model, x, Lfrom, Lto) {
  let cost = 0;
  let relief = 0;
  for (const d of model.defined) {
    const T = model.target[d];
    cost += (model.w[d] * x[d] * (2 * Lto[d] + x[d])) / (T * T);
    relief += (model.w[d] * x[d] * (2 * Lfrom[d] - x[d])) / (T * T);
  }
  return { cost, relief };
}

// ---------------------------------------------------------------------------
// The v2 greedy for one segment (§15.1): [kept books in rebalance mode], effective locks, §4's greedy over
// the reps below their cap.
// ---------------------------------------------------------------------------

// Returns a state: { repOf: Map accountIndex → local rep index or -1 (unassigned), loads, counts,
//   locked: Map accountIndex → local rep, kept: Set accountIndex, startRep: Map (copy of repOf after the
//   greedy), notApplied: [{ai, why}], lockCount: per rep, keptCount: per rep }.
// audit (array or null) receives lock and greedy steps numbered from stepRef.n + 1.
export function greedySegment(ctx, model, { rebalance = false, audit = null, stepRef = { n: 0 } } = {}) {
  const { k, reps, caps } = model;
  const st = {
    repOf: new Map(),
    loads: emptyLoads(k),
    counts: new Array(k).fill(0),
    locked: new Map(),
    kept: new Set(),
    startRep: null,
    notApplied: [],
    lockCount: new Array(k).fill(0),
    keptCount: new Array(k).fill(0),
  };
  for (const ai of model.accts) st.repOf.set(ai, -1);
  if (k === 0) {
    st.startRep = new Map(st.repOf);
    return st;
  }
  const place = (ai, r) => {
    const x = model.xv.get(ai);
    st.repOf.set(ai, r);
    st.loads[r].arr += x.arr;
    st.loads[r].accounts += 1;
    st.loads[r].risk += x.risk;
    st.counts[r] += 1;
  };
  // effective locks (decided first: a lock wins over keeping the book in rebalance mode)
  for (const ai of model.order) {
    const eff = effectiveLock(ctx, model, ctx.accounts[ai]);
    if (eff === null) continue;
    if (eff.rep >= 0) st.locked.set(ai, eff.rep);
    else st.notApplied.push({ ai, why: eff.notApplied });
  }
  // Rebalance: accounts whose Original_Rep is a rep of their segment start with that rep (no step).
  // Reading: the kept books' loads are added first (in §4 order), then the locks, then the greedy.
  if (rebalance) {
    for (const ai of model.order) {
      if (st.locked.has(ai)) continue;
      const r = model.repIndex.get(key(ctx.accounts[ai].originalRep));
      if (r === undefined) continue;
      place(ai, r);
      st.kept.add(ai);
      st.keptCount[r] += 1;
    }
  }
  // locks, in §4 order, adding to loads and counts (may exceed a cap)
  for (const ai of model.order) {
    if (!st.locked.has(ai)) continue;
    const r = st.locked.get(ai);
    const a = ctx.accounts[ai];
    place(ai, r);
    st.lockCount[r] += 1;
    if (audit) {
      stepRef.n += 1;
      const via = effectiveLock(ctx, model, a).via;
      audit.push({
        step: stepRef.n,
        kind: 'lock',
        accountId: a.id,
        segment: model.seg,
        winner: reps[r].name,
        reason: via === 'Locked' ? `${reps[r].name}: locked to current owner` : `${reps[r].name}: locked by Locked_Rep`,
        candidates: [],
      });
    }
  }
  // §4 greedy over the rest; candidates = reps whose count is below their cap
  for (const ai of model.order) {
    if (st.locked.has(ai) || st.kept.has(ai)) continue;
    const a = ctx.accounts[ai];
    const cands = [];
    for (let r = 0; r < k; r++) {
      if (!(st.counts[r] < caps[r])) continue;
      const rep = reps[r];
      let blended = 0;
      for (const d of model.scored) {
        const x = contribution(ctx, a, d);
        const L = st.loads[r][d];
        const T = model.target[d];
        blended += ((model.weights[d] / 100) * x * (2 * L + x)) / (T * T);
      }
      const { bonus } = bonusOf(ctx, a, rep);
      cands.push({ r, rep: rep.name, blended, bonus, score: blended / (1 + bonus), currentArr: st.loads[r].arr });
    }
    if (cands.length === 0) continue; // capacity exhausted: stays unassigned, no step
    let min = Infinity;
    for (const c of cands) if (c.score < min) min = c.score;
    const tieSet = [];
    for (let i = 0; i < cands.length; i++) if (cands[i].score - min <= 1e-9 * min) tieSet.push(i);
    let win = tieSet[0];
    for (const i of tieSet.slice(1)) {
      const c = cands[i];
      const w = cands[win];
      if (c.currentArr < w.currentArr) win = i;
      else if (c.currentArr === w.currentArr) {
        const lc = compareCodeUnits(c.rep.toLowerCase(), w.rep.toLowerCase());
        if (lc < 0 || (lc === 0 && compareCodeUnits(c.rep, w.rep) < 0)) win = i;
      }
    }
    place(ai, cands[win].r);
    if (audit) {
      stepRef.n += 1;
      audit.push({
        step: stepRef.n,
        kind: 'greedy',
        accountId: a.id,
        segment: model.seg,
        winner: cands[win].rep,
        reason: reasonText(cands, win, tieSet),
        candidates: cands.map((c) => ({ rep: c.rep, blended: c.blended, bonus: c.bonus, score: c.score })),
      });
    }
  }
  st.startRep = new Map(st.repOf);
  return st;
}

// ---------------------------------------------------------------------------
// Refinement: accepted moves and swaps (§15), budget (§15.1)
// ---------------------------------------------------------------------------

function cloneState(st) {
  return {
    ...st,
    repOf: new Map(st.repOf),
    loads: st.loads.map((l) => ({ ...l })),
    counts: st.counts.slice(),
  };
}

export function budgetCount(st) {
  let n = 0;
  for (const [ai, r] of st.repOf) if (r !== st.startRep.get(ai)) n += 1;
  return n;
}

function bonusTable(ctx, model) {
  const b = new Map();
  for (const ai of model.accts) b.set(ai, model.reps.map((rep) => bonusOf(ctx, ctx.accounts[ai], rep).bonus));
  return b;
}

function awayDelta(st, ai, from, to) {
  const s = st.startRep.get(ai);
  return (to !== s ? 1 : 0) - (from !== s ? 1 : 0);
}

// The move of account ai to rep s, judged by §15's rule on the current loads (cap not checked here).
function judgeMove(model, st, bon, ai, s, F) {
  const r = st.repOf.get(ai);
  const x = model.xv.get(ai);
  const { cost, relief } = moveTerms(model, x, st.loads[r], st.loads[s]);
  const dF = cost - relief;
  const b = bon.get(ai);
  const accepted = dF < -1e-12 * F && cost / (1 + b[s]) < relief / (1 + b[r]);
  return { kind: 'move', ai, from: r, to: s, dF, accepted, dCount: awayDelta(st, ai, r, s) };
}

// The swap of a (at r) and c (at s): a's move r → s, then c's move s → r on the updated loads (§15).
function judgeSwap(model, st, bon, ai, ci, F) {
  const r = st.repOf.get(ai);
  const s = st.repOf.get(ci);
  const xa = model.xv.get(ai);
  const xc = model.xv.get(ci);
  const h1 = moveTerms(model, xa, st.loads[r], st.loads[s]);
  const Lr = { arr: st.loads[r].arr - xa.arr, accounts: st.loads[r].accounts - 1, risk: st.loads[r].risk - xa.risk };
  const Ls = { arr: st.loads[s].arr + xa.arr, accounts: st.loads[s].accounts + 1, risk: st.loads[s].risk + xa.risk };
  const h2 = moveTerms(model, xc, Ls, Lr);
  const dF = h1.cost - h1.relief + (h2.cost - h2.relief);
  const ba = bon.get(ai);
  const bc = bon.get(ci);
  const brake = h1.cost / (1 + ba[s]) - h1.relief / (1 + ba[r]) + (h2.cost / (1 + bc[r]) - h2.relief / (1 + bc[s]));
  const accepted = dF < -1e-12 * F && brake < 0;
  return { kind: 'swap', ai, ci, from: r, to: s, dF, accepted, dCount: awayDelta(st, ai, r, s) + awayDelta(st, ci, s, r) };
}

// Every accepted move and swap on state st (unlocked, assigned accounts; moves only onto reps below their
// cap; swaps ignore caps). budgetM: null (fresh) or M — then only feasible steps (budget count after ≤ M).
// swapOrders: 'both' (default; the swap of a and c and the swap of c and a are both swaps, their brake sums
// differ) or 'forward' (a before c in §4 order only).
// Returns [{kind, ai, ci?, from, to, dF, dCount}] in a fixed order: moves (accounts in §4 order, reps in
// sheet order), then swaps.
export function acceptedSteps(ctx, model, st, { budgetM = null, swapOrders = 'both', bon = null } = {}) {
  bon = bon ?? bonusTable(ctx, model);
  const F = segmentF(model, st.loads);
  const movable = model.order.filter((ai) => st.repOf.get(ai) >= 0 && !st.locked.has(ai));
  const count = budgetM === null ? 0 : budgetCount(st);
  const feasible = (step) => budgetM === null || count + step.dCount <= budgetM;
  const out = [];
  for (const ai of movable) {
    const r = st.repOf.get(ai);
    for (let s = 0; s < model.k; s++) {
      if (s === r || !(st.counts[s] < model.caps[s])) continue;
      const j = judgeMove(model, st, bon, ai, s, F);
      if (j.accepted && feasible(j)) out.push(j);
    }
  }
  for (let i = 0; i < movable.length; i++) {
    for (let j = i + 1; j < movable.length; j++) {
      const ai = movable[i];
      const ci = movable[j];
      if (st.repOf.get(ai) === st.repOf.get(ci)) continue;
      const fwd = judgeSwap(model, st, bon, ai, ci, F);
      if (fwd.accepted && feasible(fwd)) out.push(fwd);
      if (swapOrders === 'both') {
        const rev = judgeSwap(model, st, bon, ci, ai, F);
        if (rev.accepted && feasible(rev)) out.push(rev);
      }
    }
  }
  return out;
}

function applyStep(model, st, step) {
  const moveOne = (ai, from, to) => {
    const x = model.xv.get(ai);
    st.loads[from].arr -= x.arr;
    st.loads[from].accounts -= 1;
    st.loads[from].risk -= x.risk;
    st.loads[to].arr += x.arr;
    st.loads[to].accounts += 1;
    st.loads[to].risk += x.risk;
    st.counts[from] -= 1;
    st.counts[to] += 1;
    st.repOf.set(ai, to);
  };
  if (step.kind === 'move') moveOne(step.ai, step.from, step.to);
  else {
    moveOne(step.ai, step.from, step.to);
    moveOne(step.ci, step.to, step.from);
  }
}

// The step's priority: F decrease (fresh), or F decrease ÷ max(1, change in the budget count) (rebalance).
function stepGain(step, rebalance) {
  return rebalance ? -step.dF / Math.max(1, step.dCount) : -step.dF;
}

function share(model, loads, d) {
  return model.target[d] > 0 ? loads[d] / model.target[d] : 0;
}

// Best-improvement refinement of one segment's state (in place). Fresh: the largest F decrease each time;
// rebalance (budgetM given): the largest F decrease ÷ max(1, Δ budget count) among feasible steps (§15.1).
// Ties: the first in acceptedSteps' order. Returns { moves, swaps, steps: [...] }.
export function refineSegment(ctx, model, st, { budgetM = null, swapOrders = 'both', audit = null, stepRef = { n: 0 } } = {}) {
  const bon = bonusTable(ctx, model);
  let moves = 0;
  let swaps = 0;
  for (let guard = 0; guard < 1e6; guard++) {
    const steps = acceptedSteps(ctx, model, st, { budgetM, swapOrders, bon });
    if (steps.length === 0) break;
    let best = steps[0];
    for (const s of steps) if (stepGain(s, budgetM !== null) > stepGain(best, budgetM !== null)) best = s;
    const F0 = segmentF(model, st.loads);
    const before = best.kind === 'move' ? [st.loads[best.from], st.loads[best.to]].map((l) => ({ ...l })) : null;
    applyStep(model, st, best);
    const F1 = segmentF(model, st.loads);
    const names = model.reps.map((r) => r.name);
    if (best.kind === 'move') moves += 1;
    else swaps += 1;
    if (audit) {
      stepRef.n += 1;
      const a = ctx.accounts[best.ai];
      if (best.kind === 'move') {
        const after = [st.loads[best.from], st.loads[best.to]];
        const fmt = (v) => v.toFixed(2);
        audit.push({
          step: stepRef.n,
          kind: 'move',
          segment: model.seg,
          accountId: a.id,
          from: names[best.from],
          to: names[best.to],
          deltaF: F1 - F0,
          reason:
            `Refine: ${a.id} moves ${names[best.from]} → ${names[best.to]}, ARR share ${fmt(share(model, before[0], 'arr'))} → ${fmt(share(model, after[0], 'arr'))}` +
            ` / ${fmt(share(model, before[1], 'arr'))} → ${fmt(share(model, after[1], 'arr'))}, F ${(F1 - F0).toFixed(3)}`,
        });
      } else {
        const c = ctx.accounts[best.ci];
        audit.push({
          step: stepRef.n,
          kind: 'swap',
          segment: model.seg,
          accounts: [
            { accountId: a.id, from: names[best.from], to: names[best.to] },
            { accountId: c.id, from: names[best.to], to: names[best.from] },
          ],
          deltaF: F1 - F0,
          reason: `Refine: swap ${a.id} (${names[best.from]} → ${names[best.to]}) and ${c.id} (${names[best.to]} → ${names[best.from]}), F ${(F1 - F0).toFixed(3)}`,
        });
      }
    }
  }
  return { moves, swaps };
}

// ---------------------------------------------------------------------------
// Floors: best achievable CV% (§15 "Best achievable"), floor F and excess (§15.1)
// ---------------------------------------------------------------------------

// Counts: r = n mod k reps at ⌈n/k⌉, the rest at ⌊n/k⌋.
export function floorCountLoads(n, k) {
  const q = Math.floor(n / k);
  const r = n % k;
  const out = [];
  for (let j = 0; j < k; j++) out.push(j < r ? q + 1 : q);
  return out;
}

// Water-filling: the k largest contributions one per rep (zeros when fewer than k), loads L_j = max(m_j, λ),
// λ the level that spends the rest of the total. Returns the k loads, ascending.
export function waterFillLoads(contributions, k) {
  const sorted = contributions.slice().sort((a, b) => b - a);
  const m = sorted.slice(0, k);
  while (m.length < k) m.push(0);
  let rest = 0;
  for (const x of sorted.slice(k)) rest += x;
  m.sort((a, b) => a - b);
  let lambda = m[0];
  let prefix = 0;
  for (let t = 1; t <= k; t++) {
    prefix += m[t - 1];
    const level = (rest + prefix) / t;
    if (t === k || level <= m[t]) {
      lambda = level;
      break;
    }
  }
  return m.map((x) => Math.max(x, lambda));
}

// Population CV% of a list; null when empty or the mean is 0.
export function cvPercent(values) {
  const k = values.length;
  if (k === 0) return null;
  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / k;
  if (mean === 0) return null;
  let sq = 0;
  for (const x of values) sq += (x - mean) * (x - mean);
  return (100 * Math.sqrt(sq / k)) / mean;
}

// floorCv for driver d ('arr' | 'accounts' | 'risk') from the segment's contributions, k reps.
export function floorCv(driver, contributions, k) {
  if (k === 0 || contributions.length === 0) return null;
  const loads = driver === 'accounts' ? floorCountLoads(contributions.length, k) : waterFillLoads(contributions, k);
  return cvPercent(loads);
}

export function floorLoads(driver, contributions, k) {
  return driver === 'accounts' ? floorCountLoads(contributions.length, k) : waterFillLoads(contributions, k);
}

// F of the per-driver floor loads (F separates by driver, so this is a lower bound on any F of the segment).
export function floorF(model) {
  let F = 0;
  for (const d of model.defined) {
    const contribs = model.accts.map((i) => model.xv.get(i)[d]);
    for (const L of floorLoads(d, contribs, model.k)) {
      const t = L / model.target[d];
      F += model.w[d] * t * t;
    }
  }
  return F;
}

// §15.1: excess = F − k · Σ_d w_d (defined drivers). weights: array of fractions w_d, or an object of them.
export function excess(F, k, weights) {
  const ws = Array.isArray(weights) ? weights : Object.values(weights);
  let sum = 0;
  for (const w of ws) sum += w;
  return F - k * sum;
}

export function definedWeights(model) {
  return model.defined.map((d) => model.w[d]);
}

// ---------------------------------------------------------------------------
// One full v2 run
// ---------------------------------------------------------------------------

// mode: 'fresh' | 'rebalance'; refine: 'off' (the v2 greedy), 'none' (refine on, but the greedy result is
// kept: the refined fields are not computed), or 'reference' (best-improvement refinement, refineSegment).
export function runV2(ctx, threshold, weights, { mode = 'fresh', refine = 'off', wantAudit = false, swapOrders = 'both', budget = 10 } = {}) {
  const segmentOf = segmentOfAccounts(ctx, threshold);
  const audit = wantAudit ? [] : null;
  const stepRef = { n: 0 };
  const rebalance = mode === 'rebalance';
  const models = {};
  const states = {};
  const fGreedy = {};
  const refineInfo = {};
  for (const seg of SEGMENTS) {
    models[seg] = segmentModel(ctx, seg, segmentOf, weights);
    states[seg] = greedySegment(ctx, models[seg], { rebalance, audit, stepRef });
    fGreedy[seg] = models[seg].k > 0 ? segmentF(models[seg], states[seg].loads) : null;
  }
  for (const seg of SEGMENTS) {
    const model = models[seg];
    if (model.k === 0) {
      refineInfo[seg] = null;
      continue;
    }
    const budgetM = rebalance ? Math.floor((budget * model.accts.length) / 100) : null;
    if (refine === 'reference') {
      const { moves, swaps } = refineSegment(ctx, model, states[seg], { budgetM, swapOrders, audit, stepRef });
      refineInfo[seg] = { moves, swaps, fGreedy: fGreedy[seg], fFinal: segmentF(model, states[seg].loads) };
    } else if (refine === 'none') {
      refineInfo[seg] = { moves: null, swaps: null, fGreedy: fGreedy[seg], fFinal: null };
    } else {
      refineInfo[seg] = { moves: 0, swaps: 0, fGreedy: fGreedy[seg], fFinal: fGreedy[seg] };
    }
  }

  const assigned = ctx.accounts.map(() => null);
  const locked = ctx.accounts.map(() => false);
  for (const seg of SEGMENTS) {
    const model = models[seg];
    for (const [ai, r] of states[seg].repOf) assigned[ai] = r >= 0 ? model.reps[r].name : null;
    for (const ai of states[seg].locked.keys()) locked[ai] = true;
  }

  const segments = {};
  for (const seg of SEGMENTS) segments[seg] = segmentReport(ctx, models[seg], states[seg], weights, refineInfo[seg]);

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
  const e = segments[ENT];
  const m = segments[MM];
  let dealSizeRatio = null;
  if (e.accounts > 0 && m.accounts > 0) {
    const meanM = m.arr / m.accounts;
    if (meanM !== 0) dealSizeRatio = e.arr / e.accounts / meanM;
  }
  let movedAccounts = 0;
  let movedArr = 0;
  for (let i = 0; i < ctx.accounts.length; i++) {
    if (key(ctx.accounts[i].originalRep) !== key(assigned[i])) {
      movedAccounts += 1;
      movedArr += ctx.accounts[i].arr;
    }
  }
  return { segmentOf, assigned, locked, models, states, segments, overall, dealSizeRatio, moved: { accounts: movedAccounts, arr: movedArr }, audit };
}

// The §13 segment object with the §15 additions (unassigned, refine, per-driver floorCv).
function segmentReport(ctx, model, st, weights, refine) {
  const { reps, k } = model;
  let segArr = 0;
  for (const i of model.accts) segArr += ctx.accounts[i].arr;
  const unassigned = model.accts.filter((ai) => st.repOf.get(ai) < 0).length;
  if (k === 0) {
    return {
      accounts: model.accts.length,
      arr: segArr,
      reps: [],
      drivers: { arr: null, accounts: null, risk: null },
      custom: null,
      balanced: null,
      before: null,
      unassigned,
      refine: null,
    };
  }
  const loads = st.loads;
  const withFloor = (d, m) => {
    if (m === null) return null;
    const contribs = model.accts.map((i) => model.xv.get(i)[d]);
    return { ...m, floorCv: floorCv(d, contribs, k) };
  };
  const drivers = {
    arr: withFloor('arr', driverMetrics(loads.map((l) => l.arr))),
    accounts: withFloor('accounts', driverMetrics(loads.map((l) => l.accounts))),
    risk: ctx.riskEnabled ? withFloor('risk', driverMetrics(loads.map((l) => l.risk))) : null,
  };
  const comp = composites(drivers, weights);
  const before = { arr: [], accounts: [], risk: [] };
  for (const rep of reps) {
    let bArr = 0;
    let bAcc = 0;
    let bRisk = 0;
    for (const a of ctx.accounts) {
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
  return {
    accounts: model.accts.length,
    arr: segArr,
    reps: reps.map((rep, r) => ({ name: rep.name, arr: loads[r].arr, accounts: loads[r].accounts, riskArr: loads[r].risk })),
    drivers,
    custom: comp.custom,
    balanced: comp.balanced,
    before: {
      arr: cvScore(driverMetrics(before.arr)),
      accounts: cvScore(driverMetrics(before.accounts)),
      risk: ctx.riskEnabled ? cvScore(driverMetrics(before.risk)) : null,
    },
    unassigned,
    refine,
  };
}

// ---------------------------------------------------------------------------
// Sensitivity and Optimize under v2: the greedy with locks and caps (no refinement, no rebalance) (§15)
// ---------------------------------------------------------------------------

export function runSensitivityV2(ctx, weights, threshold) {
  const slider = sliderPositions(ctx.accounts.map((a) => a.employees));
  return sensitivitySamples(slider.positions, threshold).map((p) => {
    const res = runV2(ctx, p, weights, { mode: 'fresh', refine: 'off' });
    return { threshold: p, balanced: res.overall.balanced, custom: res.overall.custom, dealSizeRatio: res.dealSizeRatio };
  });
}

// Reading: currentBalanced is the greedy's Overall Balanced at the current weights (the same objective as
// the search), not the refined or rebalanced result.
export function runOptimizeV2(ctx, threshold, weights) {
  const objective = (w) => runV2(ctx, threshold, w, { mode: 'fresh', refine: 'off' }).overall.balanced;
  const current = objective(weights);
  const results = [];
  for (let a = 0; a <= 100; a++) {
    for (let b = 0; b <= 100 - a; b++) {
      const c = 100 - a - b;
      if (!ctx.riskEnabled && c !== 0) continue;
      const w = { arr: a, accounts: b, risk: c };
      results.push({ w, v: objective(w) });
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
    if (dr < dc || (dr === dc && (r.w.arr > chosen.w.arr || (r.w.arr === chosen.w.arr && r.w.accounts > chosen.w.accounts)))) chosen = r;
  }
  return { weights: chosen.w, balanced: chosen.v, currentBalanced: current };
}

// ---------------------------------------------------------------------------
// v2 warnings
// ---------------------------------------------------------------------------

function v2Warnings(ctx, res, rebalance) {
  const out = [];
  for (const seg of SEGMENTS) {
    const model = res.models[seg];
    const st = res.states[seg];
    const s = res.segments[seg];
    for (const { ai, why } of st.notApplied) {
      out.push({ code: 'lock-not-applied', message: `Account ${ctx.accounts[ai].id}: lock not applied (${why}); allocated normally` });
    }
    if (s.accounts > 0 && model.k === 0) {
      const ids = model.accts.map((i) => ctx.accounts[i].id);
      out.push({ code: 'segment-without-reps', message: `${seg} has ${s.accounts} accounts but no reps; they stay unassigned: ${ids.join(', ')}` });
    }
    if (s.accounts === 0) out.push({ code: 'segment-without-accounts', message: `No ${seg} accounts at this threshold` });
    for (let r = 0; r < model.k; r++) {
      if (st.lockCount[r] > model.caps[r]) {
        out.push({ code: 'lock-over-capacity', message: `Rep ${model.reps[r].name}: ${st.lockCount[r]} locked accounts exceed the cap of ${model.caps[r]}` });
      } else if (rebalance && st.lockCount[r] + st.keptCount[r] > model.caps[r]) {
        out.push({ code: 'cap-exceeded', message: `Rep ${model.reps[r].name}: the kept book (${st.lockCount[r] + st.keptCount[r]} accounts) exceeds the cap of ${model.caps[r]}` });
      }
    }
    if (model.k > 0 && s.unassigned > 0) {
      const ids = model.order.filter((ai) => st.repOf.get(ai) < 0).map((ai) => ctx.accounts[ai].id);
      let capacity = 0;
      for (const c of model.caps) capacity += c;
      out.push({
        code: 'capacity-exhausted',
        message: `${seg}: ${ids.length} accounts stay unassigned, no rep below their cap (first: ${ids.slice(0, 5).join(', ')}); capacity ${capacity} vs ${model.accts.length} accounts`,
      });
    }
    for (const r of s.reps) if (r.accounts === 0) out.push({ code: 'rep-without-accounts', message: `Rep ${r.name} (${seg}) ends with no accounts` });
  }
  return out;
}

// ---------------------------------------------------------------------------
// The report (§13 + §15 additions)
// ---------------------------------------------------------------------------

// Returns { exitCode: 0|2, report, notComparable: [paths] }. Throws UsageError on bad flags (exit 1).
// opts: the CLI flags by name (threshold, weights, geo, preserve, risk-cutoff, mode, refine, budget,
// max-accounts) plus noSensitivity / noOptimize (booleans) and refineWith: 'none' | 'reference'.
// With --refine off everything is deterministic and should equal the product exactly. With refine on:
//   refineWith 'none' (default): the greedy's assignment is reported and every field the refinement decides is
//     listed in notComparable (refine.moves/swaps/fFinal are null, optimize.refined is null);
//   refineWith 'reference': refineSegment's best-improvement result (one valid refinement, not the
//     product's: the search order is the implementation's choice), so the same fields are notComparable.
export function buildReportV2(repsText, accountsText, opts = {}) {
  const p = prepareV2(repsText, accountsText, opts);
  const { settings, errors, warnings } = p;
  if (p.exitCode === 2) {
    return {
      exitCode: 2,
      report: { settings, errors, warnings, assignments: [], segments: null, overall: null, dealSizeRatio: null, moved: null, audit: null, sensitivity: null, optimize: null },
      notComparable: [],
    };
  }
  const ctx = p.ctx;
  const refineWith = settings.refine ? (opts.refineWith ?? 'none') : 'off';
  const runOpts = { mode: settings.mode, refine: refineWith, wantAudit: true, budget: settings.budget, swapOrders: opts.swapOrders ?? 'both' };
  const res = runV2(ctx, settings.threshold, settings.weights, runOpts);
  warnings.push(...v2Warnings(ctx, res, settings.mode === 'rebalance'));

  let optimize = null;
  if (!opts.noOptimize) {
    optimize = runOptimizeV2(ctx, settings.threshold, settings.weights);
    if (settings.refine) {
      // Reading: "Optimize then refines the recommended weights" in the current mode and budget.
      if (refineWith === 'reference') {
        const r = runV2(ctx, settings.threshold, optimize.weights, { ...runOpts, wantAudit: false });
        optimize.refined = { weights: optimize.weights, balanced: r.overall.balanced, custom: r.overall.custom };
      } else optimize.refined = null;
    }
  }
  const report = {
    settings,
    errors,
    warnings,
    assignments: ctx.accounts.map((a, i) => ({ accountId: a.id, segment: res.segmentOf[i], assignedRep: res.assigned[i], locked: res.locked[i] })),
    segments: res.segments,
    overall: res.overall,
    dealSizeRatio: res.dealSizeRatio,
    moved: res.moved,
    audit: res.audit,
    sensitivity: opts.noSensitivity ? null : runSensitivityV2(ctx, settings.weights, settings.threshold),
    optimize,
  };
  const notComparable = settings.refine
    ? [
        '$.assignments[].assignedRep',
        '$.segments.*.reps',
        '$.segments.*.drivers.*.{cv,score,gini,minMaxRatio}',
        '$.segments.*.{custom,balanced}',
        '$.segments.*.refine.{moves,swaps,fFinal}',
        '$.overall',
        '$.moved',
        '$.audit[kind=move|swap]',
        '$.optimize.refined',
      ]
    : [];
  return { exitCode: 0, report, notComparable };
}

// ---------------------------------------------------------------------------
// Reference local search (quality comparison)
// ---------------------------------------------------------------------------

// From the v2 greedy (fresh) or the start books + greedy (rebalance), best-improvement refinement until no
// accepted (feasible) move or swap is left. Returns { exitCode, assignments: [{accountId, segment,
// assignedRep, locked}], segments: { [seg]: { F, fGreedy, floorF, excess, floorExcess, gap, moves, swaps } | null } }
// where gap = F − floorF (the part of F that is not forced by the data). Throws UsageError on bad flags.
export function referenceLocalSearch(repsText, accountsText, opts = {}, { swapOrders = 'both' } = {}) {
  const p = prepareV2(repsText, accountsText, opts);
  if (p.exitCode === 2) return { exitCode: 2, assignments: [], segments: null };
  const s = p.settings;
  const res = runV2(p.ctx, s.threshold, s.weights, { mode: s.mode, refine: 'reference', budget: s.budget, swapOrders });
  const segments = {};
  for (const seg of SEGMENTS) {
    const model = res.models[seg];
    if (model.k === 0) {
      segments[seg] = null;
      continue;
    }
    const F = segmentF(model, res.states[seg].loads);
    const fl = floorF(model);
    const ws = definedWeights(model);
    const r = res.segments[seg].refine;
    segments[seg] = { F, fGreedy: r.fGreedy, floorF: fl, excess: excess(F, model.k, ws), floorExcess: excess(fl, model.k, ws), gap: F - fl, moves: r.moves, swaps: r.swaps };
  }
  return {
    exitCode: 0,
    assignments: p.ctx.accounts.map((a, i) => ({ accountId: a.id, segment: res.segmentOf[i], assignedRep: res.assigned[i], locked: res.locked[i] })),
    segments,
  };
}

// ---------------------------------------------------------------------------
// Property checker for the product's v2 report
// ---------------------------------------------------------------------------

function near(a, b, rel = 1e-9) {
  if (typeof a !== 'number' || typeof b !== 'number') return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

function refineFlag(v) {
  return v === true || v === 'on' ? true : v === false || v === 'off' ? false : v;
}

// Checks the product's JSON report (report) for the book (repsText, accountsText) and CLI flags (opts) against
// §15 / §15.1. Returns a list of violation strings (empty = all properties hold). checkOpts:
//   swapOrders: 'both' (default) | 'forward' — which swaps count for the local-optimum check (see acceptedSteps);
//   maxViolations: stop after this many (default 50).
// Segmentation uses the report's own settings.threshold (a threshold mismatch is one violation of its own),
// so that a default-threshold disagreement does not hide everything else.
export function checkV2Properties(repsText, accountsText, opts, report, checkOpts = {}) {
  const out = [];
  const max = checkOpts.maxViolations ?? 50;
  const swapOrders = checkOpts.swapOrders ?? 'both';
  const v = (msg) => {
    if (out.length < max) out.push(msg);
  };
  let p;
  try {
    p = prepareV2(repsText, accountsText, opts);
  } catch (err) {
    return [`the independent reading rejects the flags: ${err.message}`];
  }
  if (!report || typeof report !== 'object') return ['no report'];
  if (p.exitCode === 2) {
    if (!Array.isArray(report.errors) || report.errors.length === 0) v(`the book has ${p.errors.length} hard errors but the report lists none`);
    if (Array.isArray(report.assignments) && report.assignments.length > 0) v('hard errors but assignments are not empty');
    return out;
  }
  if (Array.isArray(report.errors) && report.errors.length > 0) {
    v(`report has hard errors the independent reading does not: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return out;
  }
  const ctx = p.ctx;
  const mine = p.settings;
  const rs = report.settings ?? {};
  if (rs.threshold !== mine.threshold) v(`settings.threshold ${rs.threshold} vs ${mine.threshold}`);
  for (const k of ['mode', 'budget']) if (rs[k] !== mine[k]) v(`settings.${k} ${JSON.stringify(rs[k])} vs ${JSON.stringify(mine[k])}`);
  if (refineFlag(rs.refine) !== mine.refine) v(`settings.refine ${JSON.stringify(rs.refine)} vs ${mine.refine}`);
  for (const seg of SEGMENTS) {
    const theirs = rs.maxAccounts ? rs.maxAccounts[seg] : undefined;
    if ((theirs ?? null) !== mine.maxAccounts[seg]) v(`settings.maxAccounts.${seg} ${JSON.stringify(theirs)} vs ${mine.maxAccounts[seg]}`);
  }
  for (const d of DRIVER_KEYS) if (!rs.weights || rs.weights[d] !== mine.weights[d]) v(`settings.weights.${d} ${rs.weights?.[d]} vs ${mine.weights[d]}`);
  const threshold = typeof rs.threshold === 'number' ? rs.threshold : mine.threshold;
  const weights = mine.weights;
  const rebalance = mine.mode === 'rebalance';

  // my deterministic start: the v2 greedy (fresh) or start books + greedy (rebalance)
  const base = runV2(ctx, threshold, weights, { mode: mine.mode, refine: 'off', wantAudit: true, budget: mine.budget });

  const asg = report.assignments;
  if (!Array.isArray(asg) || asg.length !== ctx.accounts.length) {
    v(`assignments: ${Array.isArray(asg) ? asg.length : 'none'} rows vs ${ctx.accounts.length} accounts`);
    return out;
  }
  // map the report's assignment onto local rep indices
  const theirRep = new Map(); // account index -> local rep index, -1 unassigned
  for (let i = 0; i < ctx.accounts.length; i++) {
    const a = ctx.accounts[i];
    const row = asg[i];
    if (!row || row.accountId !== a.id) {
      v(`assignments[${i}]: accountId ${JSON.stringify(row?.accountId)} vs ${a.id}`);
      return out;
    }
    const seg = base.segmentOf[i];
    if (row.segment !== seg) v(`${a.id}: segment ${row.segment} vs ${seg}`);
    const model = base.models[seg];
    if (row.assignedRep === null || row.assignedRep === undefined || row.assignedRep === '') theirRep.set(i, -1);
    else {
      const r = model.repIndex.get(key(row.assignedRep));
      if (r === undefined) {
        v(`${a.id}: assigned to ${row.assignedRep}, not a rep of its segment ${seg}`);
        theirRep.set(i, -2);
      } else theirRep.set(i, r);
    }
    const lockedMine = base.locked[i];
    if (row.locked !== lockedMine) v(`${a.id}: locked ${JSON.stringify(row.locked)} vs ${lockedMine}`);
  }
  if (out.some((m) => m.includes('not a rep of its segment'))) return out;

  for (const seg of SEGMENTS) {
    const model = base.models[seg];
    const st0 = base.states[seg]; // my start state
    const rseg = report.segments?.[seg];
    if (!rseg) {
      v(`segments.${seg} missing`);
      continue;
    }
    const n = model.accts.length;
    // their state
    const st = {
      repOf: new Map(),
      loads: emptyLoads(model.k),
      counts: new Array(model.k).fill(0),
      locked: st0.locked,
      startRep: st0.startRep,
    };
    for (const ai of model.accts) {
      const r = theirRep.get(ai);
      st.repOf.set(ai, r);
      if (r >= 0) {
        const x = model.xv.get(ai);
        st.loads[r].arr += x.arr;
        st.loads[r].accounts += 1;
        st.loads[r].risk += x.risk;
        st.counts[r] += 1;
      }
    }
    const unassigned = model.accts.filter((ai) => st.repOf.get(ai) < 0);
    if (rseg.unassigned !== unassigned.length) v(`${seg}: unassigned ${rseg.unassigned} vs ${unassigned.length} in the assignment`);

    if (model.k === 0) {
      if (unassigned.length !== n) v(`${seg}: no reps but ${n - unassigned.length} accounts assigned`);
      if (rseg.refine !== null && rseg.refine !== undefined && (rseg.refine.moves !== 0 || rseg.refine.swaps !== 0)) v(`${seg}: no reps but refine ${JSON.stringify(rseg.refine)}`);
      continue;
    }

    // locks
    for (const [ai, r] of st0.locked) {
      if (st.repOf.get(ai) !== r) v(`${seg}: locked account ${ctx.accounts[ai].id} is on ${nameOf(model, st.repOf.get(ai))}, not its lock rep ${model.reps[r].name}`);
    }
    // caps: no rep above max(cap, locks [+ kept books in rebalance mode])
    for (let r = 0; r < model.k; r++) {
      const allowed = Math.max(model.caps[r], st0.lockCount[r] + (rebalance ? st0.keptCount[r] : 0));
      if (st.counts[r] > allowed) v(`${seg}: ${model.reps[r].name} holds ${st.counts[r]} accounts, cap ${model.caps[r]} (locks ${st0.lockCount[r]}${rebalance ? `, kept ${st0.keptCount[r]}` : ''})`);
    }
    // no unassigned account while a rep has room
    if (unassigned.length > 0) {
      for (let r = 0; r < model.k; r++) {
        if (st.counts[r] < model.caps[r]) {
          v(`${seg}: ${unassigned.length} accounts unassigned (first ${ctx.accounts[unassigned[0]].id}) while ${model.reps[r].name} has room (${st.counts[r]} < ${model.caps[r]})`);
          break;
        }
      }
    }
    // loads in the report = the assignment
    const rreps = rseg.reps ?? [];
    if (rreps.length !== model.k) v(`${seg}: ${rreps.length} reps listed vs ${model.k}`);
    else {
      for (let r = 0; r < model.k; r++) {
        const rr = rreps[r];
        if (key(rr.name) !== key(model.reps[r].name)) v(`${seg}: reps[${r}] ${rr.name} vs ${model.reps[r].name}`);
        if (!near(rr.arr, st.loads[r].arr)) v(`${seg}: ${rr.name} arr ${rr.arr} vs ${st.loads[r].arr} from the assignment`);
        if (rr.accounts !== st.counts[r]) v(`${seg}: ${rr.name} accounts ${rr.accounts} vs ${st.counts[r]} from the assignment`);
        if (!near(rr.riskArr, st.loads[r].risk)) v(`${seg}: ${rr.name} riskArr ${rr.riskArr} vs ${st.loads[r].risk} from the assignment`);
      }
    }
    // drivers: metrics of those loads, and floorCv
    const drvLoads = { arr: st.loads.map((l) => l.arr), accounts: st.loads.map((l) => l.accounts), risk: st.loads.map((l) => l.risk) };
    for (const d of DRIVER_KEYS) {
      const m = d === 'risk' && !ctx.riskEnabled ? null : driverMetrics(drvLoads[d]);
      const theirs = rseg.drivers ? rseg.drivers[d] : undefined;
      if (m === null) {
        if (theirs !== null && theirs !== undefined) v(`${seg}: drivers.${d} should be null`);
        continue;
      }
      if (!theirs) {
        v(`${seg}: drivers.${d} missing`);
        continue;
      }
      if (!near(theirs.cv, m.cv)) v(`${seg}: drivers.${d}.cv ${theirs.cv} vs ${m.cv} of the assignment`);
      const fc = floorCv(d, model.accts.map((i) => model.xv.get(i)[d]), model.k);
      if (!(theirs.floorCv === fc || near(theirs.floorCv, fc))) v(`${seg}: drivers.${d}.floorCv ${theirs.floorCv} vs ${fc}`);
    }
    // F bookkeeping
    const ref = rseg.refine;
    const F = segmentF(model, st.loads);
    const fStart = segmentF(model, st0.loads);
    if (!ref || typeof ref !== 'object') v(`${seg}: refine missing`);
    else {
      if (!near(ref.fFinal, F)) v(`${seg}: refine.fFinal ${ref.fFinal} vs F ${F} of the assignment`);
      if (!near(ref.fGreedy, fStart)) v(`${seg}: refine.fGreedy ${ref.fGreedy} vs ${fStart} (${rebalance ? 'start books + ' : ''}v2 greedy)`);
      if (typeof ref.fFinal === 'number' && typeof ref.fGreedy === 'number' && ref.fFinal > ref.fGreedy * (1 + 1e-9) + 1e-12) v(`${seg}: fFinal ${ref.fFinal} > fGreedy ${ref.fGreedy}`);
    }
    if (!mine.refine) {
      for (const ai of model.accts) {
        if (st.repOf.get(ai) !== st0.repOf.get(ai)) {
          v(`${seg}: refine off, ${ctx.accounts[ai].id} on ${nameOf(model, st.repOf.get(ai))}, the v2 greedy gives ${nameOf(model, st0.repOf.get(ai))}`);
        }
      }
      if (ref && (ref.moves !== 0 || ref.swaps !== 0)) v(`${seg}: refine off but moves ${ref.moves}, swaps ${ref.swaps}`);
    } else {
      const budgetM = rebalance ? Math.floor((mine.budget * n) / 100) : null;
      if (rebalance) {
        const used = budgetCount(st);
        if (used > budgetM) v(`${seg}: budget count ${used} > M = ${budgetM}`);
      }
      const left = acceptedSteps(ctx, model, st, { budgetM, swapOrders });
      if (left.length > 0) {
        const s0 = left[0];
        const desc = s0.kind === 'move' ? `move ${ctx.accounts[s0.ai].id} ${model.reps[s0.from].name} → ${model.reps[s0.to].name}` : `swap ${ctx.accounts[s0.ai].id} (${model.reps[s0.from].name}) ↔ ${ctx.accounts[s0.ci].id} (${model.reps[s0.to].name})`;
        v(`${seg}: not a local optimum: ${left.length} accepted ${rebalance ? 'feasible ' : ''}steps left, e.g. ${desc}, ΔF ${s0.dF}`);
      }
    }
    if (rebalance && !mine.refine && budgetCount(st) !== 0) v(`${seg}: refine off but budget count ${budgetCount(st)}`);
  }

  if (Array.isArray(report.audit)) checkAudit(ctx, base, report, mine, swapOrders, v);
  return out;
}

function nameOf(model, r) {
  return r >= 0 ? model.reps[r].name : r === -1 ? '(unassigned)' : '(not a rep of the segment)';
}

// Audit: steps 1..N; lock and greedy steps exactly the independent ones (kind, account, winner, order);
// refinement steps after all of them, Enterprise first; replaying them from the start state gives the
// reported assignment, each being accepted (§15) when taken, moves onto reps below their cap, no locked
// account moved, deltaF right, counts = refine.moves / swaps; rebalance: each step feasible and of the
// largest F decrease ÷ max(1, Δ budget count) among the feasible accepted steps at that point.
function checkAudit(ctx, base, report, mine, swapOrders, v) {
  const audit = report.audit;
  for (let i = 0; i < audit.length; i++) if (audit[i].step !== i + 1) {
    v(`audit[${i}].step ${audit[i].step}, expected ${i + 1}`);
    return;
  }
  const mineSteps = base.audit; // lock + greedy only
  const theirsFirst = audit.filter((s) => s.kind !== 'move' && s.kind !== 'swap');
  const firstRefine = audit.findIndex((s) => s.kind === 'move' || s.kind === 'swap');
  if (firstRefine >= 0 && audit.slice(firstRefine).some((s) => s.kind !== 'move' && s.kind !== 'swap')) v('audit: a lock or greedy step after a refinement step');
  if (theirsFirst.length !== mineSteps.length) v(`audit: ${theirsFirst.length} lock/greedy steps vs ${mineSteps.length}`);
  for (let i = 0; i < Math.min(theirsFirst.length, mineSteps.length); i++) {
    const t = theirsFirst[i];
    const m = mineSteps[i];
    if (t.kind !== m.kind || t.accountId !== m.accountId || key(t.winner) !== key(m.winner) || t.segment !== m.segment) {
      v(`audit step ${t.step}: ${t.kind} ${t.accountId} → ${t.winner} (${t.segment}) vs ${m.kind} ${m.accountId} → ${m.winner} (${m.segment})`);
      break;
    }
  }
  const refineSteps = firstRefine >= 0 ? audit.slice(firstRefine) : [];
  if (!mine.refine && refineSteps.length > 0) v(`audit: refine off but ${refineSteps.length} refinement steps`);
  // replay
  const idIndex = new Map(ctx.accounts.map((a, i) => [a.id, i]));
  const states = {};
  for (const seg of SEGMENTS) states[seg] = cloneState(base.states[seg]);
  const count = { [ENT]: { moves: 0, swaps: 0 }, [MM]: { moves: 0, swaps: 0 } };
  let lastSegIdx = 0;
  for (const step of refineSteps) {
    const ids = step.kind === 'move' ? [step.accountId] : (step.accounts ?? []).map((x) => x.accountId);
    const idx = ids.map((id) => idIndex.get(id));
    if (idx.some((i) => i === undefined) || (step.kind === 'swap' && idx.length !== 2)) {
      v(`audit step ${step.step}: unknown accounts ${JSON.stringify(ids)}`);
      return;
    }
    const seg = base.segmentOf[idx[0]];
    if (idx.some((i) => base.segmentOf[i] !== seg)) {
      v(`audit step ${step.step}: accounts of two segments`);
      return;
    }
    const segIdx = SEGMENTS.indexOf(seg);
    if (segIdx < lastSegIdx) v(`audit step ${step.step}: ${seg} refinement after Mid-Market's`);
    lastSegIdx = segIdx;
    const model = base.models[seg];
    const st = states[seg];
    const bon = bonusTable(ctx, model);
    const F = segmentF(model, st.loads);
    const rebalance = mine.mode === 'rebalance';
    const budgetM = rebalance ? Math.floor((mine.budget * model.accts.length) / 100) : null;
    let j;
    if (step.kind === 'move') {
      const ai = idx[0];
      const from = model.repIndex.get(key(step.from));
      const to = model.repIndex.get(key(step.to));
      if (from === undefined || to === undefined || st.repOf.get(ai) !== from) {
        v(`audit step ${step.step}: move ${step.accountId} from ${step.from}, but it is on ${nameOf(model, st.repOf.get(ai))} at that point`);
        return;
      }
      if (st.locked.has(ai)) v(`audit step ${step.step}: moves locked account ${step.accountId}`);
      if (!(st.counts[to] < model.caps[to])) v(`audit step ${step.step}: moves ${step.accountId} onto ${step.to} at or over its cap`);
      j = judgeMove(model, st, bon, ai, to, F);
      count[seg].moves += 1;
    } else {
      const [ai, ci] = idx;
      const r = st.repOf.get(ai);
      const s = st.repOf.get(ci);
      const a0 = step.accounts[0];
      const c0 = step.accounts[1];
      if (r < 0 || s < 0 || r === s || model.repIndex.get(key(a0.from)) !== r || model.repIndex.get(key(a0.to)) !== s || model.repIndex.get(key(c0.from)) !== s || model.repIndex.get(key(c0.to)) !== r) {
        v(`audit step ${step.step}: swap ${JSON.stringify(step.accounts)} does not match the replayed books (${nameOf(model, r)}, ${nameOf(model, s)})`);
        return;
      }
      if (st.locked.has(ai) || st.locked.has(ci)) v(`audit step ${step.step}: swaps a locked account`);
      j = judgeSwap(model, st, bon, ai, ci, F);
      if (!j.accepted && judgeSwap(model, st, bon, ci, ai, F).accepted) v(`audit step ${step.step}: swap accepted only with ${c0.accountId} moving first (listed second)`);
      count[seg].swaps += 1;
    }
    if (!j.accepted) v(`audit step ${step.step}: ${step.kind} not accepted under §15's rule (ΔF ${j.dF}, F ${F})`);
    if (typeof step.deltaF === 'number' && !near(step.deltaF, j.dF, 1e-6)) v(`audit step ${step.step}: deltaF ${step.deltaF} vs ${j.dF}`);
    if (rebalance) {
      const used = budgetCount(st);
      if (used + j.dCount > budgetM) v(`audit step ${step.step}: budget count ${used + j.dCount} > M = ${budgetM}`);
      const all = acceptedSteps(ctx, model, st, { budgetM, swapOrders, bon });
      let best = -Infinity;
      for (const s of all) best = Math.max(best, stepGain(s, true));
      const g = stepGain(j, true);
      if (all.length > 0 && g < best - 1e-9 * Math.max(Math.abs(best), 1e-300) - 1e-15) v(`audit step ${step.step}: gain ${g} (ΔF ÷ max(1, Δcount)) but a feasible accepted step gains ${best}`);
    }
    applyStep(model, st, j);
  }
  for (const seg of SEGMENTS) {
    const model = base.models[seg];
    const rseg = report.segments?.[seg];
    if (model.k === 0 || !rseg || !rseg.refine) continue;
    if (mine.refine) {
      if (rseg.refine.moves !== count[seg].moves || rseg.refine.swaps !== count[seg].swaps) {
        v(`${seg}: refine.moves/swaps ${rseg.refine.moves}/${rseg.refine.swaps} vs ${count[seg].moves}/${count[seg].swaps} audit steps`);
      }
    }
    const st = states[seg];
    for (const ai of model.accts) {
      const theirs = report.assignments[ai].assignedRep;
      const r = st.repOf.get(ai);
      if (key(theirs) !== key(r >= 0 ? model.reps[r].name : '')) {
        v(`${seg}: replaying the audit puts ${ctx.accounts[ai].id} on ${nameOf(model, r)}, the report on ${theirs}`);
        break;
      }
    }
  }
}
