/**
 * Self-tests of the independent reading of SPEC §15 (test/helpers/independent-v2.mjs) and of the revised
 * §3 / §6 in test/helpers/independent-report.mjs. They use only those helpers (no product code), and they
 * show that the property checker can fail: plain greedy results are caught as non-local-optima, broken locks,
 * caps and bookkeeping are caught, while the v2 greedy (refine off) and the reference local search pass.
 */
import { describe, expect, it } from 'vitest';
import {
  buildReportV2,
  checkV2Properties,
  cvPercent,
  excess,
  floorCountLoads,
  floorCv,
  floorF,
  definedWeights,
  parseLocked,
  parseMaxAccounts,
  parseV2Options,
  prepareV2,
  referenceLocalSearch,
  runV2,
  segmentF,
  waterFillLoads,
  type Driver,
} from '../helpers/independent-v2.mjs';
import { buildReport, niceGrid, sensitivitySamples, sliderPositions } from '../helpers/independent-report.mjs';

import { csv, randomBook, variants } from '../helpers/random-v2-book.js';

const BOOKS = 40;

function report(repsText: string, accountsText: string, opts: Record<string, string | boolean>) {
  const out = buildReportV2(repsText, accountsText, opts);
  expect(out.exitCode, JSON.stringify(out.report.errors)).toBe(0);
  return out.report as Record<string, any>;
}

// ---------------------------------------------------------------------------

describe('v2 greedy (refine off) passes the property checker', () => {
  for (const [label, o] of variants) {
    it(`${BOOKS} ${label} books`, () => {
      const seen = { locks: 0, notApplied: 0, unassigned: 0, kept: 0 };
      for (let c = 0; c < BOOKS; c++) {
        const { repsText, accountsText, opts } = randomBook(7000 + 100 * variants.findIndex((v) => v[0] === label) + c, o);
        const flags = { ...opts, refine: 'off' };
        const rep = report(repsText, accountsText, flags);
        expect(checkV2Properties(repsText, accountsText, flags, rep), `book ${c} ${JSON.stringify(flags)}`).toEqual([]);
        seen.locks += rep.assignments.filter((a: any) => a.locked).length;
        seen.notApplied += rep.warnings.filter((w: any) => w.code === 'lock-not-applied').length;
        for (const seg of ['Enterprise', 'Mid-Market']) if (rep.segments[seg].reps.length > 0) seen.unassigned += rep.segments[seg].unassigned;
        if (o.mode === 'rebalance') seen.kept += rep.assignments.filter((a: any) => a.assignedRep !== null && rep.audit.every((s: any) => s.accountId !== a.accountId)).length;
      }
      // the books reach what they are meant to
      if (o.locks) {
        expect(seen.locks).toBeGreaterThan(10);
        expect(seen.notApplied).toBeGreaterThan(0);
      }
      if (o.caps) expect(seen.unassigned).toBeGreaterThan(0);
      if (o.mode === 'rebalance') expect(seen.kept).toBeGreaterThan(50);
    });
  }

  it('without Locked, Max_Accounts and caps the v2 greedy is §4 exactly (the v1 reading)', () => {
    for (let c = 0; c < 30; c++) {
      const { repsText, accountsText, opts } = randomBook(9100 + c, { bonuses: true, locks: false, caps: false, mode: 'fresh' });
      const v1 = buildReport(repsText, accountsText, opts).report as Record<string, any>;
      const v2 = report(repsText, accountsText, { ...opts, refine: 'off' });
      expect(v2.assignments.map((a: any) => a.assignedRep)).toEqual(v1.assignments.map((a: any) => a.assignedRep));
      expect(v2.audit.map((s: any) => [s.step, s.accountId, s.winner, s.kind])).toEqual(v1.audit.map((s: any) => [s.step, s.accountId, s.winner, 'greedy']));
      expect(v2.audit.map((s: any) => s.candidates)).toEqual(v1.audit.map((s: any) => s.candidates));
    }
  });
});

