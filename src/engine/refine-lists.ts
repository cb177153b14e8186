/**
 * A rep's movable accounts of one risk class, sorted by ARR (ties by position), in flat typed arrays:
 * the refinement's one-dimensional searches read the values directly, and a move costs one shift.
 */
export class SortedAccounts {
  /** ARR of each entry, ascending. */
  vals: Float64Array;
  /** Position (in the segment's allocation order) of each entry. */
  ids: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.vals = new Float64Array(Math.max(4, capacity));
    this.ids = new Int32Array(Math.max(4, capacity));
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

  insert(x: number, id: number): void {
    if (this.length === this.vals.length) {
      const vals = new Float64Array(this.vals.length * 2), ids = new Int32Array(this.ids.length * 2);
      vals.set(this.vals);
      ids.set(this.ids);
      this.vals = vals;
      this.ids = ids;
    }
    const at = this.indexOf(x, id);
    this.vals.copyWithin(at + 1, at, this.length);
    this.ids.copyWithin(at + 1, at, this.length);
    this.vals[at] = x;
    this.ids[at] = id;
    this.length++;
  }

  remove(x: number, id: number): void {
    const at = this.indexOf(x, id);
    this.vals.copyWithin(at, at + 1, this.length);
    this.ids.copyWithin(at, at + 1, this.length);
    this.length--;
  }

  /** Builds from unsorted entries in one sort. */
  static of(entries: readonly number[], value: (id: number) => number): SortedAccounts {
    const sorted = [...entries].sort((p, q) => value(p) - value(q) || p - q);
    const list = new SortedAccounts(sorted.length * 2);
    sorted.forEach((id, i) => {
      list.vals[i] = value(id);
      list.ids[i] = id;
    });
    list.length = sorted.length;
    return list;
  }
}
