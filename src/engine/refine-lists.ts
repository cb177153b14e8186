/**
 * A rep's movable accounts of one risk class, sorted by ARR (ties by position), in flat typed arrays:
 * the refinement's one-dimensional searches read the values directly, and a move costs one shift.
 * Beside each value the list keeps what the search's bonus filter needs about the account — its
 * location, its Original_Rep and (rebalancing) its start rep — so a candidate is judged from memory
 * read in order, without a lookup by position.
 */
export interface AccountAttributes {
  /** Per position: location id (-1 blank), Original_Rep as a local rep (-1), start rep (-1; all -1 outside rebalance mode). */
  readonly location: Int32Array;
  readonly original: Int32Array;
  readonly home: Int32Array;
}

/**
 * A list's entries (indices, ascending, so by ARR) grouped for the move brake: `plain`, the accounts
 * with no bonus at the list's rep (never braked when ΔF < 0); by location id (CSR: byLoc[locStart[L] ..
 * locStart[L + 1])) and by Original_Rep (byOrig, origStart): the accounts with a bonus at a given other rep.
 */
export interface BonusIndex {
  readonly plain: Int32Array;
  readonly byLoc: Int32Array;
  readonly locStart: Int32Array;
  readonly byOrig: Int32Array;
  readonly origStart: Int32Array;
}

export class SortedAccounts {
  /** ARR of each entry, ascending. */
  vals: Float64Array;
  /** Position (in the segment's allocation order) of each entry. */
  ids: Int32Array;
  /** Per entry: the account's location id, Original_Rep (local) and start rep (see AccountAttributes). */
  locs: Int32Array;
  origs: Int32Array;
  homes: Int32Array;
  length = 0;
  /** Bumped by every insert and remove: tells a cached index over the entries that it is stale. */
  private version = 0;
  private awayVersion = -1;
  private awayOwner = -1;
  private away = new Int32Array(0);
  private awayLength = 0;

  constructor(
    capacity: number,
    private readonly attributes: AccountAttributes,
  ) {
    const size = Math.max(4, capacity);
    this.vals = new Float64Array(size);
    this.ids = new Int32Array(size);
    this.locs = new Int32Array(size);
    this.origs = new Int32Array(size);
    this.homes = new Int32Array(size);
  }

  /** First index whose value is ≥ x. */
  lowerBound(x: number): number {
    let lo = 0, hi = this.length;
    const vals = this.vals;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vals[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index where (x, id) sits or would sit. */
  private indexOf(x: number, id: number): number {
    let lo = this.lowerBound(x);
    while (lo < this.length && this.vals[lo] === x && this.ids[lo]! < id) lo++;
    return lo;
  }

  private set(at: number, x: number, id: number): void {
    this.vals[at] = x;
    this.ids[at] = id;
    this.locs[at] = this.attributes.location[id]!;
    this.origs[at] = this.attributes.original[id]!;
    this.homes[at] = this.attributes.home[id]!;
  }

  insert(x: number, id: number): void {
    if (this.length === this.vals.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T) => (b.set(a), b);
      const size = this.vals.length * 2;
      this.vals = grow(this.vals, new Float64Array(size));
      this.ids = grow(this.ids, new Int32Array(size));
      this.locs = grow(this.locs, new Int32Array(size));
      this.origs = grow(this.origs, new Int32Array(size));
      this.homes = grow(this.homes, new Int32Array(size));
    }
    const at = this.indexOf(x, id);
    const end = this.length;
    this.vals.copyWithin(at + 1, at, end);
    this.ids.copyWithin(at + 1, at, end);
    this.locs.copyWithin(at + 1, at, end);
    this.origs.copyWithin(at + 1, at, end);
    this.homes.copyWithin(at + 1, at, end);
    this.set(at, x, id);
    this.length++;
    this.version++;
  }

  remove(x: number, id: number): void {
    const at = this.indexOf(x, id);
    const end = this.length;
    this.vals.copyWithin(at, at + 1, end);
    this.ids.copyWithin(at, at + 1, end);
    this.locs.copyWithin(at, at + 1, end);
    this.origs.copyWithin(at, at + 1, end);
    this.homes.copyWithin(at, at + 1, end);
    this.length--;
    this.version++;
  }

  /**
   * Indices (ascending) of the entries whose start rep is not `owner`, the list's rep: in rebalance mode
   * the accounts refinement moved there, few. Kept until the list changes.
   */
  awayFrom(owner: number): Int32Array {
    if (this.awayVersion !== this.version || this.awayOwner !== owner) {
      if (this.away.length < this.length) this.away = new Int32Array(this.vals.length);
      let count = 0;
      for (let i = 0; i < this.length; i++) if (this.homes[i] !== owner) this.away[count++] = i;
      this.awayLength = count;
      this.awayVersion = this.version;
      this.awayOwner = owner;
    }
    return this.away.subarray(0, this.awayLength);
  }

  private bonusVersion = -1;
  private bonusIndex: BonusIndex | null = null;

  /**
   * The entries by what decides a move's bonus brake (see BonusIndex), for the list's rep `owner` at
   * location `ownerLoc`; `geo` / `preserve` are the bonuses. Kept until the list changes.
   */
  bonusIndexOf(owner: number, ownerLoc: number, geo: number, preserve: number, locations: number, reps: number): BonusIndex {
    if (this.bonusIndex && this.bonusVersion === this.version) return this.bonusIndex;
    const n = this.length;
    const plain: number[] = [];
    const locStart = new Int32Array(locations + 1), origStart = new Int32Array(reps + 1);
    for (let i = 0; i < n; i++) {
      const loc = this.locs[i]!, orig = this.origs[i]!;
      if (!((geo > 0 && loc >= 0 && loc === ownerLoc) || (preserve > 0 && orig === owner))) plain.push(i);
      if (loc >= 0) locStart[loc + 1]!++;
      if (orig >= 0) origStart[orig + 1]!++;
    }
    for (let l = 0; l < locations; l++) locStart[l + 1]! += locStart[l]!;
    for (let r = 0; r < reps; r++) origStart[r + 1]! += origStart[r]!;
    const byLoc = new Int32Array(locStart[locations]!), byOrig = new Int32Array(origStart[reps]!);
    const locFill = locStart.slice(0, locations), origFill = origStart.slice(0, reps);
    for (let i = 0; i < n; i++) {
      const loc = this.locs[i]!, orig = this.origs[i]!;
      if (loc >= 0) byLoc[locFill[loc]!++] = i;
      if (orig >= 0) byOrig[origFill[orig]!++] = i;
    }
    this.bonusIndex = { plain: Int32Array.from(plain), byLoc, locStart, byOrig, origStart };
    this.bonusVersion = this.version;
    return this.bonusIndex;
  }

  /** Whether index[from .. to) (entry indices, ascending) holds an entry whose value is in [lo, hi]. */
  anyIn(index: Int32Array, from: number, to: number, lo: number, hi: number): boolean {
    const vals = this.vals;
    let a = from, b = to;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (vals[index[mid]!]! < lo) a = mid + 1;
      else b = mid;
    }
    return a < to && vals[index[a]!]! <= hi;
  }

  /** Builds from unsorted entries in one sort. */
  static of(entries: readonly number[], value: (id: number) => number, attributes: AccountAttributes): SortedAccounts {
    const sorted = [...entries].sort((p, q) => value(p) - value(q) || p - q);
    const list = new SortedAccounts(sorted.length * 2, attributes);
    sorted.forEach((id, i) => list.set(i, value(id), id));
    list.length = sorted.length;
    return list;
  }
}