describe('the checker catches what it must', () => {
  it('finds accepted moves or swaps left on plain greedy results claimed as refined', () => {
    let books = 0;
    let caught = 0;
    let caughtRebalance = 0;
    for (const [label, o] of variants) {
      for (let c = 0; c < BOOKS; c++) {
        const { repsText, accountsText, opts } = randomBook(7000 + 100 * variants.findIndex((v) => v[0] === label) + c, o);
        // the greedy's report, presented as a refined one (refine on, zero steps)
        const rep = report(repsText, accountsText, { ...opts, refine: 'off' });
        rep.settings.refine = true;
        const violations = checkV2Properties(repsText, accountsText, { ...opts, refine: 'on' }, rep);
        // nothing else is wrong with it: only the local-optimum property can fail
        expect(violations.filter((v) => !v.includes('not a local optimum')), `book ${label} ${c}`).toEqual([]);
        books++;
        if (violations.length > 0) {
          caught++;
          if (o.mode === 'rebalance') caughtRebalance++;
        }
      }
    }
    // measured: the greedy leaves accepted steps on most books
    console.log(`greedy results with accepted steps left: ${caught} of ${books} books (${caughtRebalance} in rebalance mode)`);
    expect(books).toBe(variants.length * BOOKS);
    expect(caught).toBeGreaterThan(books / 3);
    expect(caughtRebalance).toBeGreaterThan(10);
  });

  it('applies §15\'s acceptance rule by hand: the preserve bonus brakes a swap at 0.10, not at 0.02', () => {
    // ARR only (T = 5): Ann {A1 3, A2 3} = 6, Ben {A3 2, A4 2} = 4, F = (36 + 16)/25. No move helps
    // (A1 → Ben: cost 3·(8+3) = 33 > relief 3·(12−3) = 27). Swap A1 ↔ A3: halves 33 − 27 and 2·(6+2) − 2·(14−2)
    // = 16 − 24, ΔF = −2/25; the brake with preserve b (each at its Original_Rep):
    // 33 − 27/(1+b) + 16 − 24/(1+b) < 0 ⇔ 49 < 51/(1+b) ⇔ b < 2/49 ≈ 0.0408.
    const reps = csv([['Rep_Name', 'Segment', 'Location'], ['Ann', 'E', ''], ['Ben', 'E', '']]);
    const accounts = csv([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
      ['A1', 'a', 'Ann', 3, 5000, ''],
      ['A2', 'b', 'Ann', 3, 5000, ''],
      ['A3', 'c', 'Ben', 2, 5000, ''],
      ['A4', 'd', 'Ben', 2, 5000, ''],
    ]);
    const handMade = (preserve: string) => {
      const flags = { refine: 'on', weights: '100,0,0', geo: '0', preserve, threshold: '1000', noOptimize: true, noSensitivity: true };
      const rep = report(reps, accounts, { ...flags, refine: 'off' });
      rep.settings.refine = true;
      for (const [i, name] of ['Ann', 'Ann', 'Ben', 'Ben'].entries()) rep.assignments[i].assignedRep = name;
      return checkV2Properties(reps, accounts, flags, rep, { maxViolations: 500 }).filter((v) => v.includes('local optimum'));
    };
    expect(handMade('0.1')).toEqual([]);
    expect(handMade('0.05')).toEqual([]);
    const v = handMade('0.02');
    expect(v).toHaveLength(1);
    // 4 pairs, each accepted in both orders (the bonuses are symmetric here)
    expect(v[0]).toMatch(/^Enterprise: not a local optimum: 8 accepted steps left, e\.g\. swap A1 \(Ann\) ↔ A3 \(Ben\), ΔF /);
    expect(Number(v[0]!.split('ΔF ')[1])).toBeCloseTo(-2 / 25, 12);
  });

  it('catches a broken lock, a wrong locked flag, a cap overrun, an unassigned account with room, bad bookkeeping', () => {
    const reps = csv([['Rep_Name', 'Segment', 'Location', 'Max_Accounts'], ['Ann', 'E', 'CA', 2], ['Ben', 'E', 'NY', ''], ['Cy', 'MM', 'CA', '']]);
    const accounts = csv([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Locked', 'Locked_Rep'],
      ['A1', 'a', 'Ann', 900, 5000, 'CA', 'TRUE', ''],
      ['A2', 'b', 'Ben', 800, 5000, 'NY', '', ''],
      ['A3', 'c', 'Ben', 700, 5000, 'NY', '', 'ann'],
      ['A4', 'd', 'Cy', 600, 5000, 'CA', '', ''],
      ['A5', 'e', 'Cy', 100, 50, 'CA', '', ''],
    ]);
    const flags = { refine: 'off', noOptimize: true, noSensitivity: true, 'max-accounts': '3,-' };
    const base = report(reps, accounts, flags);
    expect(base.assignments.map((a: any) => `${a.accountId}:${a.assignedRep}:${a.locked}`)).toEqual([
      'A1:Ann:true', 'A2:Ben:false', 'A3:Ann:true', 'A4:Ben:false', 'A5:Cy:false',
    ]);
    expect(base.audit.map((s: any) => `${s.step}${s.kind}:${s.accountId}`)).toEqual(['1lock:A1', '2lock:A3', '3greedy:A2', '4greedy:A4', '5greedy:A5']);
    expect(checkV2Properties(reps, accounts, flags, base)).toEqual([]);
    const mutate = (f: (r: any) => void) => {
      const r = structuredClone(base);
      f(r);
      return checkV2Properties(reps, accounts, flags, r).join('\n');
    };
    expect(mutate((r) => (r.assignments[2].assignedRep = 'Ben'))).toMatch(/locked account A3 is on Ben/);
    expect(mutate((r) => (r.assignments[1].locked = true))).toMatch(/A2: locked true vs false/);
    expect(mutate((r) => (r.assignments[3].assignedRep = 'Ann'))).toMatch(/Ann holds 3 accounts, cap 2/);
    expect(mutate((r) => (r.assignments[3].assignedRep = null))).toMatch(/unassigned .* while Ann has room|while Ben has room/);
    expect(mutate((r) => (r.assignments[4].assignedRep = 'Ann'))).toMatch(/not a rep of its segment/);
    expect(mutate((r) => (r.segments.Enterprise.reps[0].arr += 1))).toMatch(/Ann arr 1601 vs 1600/);
    expect(mutate((r) => (r.segments.Enterprise.refine.fGreedy *= 1.01))).toMatch(/refine.fGreedy/);
    expect(mutate((r) => (r.segments.Enterprise.refine.fFinal *= 0.99))).toMatch(/refine.fFinal/);
    expect(mutate((r) => (r.segments.Enterprise.drivers.arr.floorCv += 0.5))).toMatch(/drivers.arr.floorCv/);
    expect(mutate((r) => (r.segments.Enterprise.unassigned = 1))).toMatch(/unassigned 1 vs 0/);
    expect(mutate((r) => ([r.assignments[1].assignedRep, r.assignments[3].assignedRep] = ['Ben', 'Ben']))).toBe('');
    expect(mutate((r) => (r.audit[0].kind = 'greedy'))).toMatch(/audit step 1/);
    expect(mutate((r) => (r.settings.maxAccounts = { Enterprise: 3, 'Mid-Market': 0 }))).toMatch(/settings.maxAccounts.Mid-Market/);
    // refine off must be the v2 greedy exactly: swapping the ARR-equalising greedy books is caught
    const swapped = mutate((r) => {
      r.assignments[1].assignedRep = 'Ann';
      r.assignments[0].assignedRep = 'Ben';
    });
    expect(swapped).toMatch(/refine off, A2 on Ann, the v2 greedy gives Ben/);
  });

  it('catches a budget overrun and a refinement step that is not the best per-account gain in rebalance mode', () => {
    let overrun = 0;
    let checked = 0;
    for (let c = 0; c < BOOKS; c++) {
      const { repsText, accountsText, opts } = randomBook(8400 + c, { bonuses: true, locks: false, caps: false, mode: 'rebalance' });
      const wide = { ...opts, refine: 'on', budget: '100', refineWith: 'reference' };
      const rep = buildReportV2(repsText, accountsText, wide).report as Record<string, any>;
      expect(checkV2Properties(repsText, accountsText, wide, rep)).toEqual([]);
      // the same report claimed under a budget of 0 %
      const narrow = { ...opts, refine: 'on', budget: '0' };
      const moved = (rep.audit as any[]).filter((s) => s.kind === 'move' || s.kind === 'swap').length;
      rep.settings.budget = 0;
      const v = checkV2Properties(repsText, accountsText, narrow, rep);
      checked++;
      if (moved > 0) {
        expect(v.join('\n')).toMatch(/budget count \d+ > M = 0/);
        overrun++;
      } else expect(v).toEqual([]);
    }
    expect(checked).toBe(BOOKS);
    expect(overrun).toBeGreaterThan(5);
  });
});

