/**
 * How many generated inputs reached each interesting case of a property test. A property that
 * returns early (an invalid book, a trivial text) passes on every input it never checks, so each
 * test counts the inputs that reached its check and asserts a floor: a generator change that
 * stops reaching the check fails the test instead of leaving it green and idle.
 */
import { expect } from 'vitest';

export class CaseCounter<K extends string> {
  private readonly counts = new Map<K, number>();

  constructor(private readonly runs: number) {}

  /** Counts one input in case `key` when `when` is true; returns `when`. */
  hit(key: K, when = true): boolean {
    if (when) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return when;
  }

  count(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  /** Asserts that case `key` was reached by at least `share` of the runs (printed as COVERAGE lines). */
  expectAtLeast(key: K, share: number): void {
    console.log(`COVERAGE ${key}: ${this.count(key)} of ${this.runs} runs (floor ${Math.ceil(share * this.runs)})`);
    expect(this.count(key), `${key}: inputs that reached the check`).toBeGreaterThanOrEqual(Math.ceil(share * this.runs));
  }
}
