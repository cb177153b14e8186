/**
 * A small, obviously correct reference of SPEC §4: plain objects, sorting, no typed arrays,
 * no shared scratch. The fast allocator must agree with it to the last assignment.
 */
import type { Book, Settings } from '../../src/engine/index.js';

interface RefRep {
  name: string;
  index: number;
  location: string;
  arr: number;
  accounts: number;
  risk: number;
}

/** Assigned rep name (or null) per account index. */
export function referenceAllocate(book: Book, settings: Settings): (string | null)[] {
  const acc = book.accounts;
  const result: (string | null)[] = new Array(acc.count).fill(null);
  const accountIds = Array.from({ length: acc.count }, (_, i) => i);
  const highRisk = (a: number) => book.riskEnabled && acc.risk[a]! >= settings.riskCutoff;
  for (const segment of ['Enterprise', 'Mid-Market'] as const) {
    const inSegment = accountIds.filter((a) => (acc.employees[a]! >= settings.threshold ? 'Enterprise' : 'Mid-Market') === segment);
    inSegment.sort((a, b) => {
      if (acc.arr[a] !== acc.arr[b]) return acc.arr[b]! - acc.arr[a]!;
      return acc.id[a]! < acc.id[b]! ? -1 : acc.id[a]! > acc.id[b]! ? 1 : 0;
    });
    const reps: RefRep[] = book.reps
      .map((r, index) => ({ name: r.name, index, location: r.location.toLowerCase(), arr: 0, accounts: 0, risk: 0, segment: r.segment }))
      .filter((r) => r.segment === segment);
    if (reps.length === 0) continue;
    const k = reps.length;
    let sumArr = 0, sumRisk = 0;
    for (const a of inSegment) {
      sumArr += acc.arr[a]!;
      if (highRisk(a)) sumRisk += acc.arr[a]!;
    }
    const targets = { arr: sumArr / k, accounts: inSegment.length / k, risk: sumRisk / k };
    for (const a of inSegment) {
      const x = { arr: acc.arr[a]!, accounts: 1, risk: highRisk(a) ? acc.arr[a]! : 0 };
      const scored = reps.map((r) => {
        let blended = 0;
        for (const d of ['arr', 'accounts', 'risk'] as const) {
          const T = targets[d];
          if (T === 0) continue;
          const L = r[d];
          blended += ((settings.weights[d] / 100) * x[d] * (2 * L + x[d])) / (T * T);
        }
        let bonus = 0;
        const loc = acc.location[a]!.toLowerCase();
        if (loc !== '' && loc === r.location) bonus += settings.geoBonus;
        if (acc.originalRep[a]!.toLowerCase() === r.name.toLowerCase() && acc.originalRep[a] !== '') bonus += settings.preserveBonus;
        return { rep: r, score: blended / (1 + bonus) };
      });
      const min = Math.min(...scored.map((s) => s.score));
      const tied = scored.filter((s) => s.score - min <= 1e-9 * min);
      tied.sort((p, q) => {
        if (p.rep.arr !== q.rep.arr) return p.rep.arr - q.rep.arr;
        const pl = p.rep.name.toLowerCase(), ql = q.rep.name.toLowerCase();
        if (pl !== ql) return pl < ql ? -1 : 1;
        return p.rep.name < q.rep.name ? -1 : p.rep.name > q.rep.name ? 1 : 0;
      });
      const winner = tied[0]!.rep;
      winner.arr += x.arr;
      winner.accounts += 1;
      winner.risk += x.risk;
      result[a] = winner.name;
    }
  }
  return result;
}