describe('reference local search', () => {
  for (const [label, o] of variants) {
    it(`its result is a local optimum that passes every check (${label})`, () => {
      let improved = 0;
      let floorBelow = 0;
      for (let c = 0; c < BOOKS; c++) {
        const { repsText, accountsText, opts } = randomBook(7000 + 100 * variants.findIndex((v) => v[0] === label) + c, o);
        const flags = { ...opts, refine: 'on', refineWith: 'reference' };
        const rep = report(repsText, accountsText, flags);
        expect(checkV2Properties(repsText, accountsText, flags, rep), `book ${label} ${c}`).toEqual([]);
        const ref = referenceLocalSearch(repsText, accountsText, { ...opts, refine: 'on' });
        expect(ref.assignments.map((a) => a.assignedRep)).toEqual(rep.assignments.map((a: any) => a.assignedRep));
        for (const seg of ['Enterprise', 'Mid-Market'] as const) {
          const s = ref.segments![seg];
          if (s === null) continue;
          expect(s.F).toBeCloseTo(rep.segments[seg].refine.fFinal, 12);
          expect(s.F).toBeLessThanOrEqual(s.fGreedy * (1 + 1e-12));
          // With every account placed, F is never below its per-driver floor (locks and caps only raise it);
          // unassigned accounts (capacity) leave loads out of F but not out of the floor.
          if (rep.segments[seg].unassigned === 0) expect(s.F).toBeGreaterThanOrEqual(s.floorF * (1 - 1e-9));
          else floorBelow++;
          expect(s.gap).toBeCloseTo(s.excess - s.floorExcess, 9);
          if (s.moves + s.swaps > 0) improved++;
        }
      }
      expect(improved).toBeGreaterThan(o.mode === 'rebalance' ? 3 : 10);
      if (!o.caps) expect(floorBelow).toBe(0);
    });
  }

  it('with forward-only swaps (a before c in §4 order) the reference search and the checker agree too', () => {
    let strictCatches = 0;
    for (let c = 0; c < 20; c++) {
      const { repsText, accountsText, opts } = randomBook(7200 + c, variants[2]![1]);
      const flags = { ...opts, refine: 'on', refineWith: 'reference', swapOrders: 'forward' };
      const rep = report(repsText, accountsText, flags);
      expect(checkV2Properties(repsText, accountsText, flags, rep, { swapOrders: 'forward' })).toEqual([]);
      // the default check (both orders of every swap) may still find a swap accepted only in the reverse order
      if (checkV2Properties(repsText, accountsText, flags, rep).length > 0) strictCatches++;
    }
    console.log(`forward-only local optima that the both-orders check rejects: ${strictCatches} of 20`);
  });
});

