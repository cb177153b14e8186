// AssemblyScript port of src/engine/kernel.ts runSegment (loads-only, optional local output).
// Every floating-point operation is the TypeScript kernel's, in the same order, on IEEE doubles.

const TIE: f64 = 1e-9;
const WINDOW: f64 = TIE + 1e-12;

// @ts-ignore
@inline function gf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore
@inline function sf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore
@inline function si(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

export function heapBase(): usize { return __heap_base; }

/** Rep i's loads and its slopes [P, Q] for plain and for high-risk accounts (kernel.ts's `refresh`). */
// @ts-ignore
@inline function setRep(L: usize, plain: usize, risky: usize, i: i32, la: f64, ln: f64, lr: f64, alpha: f64, nu: f64, rho: f64): void {
  sf(L, 3 * i, la);
  sf(L, 3 * i + 1, ln);
  sf(L, 3 * i + 2, lr);
  const a = alpha * la, n = nu * ln;
  sf(plain, 2 * i, a);
  sf(plain, 2 * i + 1, n);
  sf(risky, 2 * i, a + rho * lr);
  sf(risky, 2 * i + 1, n);
}

// The candidate order and its length, for minSlope (set by runSegment).
let gOrder: usize = 0, gKc: i32 = 0;

function minSlope(slopes: usize): f64 {
  let v: f64 = Infinity;
  const order = gOrder;
  for (let p = 0; p < gKc; p++) {
    const s = gf(slopes, 2 * gi(order, p));
    if (s < v) v = s;
  }
  return v;
}

/**
 * Returns the number of steps taken, or -1 when an account found no winner (non-finite scores).
 * loads: 3·k f64 (arr[k], accounts[k], riskArr[k]) read and written back.
 * scratch: see scratchBytes in the JS wrapper.
 */
export function runSegment(
  k: i32, todo: usize, m: i32,
  xArr: usize, xRisk: usize, location: usize, originalLocal: usize, geoStart: usize, geoList: usize,
  nameRank: usize, repLocation: usize, cap: usize, loads: usize, localOut: usize, scratch: usize,
  wA: f64, wN: f64, wR: f64, tA2: f64, tN2: f64, tR2: f64, geo: f64, preserve: f64,
): i32 {
  if (k == 0 || m == 0) return 0;
  const alpha = (2 * wA) / tA2, nu = (2 * wN) / tN2, rho = (2 * wR) / tR2;
  const cA = wA / tA2, cN = wN / tN2, cR = wR / tR2;
  const shrinkGeo = 1 / (1 + geo), shrinkBoth = 1 / (1 + (geo + preserve)), shrinkPreserve = 1 / (1 + preserve);

  // Scratch layout (f64 first, then i32).
  const L = scratch;
  const plain = L + (<usize>(3 * k) << 3);
  const risky = plain + (<usize>(2 * k) << 3);
  const key = risky + (<usize>(2 * k) << 3);
  const exact = key + (<usize>k << 3);
  const order = exact + (<usize>k << 3);
  const pos = order + (<usize>k << 2);
  const list = pos + (<usize>k << 2);
  const ties = list + (<usize>(2 * k + 2) << 2);
  const last = ties + (<usize>k << 2);

  let maxCount: i32 = 0;
  for (let i = 0; i < k; i++) {
    const ln = gf(loads, k + i);
    setRep(L, plain, risky, i, gf(loads, i), ln, gf(loads, 2 * k + i), alpha, nu, rho);
    const c = <i32>ln;
    if (c > maxCount) maxCount = c;
  }
  // Candidates (below their cap) ordered by (count, index): insertion sort (k is small; keys unique).
  let kc: i32 = 0;
  for (let i = 0; i < k; i++) {
    si(pos, i, -1);
    const c = gf(L, 3 * i + 1);
    if (!(c < gf(cap, i))) continue;
    let p = kc++;
    while (p > 0 && gf(L, 3 * gi(order, p - 1) + 1) > c) {
      si(order, p, gi(order, p - 1));
      p--;
    }
    si(order, p, i);
  }
  const lastLen = maxCount + m + 2;
  for (let c = 0; c < lastLen; c++) si(last, c, -1);
  for (let p = 0; p < kc; p++) {
    const i = gi(order, p);
    si(pos, i, p);
    si(last, <i32>gf(L, 3 * i + 1), p);
  }
  gOrder = order;
  gKc = kc;
  let pMinPlain = minSlope(plain), pMinRisky = minSlope(risky);

  let taken: i32 = 0;
  for (let t = 0; t < m && kc > 0; t++) {
    const j = gi(todo, t);
    const xA = gf(xArr, j), xR = gf(xRisk, j);
    const wxA = wA * xA, wxN = wN * 1, wxR = wR * xR;
    const base = xA * xA * cA + cN + xR * xR * cR;
    const slopes = xR > 0 ? risky : plain;
    const floor = xA * (xR > 0 ? pMinRisky : pMinPlain);
    const loc = gi(location, j), orig = gi(originalLocal, j);
    const geoLoc = geo != 0 && loc >= 0 ? loc : -2, bonusOrig = preserve != 0 ? orig : -1;

    let min: f64 = Infinity, limit: f64 = Infinity;
    let count: i32 = 0, p: i32 = 0;
    for (; p < kc; p++) {
      const i = gi(order, p);
      const q = gf(slopes, 2 * i + 1);
      if (floor + q > limit) break;
      let v = xA * gf(slopes, 2 * i) + q;
      const g = gi(repLocation, i) == geoLoc, o = i == bonusOrig;
      if (g || o) v = (base + v) * (g ? (o ? shrinkBoth : shrinkGeo) : shrinkPreserve) - base;
      if (v > limit) continue;
      sf(key, i, v);
      if (v < min) {
        min = v;
        limit = v + WINDOW * (base + v);
      }
      si(list, count++, i);
    }
    // Bonus reps the scan did not reach. The window update is written out in each place, as in kernel.ts
    // (no locals can be shared with a helper function here).
    if (p < kc) {
      if (geoLoc >= 0) {
        const gEnd = gi(geoStart, geoLoc + 1);
        for (let g = gi(geoStart, geoLoc); g < gEnd; g++) {
          const i = gi(geoList, g);
          if (gi(pos, i) < p) continue;
          const v = (base + (xA * gf(slopes, 2 * i) + gf(slopes, 2 * i + 1))) * (i == bonusOrig ? shrinkBoth : shrinkGeo) - base;
          if (v > limit) continue;
          sf(key, i, v);
          if (v < min) {
            min = v;
            limit = v + WINDOW * (base + v);
          }
          si(list, count++, i);
        }
      }
      if (bonusOrig >= 0 && gi(pos, bonusOrig) >= p && gi(repLocation, bonusOrig) != geoLoc) {
        const v = (base + (xA * gf(slopes, 2 * bonusOrig) + gf(slopes, 2 * bonusOrig + 1))) * shrinkPreserve - base;
        if (v <= limit) {
          sf(key, bonusOrig, v);
          if (v < min) {
            min = v;
            limit = v + WINDOW * (base + v);
          }
          si(list, count++, bonusOrig);
        }
      }
    }
    let inWindow: i32 = 0;
    for (let q = 0; q < count; q++) {
      const i = gi(list, q);
      if (gf(key, i) > limit) continue;
      si(ties, inWindow++, i);
    }
    let best: i32 = -1;
    if (inWindow == 1) {
      // The window holds the whole tie set: one rep in it is the winner (its score is finite).
      best = gi(ties, 0);
    } else {
      let exactMin: f64 = Infinity;
      for (let q = 0; q < inWindow; q++) {
        const i = gi(ties, q);
        const o = 3 * i;
        const blended = (wxA * (2 * gf(L, o) + xA)) / tA2 + (wxN * (2 * gf(L, o + 1) + 1)) / tN2 + (wxR * (2 * gf(L, o + 2) + xR)) / tR2;
        let bonus: f64 = 0;
        if (loc >= 0 && gi(repLocation, i) == loc) bonus += geo;
        if (i == orig) bonus += preserve;
        const score = bonus == 0 ? blended : blended / (1 + bonus);
        sf(exact, i, score);
        if (score < exactMin) exactMin = score;
      }
      const tie = TIE * exactMin;
      for (let q = 0; q < inWindow; q++) {
        const i = gi(ties, q);
        if (gf(exact, i) - exactMin > tie) continue;
        if (best < 0) { best = i; continue; }
        const li = gf(L, 3 * i), lb = gf(L, 3 * best);
        if (li < lb || (li == lb && gi(nameRank, i) < gi(nameRank, best))) best = i;
      }
    }
    if (best < 0) return -1;

    const c = <i32>gf(L, 3 * best + 1);
    const e = gi(last, c), from = gi(pos, best);
    const other = gi(order, e);
    si(order, e, best);
    si(order, from, other);
    si(pos, other, from);
    si(pos, best, e);
    si(last, c, e - 1);
    if (!(e + 1 < kc && gf(L, 3 * gi(order, e + 1) + 1) == <f64>(c + 1))) si(last, c + 1, e);
    const wasPlainMin = gf(plain, 2 * best) == pMinPlain, wasRiskyMin = gf(risky, 2 * best) == pMinRisky;
    const nln = gf(L, 3 * best + 1) + 1;
    setRep(L, plain, risky, best, gf(L, 3 * best) + xA, nln, gf(L, 3 * best + 2) + xR, alpha, nu, rho);
    if (nln >= gf(cap, best)) {
      // retire
      const rf = gi(pos, best);
      for (let q = rf; q < kc - 1; q++) si(order, q, gi(order, q + 1));
      kc--;
      si(pos, best, -1);
      for (let q = rf; q < kc; q++) {
        const r = gi(order, q);
        si(pos, r, q);
        si(last, <i32>gf(L, 3 * r + 1), q);
      }
      gKc = kc;
    }
    if (wasPlainMin) pMinPlain = minSlope(plain);
    if (wasRiskyMin) pMinRisky = minSlope(risky);
    if (localOut != 0) si(localOut, j, best);
    taken++;
  }
  for (let i = 0; i < k; i++) {
    sf(loads, i, gf(L, 3 * i));
    sf(loads, k + i, gf(L, 3 * i + 1));
    sf(loads, 2 * k + i, gf(L, 3 * i + 2));
  }
  return taken;
}
