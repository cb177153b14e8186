/**
 * The one owner of the engine's caches for a book: name ranks, the per-threshold segment preparation
 * and the original books. A caller that runs the engine many times on one book (the pane's worker,
 * the CLI, an Optimize slice) keeps one session; a one-off call gets a fresh one. Nothing else in
 * the engine keeps state between calls. It also owns the WebAssembly kernel's instance (kernel-wasm.ts),
 * whose memory holds the current threshold's segments.
 */
import { WasmKernel } from './kernel-wasm.js';
import { isHighRisk } from './score.js';
import { nameRanks, prepareSegments, type SegmentPrep } from './prepare.js';
import type { SegmentLoads } from './score.js';
import type { Book } from './types.js';

export class EngineSession {
  readonly book: Book;
  /** Rank of every rep's name for the tie rule. */
  readonly ranks: Int32Array;
  private prep: { threshold: number; riskCutoff: number; value: readonly [SegmentPrep, SegmentPrep] } | null = null;
  private original: { riskCutoff: number; loads: SegmentLoads } | null = null;

  private wasm: WasmKernel | null | undefined;
  private readonly useWasm: boolean;

  /** `wasm: false` keeps every run on the TypeScript kernel (the reference; benchmarks compare the two). */
  constructor(book: Book, options: { wasm?: boolean } = {}) {
    this.book = book;
    this.ranks = nameRanks(book);
    this.useWasm = options.wasm ?? true;
  }

  /** The WebAssembly kernel for loads-only runs, created on first use; null when off or unavailable here. */
  fastKernel(): WasmKernel | null {
    if (this.wasm === undefined) this.wasm = this.useWasm ? WasmKernel.create() : null;
    return this.wasm;
  }

  /** After the WebAssembly kernel failed for want of memory: every later run of this session is on kernel.ts. */
  dropFastKernel(): void {
    this.wasm = null;
  }

  /** Both segments prepared at a threshold and cutoff; the last one asked is kept (a slider drag asks the same many times). */
  prepared(threshold: number, riskCutoff: number): readonly [SegmentPrep, SegmentPrep] {
    const hit = this.prep;
    if (hit && hit.threshold === threshold && hit.riskCutoff === riskCutoff) return hit.value;
    const value = prepareSegments(this.book, threshold, riskCutoff, this.ranks);
    this.prep = { threshold, riskCutoff, value };
    return value;
  }

  /** Each rep's original book (all their accounts, any segment), by global rep index (SPEC §8). */
  originalBooks(riskCutoff: number): SegmentLoads {
    const hit = this.original;
    if (hit && hit.riskCutoff === riskCutoff) return hit.loads;
    const loads = computeOriginalBooks(this.book, riskCutoff);
    this.original = { riskCutoff, loads };
    return loads;
  }
}

function computeOriginalBooks(book: Book, riskCutoff: number): SegmentLoads {
  const k = book.reps.length;
  const loads = { arr: new Float64Array(k), accounts: new Float64Array(k), riskArr: new Float64Array(k) };
  const { arr, originalRepIndex } = book.accounts;
  for (let a = 0; a < book.accounts.count; a++) {
    const r = originalRepIndex[a]!;
    if (r < 0) continue;
    loads.arr[r]! += arr[a]!;
    loads.accounts[r]! += 1;
    if (isHighRisk(book, a, riskCutoff)) loads.riskArr[r]! += arr[a]!;
  }
  return loads;
}