describe('floors, F and excess (hand-worked)', () => {
  it('water-filling: ARR [10, 1, 1, 1] over k = 2 → loads [3, 10]', () => {
    expect(waterFillLoads([10, 1, 1, 1], 2)).toEqual([3, 10]);
    // mean 6.5, σ 3.5 → CV 53.846 %
    expect(floorCv('arr', [10, 1, 1, 1], 2)).toBeCloseTo((100 * 3.5) / 6.5, 12);
    expect(floorCv('arr', [10, 1, 1, 1], 2)).toBeCloseTo(53.846153846, 6);
  });
  it('water-filling across several levels and with fewer accounts than reps', () => {
    expect(waterFillLoads([5, 4, 3, 2, 2, 2], 3)).toEqual([6, 6, 6]);
    expect(floorCv('arr', [5, 4, 3, 2, 2, 2], 3)).toBe(0);
    expect(waterFillLoads([100, 1, 1, 1, 1], 3)).toEqual([2, 2, 100]);
    expect(waterFillLoads([5], 3)).toEqual([0, 0, 5]);
    expect(floorCv('risk', [5], 3)).toBeCloseTo(141.4213562373095, 9);
    expect(waterFillLoads([7, 0, 0], 2)).toEqual([0, 7]);
  });
  it('counts: n = 7, k = 3 → [3, 2, 2]', () => {
    expect(floorCountLoads(7, 3)).toEqual([3, 2, 2]);
    expect(floorCountLoads(6, 3)).toEqual([2, 2, 2]);
    expect(floorCountLoads(2, 3)).toEqual([1, 1, 0]);
    // σ = √(2/9), μ = 7/3 → CV 20.203 %
    expect(floorCv('accounts', [1, 1, 1, 1, 1, 1, 1], 3)).toBeCloseTo((100 * Math.sqrt(2 / 9)) / (7 / 3), 12);
    expect(floorCv('accounts', [1, 1, 1, 1, 1, 1, 1], 3)).toBeCloseTo(20.2030508910, 8);
  });
  it('null when undefined: no reps, no accounts, zero total', () => {
    expect(floorCv('arr', [1, 2], 0)).toBeNull();
    expect(floorCv('arr', [], 2)).toBeNull();
    expect(floorCv('risk', [0, 0, 0], 2)).toBeNull();
    expect(cvPercent([])).toBeNull();
  });
  it('F = Σ_d w_d · k · (1 + CV_d²) and excess = F − k·Σw_d on a greedy result', () => {
    let checked = 0;
    for (let c = 0; c < 20; c++) {
      const { repsText, accountsText, opts } = randomBook(9300 + c, variants[2]![1]);
      const p = prepareV2(repsText, accountsText, { ...opts, refine: 'off' });
      const res = runV2(p.ctx, p.settings.threshold, p.settings.weights, { mode: 'fresh', refine: 'off' });
      for (const seg of ['Enterprise', 'Mid-Market'] as const) {
        const model = res.models[seg];
        if (model.k === 0) continue;
        const loads = (res.states[seg] as { loads: Record<Driver, number>[] }).loads;
        const F = segmentF(model, loads);
        let viaCv = 0;
        for (const d of model.defined) {
          const cv = cvPercent(loads.map((l) => l[d] / model.target[d]));
          // the mean of L/T is (assigned share) ≤ 1: use Σ(L/T)² = k·(mean² + σ²) directly
          const xs = loads.map((l) => l[d] / model.target[d]);
          const mean = xs.reduce((a, b) => a + b, 0) / model.k;
          viaCv += model.w[d] * model.k * mean * mean * (1 + ((cv ?? 0) / 100) ** 2);
        }
        expect(F).toBeCloseTo(viaCv, 9);
        expect(excess(F, model.k, definedWeights(model))).toBeCloseTo(F - model.k * model.defined.reduce((a, d) => a + model.w[d], 0), 12);
        const unassigned = model.accts.filter((ai) => (res.assigned[ai] ?? null) === null).length;
        if (unassigned === 0) expect(F).toBeGreaterThanOrEqual(floorF(model) * (1 - 1e-9));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(excess(5.5, 5, [0.5, 0.5])).toBe(0.5);
    expect(excess(5.5, 5, { arr: 0.3, accounts: 0.7 })).toBeCloseTo(0.5, 12);
  });
});

describe('§3 slider and §6 samples (hand-worked)', () => {
  it('the nice-number grid keeps only integers', () => {
    expect(niceGrid(100)).toEqual([0, 1, 2, 3, 4, 5, 6, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100]);
    expect(niceGrid(1000).slice(16)).toEqual([100, 125, 150, 200, 250, 300, 400, 500, 600, 750, 1000]);
    expect(niceGrid(7)).toEqual([0, 1, 2, 3, 4, 5, 6, 10]);
    expect(niceGrid(130000).slice(-4)).toEqual([75000, 100000, 125000, 150000]);
  });
  it('the sample book (min 10, max 140,741) → log scale, 42 positions from 10 to 150,000, default 1000', () => {
    const s = sliderPositions([10, 389, 2714, 140741, 389, 500]);
    expect(s.scale).toBe('log');
    expect(s.positions).toHaveLength(42);
    expect(s.positions[0]).toBe(10);
    expect(s.positions[41]).toBe(150000);
    expect(s.positions.slice(0, 12)).toEqual([10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150]);
    expect(s.default).toBe(1000);
    // ≤ 50 positions: every one is a sample, plus a typed threshold that is not a position
    expect(sensitivitySamples(s.positions, 1000)).toEqual(s.positions);
    const withTyped = sensitivitySamples(s.positions, 1001);
    expect(withTyped).toHaveLength(43);
    expect(withTyped.slice(19, 22)).toEqual([1000, 1001, 1250]);
  });
  it('one decade → linear scale; the step follows the spread', () => {
    const a = sliderPositions([100, 900]);
    expect(a.scale).toBe('linear');
    expect(a.positions).toHaveLength(81); // step 10 (spread 800)
    expect(a.positions[0]).toBe(100);
    expect(a.positions[80]).toBe(900);
    expect(a.default).toBe(500); // 1000 is outside [100, 900]; median 500
    const b = sliderPositions([150, 1200]);
    expect(b.scale).toBe('linear'); // 1200 ≤ 10·150
    expect(b.positions).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200]);
    expect(b.default).toBe(1000);
    const c = sliderPositions([0, 10]);
    expect(c.scale).toBe('linear'); // 10 is not > 10·max(0, 1)
    expect(c.positions).toEqual([0, 10]);
    expect(sliderPositions([0, 11]).scale).toBe('log');
  });
  it('default threshold: nearest position by absolute difference, ties to the higher', () => {
    // linear, step 10, [10, 100]; median 25 is halfway between 20 and 30 → 30
    const lin = sliderPositions([10, 20, 30, 95]);
    expect(lin.scale).toBe('linear');
    expect(lin.default).toBe(30);
    // log, [2, 500]; median 12.5 is halfway between 10 and 15 → 15
    const log = sliderPositions([2, 12, 13, 500]);
    expect(log.scale).toBe('log');
    expect(log.positions[0]).toBe(2);
    expect(log.positions[log.positions.length - 1]).toBe(500);
    expect(log.default).toBe(15);
    // linear step 1000 on [5000, 40000]: median 22,500 → 23,000
    const big = sliderPositions([5000, 20000, 25000, 40000]);
    expect(big.scale).toBe('linear');
    expect(big.default).toBe(23000);
    // log from 0: [0, 50]; median 5 → 5
    expect(sliderPositions([0, 5, 45])).toEqual({ scale: 'log', positions: [0, 1, 2, 3, 4, 5, 6, 10, 15, 20, 25, 30, 40, 50], default: 5 });
  });
  it('more than 50 positions: 50 by index rounding, then the current threshold', () => {
    const s = sliderPositions([1, 5_000_000]);
    expect(s.positions).toHaveLength(63);
    const samples = sensitivitySamples(s.positions, s.positions[10]!);
    expect(samples).toHaveLength(50);
    expect(samples[0]).toBe(s.positions[0]);
    expect(samples[49]).toBe(s.positions[62]);
    // j = round(i·62/49): 0, 1, 3, 4, 5, 6, 8, …
    expect(samples.slice(0, 6)).toEqual([0, 1, 3, 4, 5, 6].map((j) => s.positions[j]));
    expect(samples).not.toContain(s.positions[2]);
    const withCurrent = sensitivitySamples(s.positions, s.positions[2]!);
    expect(withCurrent).toHaveLength(51);
    expect(withCurrent.slice(0, 4)).toEqual([s.positions[0], s.positions[1], s.positions[2], s.positions[3]]);
  });
});

