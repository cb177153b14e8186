/**
 * The unit Optimize's figures are given in (issue 15): one allocation + all metrics of the greedy
 * (refinement off) at the book's default settings, timed warm — 20 runs first, then the median of 41.
 * The benchmark, the same-run A/B and the pane's progressive-Optimize test all divide by this.
 */
import { defaultSettings, EngineSession, evaluate, type Book } from '../../src/engine/index.js';

export const UNIT_RUNS = 41;

/** Milliseconds of one allocation + all metrics, warm (median of UNIT_RUNS after 20 unmeasured). */
export function oneAllocationMs(book: Book, session = new EngineSession(book)): number {
  const settings = { ...defaultSettings(book), refine: false };
  for (let i = 0; i < 20; i++) evaluate(book, settings, session);
  const ms: number[] = [];
  for (let i = 0; i < UNIT_RUNS; i++) {
    const t = performance.now();
    evaluate(book, settings, session);
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[UNIT_RUNS >> 1]!;
}
