/**
 * The greedy kernel compiled to WebAssembly (assembly/kernel.ts, built by scripts/build-wasm.mjs into
 * generated/kernel-wasm.ts): the same steps as kernel.ts's runSegment, every floating-point operation
 * the same IEEE double operation in the same order, so its loads and choices are bit-identical —
 * test/engine/kernel-wasm.test.ts checks that step for step. It runs the loads-only greedy that
 * Optimize and sensitivity repeat thousands of times; kernel.ts stays the reference, the kernel of
 * every allocation that keeps its steps, and the fallback wherever WebAssembly cannot be compiled
 * (a host or a Content-Security-Policy without 'wasm-unsafe-eval').
 *
 * One instance per EngineSession: its memory holds the segments of the session's current threshold
 * (uploaded once, reused by every run at that threshold) and, above them, each call's scratch.
 */
import { KERNEL_WASM_BASE64 } from './generated/kernel-wasm.js';
import type { SegmentContext, SegmentPrep } from './prepare.js';
import type { SegmentLoads } from './score.js';
import type { Settings } from './types.js';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  runSegment(
    k: number, todo: number, m: number,
    xArr: number, xRisk: number, location: number, originalLocal: number, geoStart: number, geoList: number,
    nameRank: number, repLocation: number, cap: number, loads: number, localOut: number, scratch: number,
    wA: number, wN: number, wR: number, tA2: number, tN2: number, tR2: number, geo: number, preserve: number,
  ): number;
}

/** Where one prepared segment's arrays sit in the instance's memory. */
interface Uploaded {
  readonly xArr: number;
  readonly xRisk: number;
  readonly location: number;
  readonly originalLocal: number;
  readonly geoStart: number;
  readonly geoList: number;
  readonly nameRank: number;
  readonly repLocation: number;
  /** 0 … m − 1: the greedy's list when no lock placed anything. */
  readonly positions: number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable or refused; tried once per thread. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(KERNEL_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** True when this thread runs the WebAssembly kernel (tests and the benchmark report it). */
export function wasmKernelAvailable(): boolean {
  return kernelModule() !== null;
}

const ALIGN = 16;
const PAGE = 65_536;

export class WasmKernel {
  private readonly exports: KernelExports;
  private readonly base: number;
  private top: number;
  /** Keyed by the prepared segment's account list, which every context of that preparation shares. */
  private readonly uploaded = new Map<Int32Array, Uploaded>();

  private constructor(exports: KernelExports) {
    this.exports = exports;
    this.base = align(exports.heapBase());
    this.top = this.base;
  }

  /** A kernel with its own memory, or null when WebAssembly is unavailable here. */
  static create(): WasmKernel | null {
    const module = kernelModule();
    if (!module) return null;
    try {
      return new WasmKernel(new WebAssembly.Instance(module, {}).exports as unknown as KernelExports);
    } catch {
      return null;
    }
  }

  /**
   * runSegment(ctx, settings, loads, null, todo.subarray(from, to)) — the same loads, in place —
   * with `todo` null for every position in order; `local` (by position) receives each step's rep
   * when given. Returns the number of steps taken.
   */
  run(ctx: SegmentContext, settings: Settings, loads: SegmentLoads, todo: Int32Array | null, from: number, to: number, local: Int32Array | null = null): number {
    const k = ctx.reps.length;
    const count = to - from;
    if (k === 0 || count <= 0) return 0;
    const m = ctx.accounts.length;
    const seg = this.upload(ctx);
    let maxCount = 0;
    for (let i = 0; i < k; i++) if (loads.accounts[i]! > maxCount) maxCount = loads.accounts[i]!;
    // Scratch above the uploaded segments: cap, loads, the todo list, local output, the kernel's own arrays.
    const cap = this.top;
    const loadsAt = cap + align(8 * k);
    const todoAt = loadsAt + align(24 * k);
    const localAt = todoAt + (todo ? align(4 * count) : 0);
    const scratch = localAt + (local ? align(4 * m) : 0);
    const end = scratch + 8 * 9 * k + 4 * (5 * k + 2 + maxCount + count + 2);
    this.reserve(end);
    const buffer = this.exports.memory.buffer;
    new Float64Array(buffer, cap, k).set(ctx.cap);
    const l = new Float64Array(buffer, loadsAt, 3 * k);
    l.set(loads.arr, 0);
    l.set(loads.accounts, k);
    l.set(loads.riskArr, 2 * k);
    if (todo) new Int32Array(buffer, todoAt, count).set(todo.subarray(from, to));
    if (local) new Int32Array(buffer, localAt, m).set(local);
    const taken = this.exports.runSegment(
      k, todo ? todoAt : seg.positions + 4 * from, count,
      seg.xArr, seg.xRisk, seg.location, seg.originalLocal, seg.geoStart, seg.geoList,
      seg.nameRank, seg.repLocation, cap, loadsAt, local ? localAt : 0, scratch,
      ctx.wArr, ctx.wAccounts, ctx.wRisk, ctx.useArr ? ctx.tArr2 : 1, ctx.useAccounts ? ctx.tAccounts2 : 1, ctx.useRisk ? ctx.tRisk2 : 1,
      settings.geoBonus, settings.preserveBonus,
    );
    // Unreachable with validated input, as in kernel.ts: never guess a rep.
    if (taken < 0) throw new Error('allocation found no winner (non-finite scores)');
    const after = new Float64Array(this.exports.memory.buffer, loadsAt, 3 * k);
    loads.arr.set(after.subarray(0, k));
    loads.accounts.set(after.subarray(k, 2 * k));
    loads.riskArr.set(after.subarray(2 * k, 3 * k));
    if (local) local.set(new Int32Array(this.exports.memory.buffer, localAt, m));
    return taken;
  }

  /** The segment's arrays in memory: uploaded on first use; a new threshold's segments replace old ones. */
  private upload(prep: SegmentPrep): Uploaded {
    const hit = this.uploaded.get(prep.accounts);
    if (hit) return hit;
    // Two thresholds' segments at most: the session keeps one threshold, Optimize and sensitivity
    // ask one at a time.
    if (this.uploaded.size >= 4) {
      this.uploaded.clear();
      this.top = this.base;
    }
    const put = (values: Float64Array | Int32Array): number => {
      const at = this.top;
      this.reserve(at + values.byteLength);
      this.top = align(at + values.byteLength);
      const view = values instanceof Float64Array ? new Float64Array(this.exports.memory.buffer, at, values.length) : new Int32Array(this.exports.memory.buffer, at, values.length);
      view.set(values);
      return at;
    };
    const m = prep.accounts.length;
    const positions = new Int32Array(m);
    for (let j = 0; j < m; j++) positions[j] = j;
    const seg: Uploaded = {
      xArr: put(prep.xArr), xRisk: put(prep.xRisk), location: put(prep.location), originalLocal: put(prep.originalLocal),
      geoStart: put(prep.geoStart), geoList: put(prep.geoList), nameRank: put(prep.nameRank), repLocation: put(prep.repLocation),
      positions: put(positions),
    };
    this.uploaded.set(prep.accounts, seg);
    return seg;
  }

  private reserve(end: number): void {
    const have = this.exports.memory.buffer.byteLength;
    if (end > have) this.exports.memory.grow(Math.ceil((end - have) / PAGE));
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