describe('v2 columns and flags', () => {
  const repsOk = csv([['Rep_Name', 'Segment', 'Location', 'Max Accounts'], ['Ann', 'E', 'CA', ' 3 '], ['Ben', 'MM', 'NY', '']]);
  const acctHeader = ['Account ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'LOCKED', 'locked-rep'];
  it('reads Locked, Locked_Rep and Max_Accounts with §2 header matching', () => {
    const accounts = csv([acctHeader, ['A1', 'a', 'Ann', 10, 5000, 'CA', ' Yes ', ''], ['A2', 'b', 'Ben', 5, 50, 'NY', '', ' BEN '], ['A3', 'c', 'Ann', 5, 50, 'NY', 'n', '']]);
    const out = buildReportV2(repsOk, accounts, { refine: 'off', noOptimize: true, noSensitivity: true });
    expect(out.exitCode).toBe(0);
    const rep = out.report as Record<string, any>;
    expect(rep.assignments.map((a: any) => [a.accountId, a.assignedRep, a.locked])).toEqual([['A1', 'Ann', true], ['A2', 'Ben', true], ['A3', 'Ben', false]]);
    expect(rep.settings).toMatchObject({ mode: 'fresh', refine: false, budget: 10, maxAccounts: { Enterprise: null, 'Mid-Market': null } });
  });
  it('hard errors with sheet, row, column and value', () => {
    const reps = csv([['Rep_Name', 'Segment', 'Location', 'Max_Accounts'], ['Ann', 'E', 'CA', '2.5'], ['Ben', 'MM', 'NY', '-1'], ['Cy', 'MM', 'NY', 'lots']]);
    const accounts = csv([acctHeader, ['A1', 'a', 'Ann', 10, 5000, 'CA', 'maybe', ''], ['A2', 'b', 'Ben', 5, 50, 'NY', '', 'Zed']]);
    const out = buildReportV2(reps, accounts, {});
    expect(out.exitCode).toBe(2);
    expect((out.report.errors as any[]).map(({ message: _m, ...e }) => e)).toEqual([
      { sheet: 'Reps', row: 2, column: 'Max_Accounts', value: '2.5' },
      { sheet: 'Reps', row: 3, column: 'Max_Accounts', value: '-1' },
      { sheet: 'Reps', row: 4, column: 'Max_Accounts', value: 'lots' },
      { sheet: 'Accounts', row: 2, column: 'Locked', value: 'maybe' },
      { sheet: 'Accounts', row: 3, column: 'Locked_Rep', value: 'Zed' },
    ]);
  });
  it('cell and flag parsers', () => {
    expect(['TRUE', 'true', ' x ', 'Y', 'yes', '1'].map(parseLocked)).toEqual([true, true, true, true, true, true]);
    expect(['FALSE', '', '  ', 'no', 'N', '0'].map(parseLocked)).toEqual([false, false, false, false, false, false]);
    expect(['maybe', '2', 'ja', 'xx'].map(parseLocked)).toEqual([null, null, null, null]);
    expect(['', '0', ' 7 ', '1,000', '2.5', '-1', 'abc'].map(parseMaxAccounts)).toEqual([undefined, 0, 7, 1000, null, null, null]);
    expect(parseV2Options({})).toEqual({ mode: 'fresh', refine: true, budget: 10, maxAccounts: { Enterprise: null, 'Mid-Market': null } });
    expect(parseV2Options({ mode: 'rebalance', refine: 'off', budget: '25', 'max-accounts': '5,-' })).toEqual({ mode: 'rebalance', refine: false, budget: 25, maxAccounts: { Enterprise: 5, 'Mid-Market': null } });
    for (const bad of [{ mode: 'auto' }, { refine: 'yes' }, { budget: '10.5' }, { budget: '101' }, { budget: '-1' }, { 'max-accounts': '5' }, { 'max-accounts': '5,x' }, { 'max-accounts': '-1,2' }]) {
      expect(() => parseV2Options(bad), JSON.stringify(bad)).toThrow();
    }
  });
  it('locks: Locked_Rep beats Locked; other-segment and orphan locks are not applied; locks may exceed a cap', () => {
    const reps = csv([['Rep_Name', 'Segment', 'Location', 'Max_Accounts'], ['Ann', 'E', '', 1], ['Ben', 'E', '', ''], ['Cy', 'MM', '', '']]);
    const accounts = csv([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Locked', 'Locked_Rep'],
      ['A1', 'a', 'Ben', 100, 5000, '', 'TRUE', 'Ann'], // Locked_Rep wins: Ann
      ['A2', 'b', 'Ann', 90, 5000, '', 'TRUE', ''], // locked to Ann: 2 > cap 1
      ['A3', 'c', 'Cy', 80, 5000, '', 'TRUE', ''], // Cy is Mid-Market: not applied
      ['A4', 'd', 'Gone', 70, 5000, '', 'x', ''], // orphan: not applied
      ['A5', 'e', 'Ann', 60, 5000, '', 'TRUE', 'Cy'], // Locked_Rep of the other segment: not applied
      ['A6', 'f', '', 50, 50, '', '', 'Ann'], // Mid-Market account pinned to an Enterprise rep: not applied
    ]);
    const flags = { refine: 'off', noOptimize: true, noSensitivity: true };
    const out = buildReportV2(reps, accounts, flags);
    const rep = out.report as Record<string, any>;
    expect(rep.assignments.map((a: any) => `${a.accountId}:${a.assignedRep}:${a.locked}`)).toEqual([
      'A1:Ann:true', 'A2:Ann:true', 'A3:Ben:false', 'A4:Ben:false', 'A5:Ben:false', 'A6:Cy:false',
    ]);
    const codes = (rep.warnings as any[]).map((w) => w.code);
    expect(codes.filter((c) => c === 'lock-not-applied')).toHaveLength(4);
    expect(codes).toContain('lock-over-capacity');
    expect(checkV2Properties(reps, accounts, flags, rep)).toEqual([]);
  });
  it('rebalance, refine off: kept books stay (even over a cap), the rest is greedy on their loads', () => {
    const reps = csv([['Rep_Name', 'Segment', 'Location', 'Max_Accounts'], ['Ann', 'E', '', 1], ['Ben', 'E', '', '']]);
    const accounts = csv([
      ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
      ['A1', 'a', 'Ann', 100, 5000, ''],
      ['A2', 'b', 'Ann', 100, 5000, ''],
      ['A3', 'c', '', 10, 5000, ''],
      ['A4', 'd', 'Gone', 5, 5000, ''],
    ]);
    const flags = { refine: 'off', mode: 'rebalance', noOptimize: true, noSensitivity: true };
    const rep = buildReportV2(reps, accounts, flags).report as Record<string, any>;
    expect(rep.assignments.map((a: any) => a.assignedRep)).toEqual(['Ann', 'Ann', 'Ben', 'Ben']);
    expect(rep.audit.map((s: any) => s.accountId)).toEqual(['A3', 'A4']);
    expect((rep.warnings as any[]).map((w) => w.code)).toContain('cap-exceeded');
    expect(checkV2Properties(reps, accounts, flags, rep)).toEqual([]);
    // refinement may move A1 or A2 off Ann only within the budget: 25 % of 4 → M = 1
    const on = { ...flags, refine: 'on', budget: '25', refineWith: 'reference' };
    const refined = buildReportV2(reps, accounts, on).report as Record<string, any>;
    expect(checkV2Properties(reps, accounts, on, refined)).toEqual([]);
    const away = refined.assignments.filter((a: any, i: number) => a.assignedRep !== rep.assignments[i].assignedRep).length;
    expect(away).toBe(1);
  });
});
