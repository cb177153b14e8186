/**
 * Optimize Weights on worker_threads (one per core up to 16; a run uses as many as memory allows):
 * each worker is a lane of the engine's scheduler (runOptimize), scoring the grid slices it is
 * handed with the same engine code; the scheduler splits the grid and picks the best over all values.
 */
import { availableParallelism, freemem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { allocateLoads, EngineSession, overallFairness, runOptimize, type Book, type OptimizeLane, type OptimizeResult, type Settings } from '../engine/index.js';

export interface OptimizePool {
  /** Scores the whole grid across the pool's workers and picks the best weights. */
  run(book: Book, settings: Settings): Promise<OptimizeResult>;
  close(): Promise<void>;
  /** Slices handed to the workers so far, and how many of them carried the book (tests). */
  stats(): { slices: number; books: number };
}

interface SliceRequest {
  /** Which run the slice belongs to: a worker keeps that run's book and engine session. */
  run: number;
  /** The book with a run's first slice to each worker; null after (the worker has it). */
  book: Book | null;
  settings: Settings;
  indices: readonly number[];
  beat: number | null;
}

// Workers a pool starts by default: every core up to this many. Beyond it a run gains little (the grid
// is 5,151 runs) while every idle worker still costs its start-up and ≈ 30 MB.
const MAX_DEFAULT_WORKERS = 16;
// What one worker holds for a run, measured (docs/PERFORMANCE.md, "Optimize workers and memory"):
// ≈ 25 MB of its own and ≈ 700 bytes per account for its copy of the book and its engine session;
// rounded up.
const WORKER_BYTES = 32 * 2 ** 20;
const WORKER_BYTES_PER_ACCOUNT = 800;

/**
 * How many of a pool's `workers` one run uses: each takes a copy of the book, so at most as many as
 * fit in half of the free memory — always at least one. At Excel's row limit (1,048,575 accounts,
 * ≈ 0.8 GB a worker) a 16-core machine with 8 GB free then runs 4 workers, not 16.
 */
export function workersFor(accounts: number, workers: number, freeBytes: number): number {
  const fit = Math.floor(freeBytes / 2 / (WORKER_BYTES + accounts * WORKER_BYTES_PER_ACCOUNT));
  return Math.max(1, Math.min(workers, fit));
}

/** The memory a run may count on: the free memory, or less when the process is held to a limit (a container). */
function freeMemory(): number {
  const limit = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const free = freemem();
  return limit && limit > 0 ? Math.min(free, Math.max(0, limit - process.memoryUsage.rss())) : free;
}

export interface PoolOptions {
  /** Free memory in bytes, asked at each run (tests); by default the machine's. */
  readonly freeMemory?: () => number;
}

// Each worker's slices take about this long: many slices per worker, so a worker whose share turns out
// cheap (more of its runs stopped early) takes more of the grid instead of waiting for the other.
const SLICE_MS = 250;

/**
 * Starts `threads` workers (default: every core, at most 16) that stay up for several runs; each
 * run uses as many of them as its book's copies fit in memory (workersFor).
 */
export function createOptimizePool(threads = Math.min(availableParallelism(), MAX_DEFAULT_WORKERS), options: PoolOptions = {}): OptimizePool {
  // Beside the compiled pool (build/cli/) this is the compiled worker; beside the source (tests,
  // bench, tsx) it is the shim that runs optimize-worker.ts through tsx. scripts/build-cli.mjs
  // names its output to match.
  const workerUrl = new URL('./optimize-worker.mjs', import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl));
  // A worker that fails (while idle too: the CLI starts them before reading the input) is remembered
  // and reported by the next run, never left as an unhandled 'error' event; its open slices fail.
  const failures = new Map<Worker, Error>();
  // Each slice carries an id the worker echoes, so an answer always reaches the slice that asked,
  // even when a failed run leaves a slice open on another worker.
  type Waiting = { resolve: (values: (number | null)[]) => void; reject: (error: Error) => void };
  const open = new Map<Worker, Map<number, Waiting>>();
  let ids = 0;
  for (const w of workers) {
    const mine = new Map<number, Waiting>();
    open.set(w, mine);
    w.on('message', (answer: { id: number; values: (number | null)[] } | { id: number; error: string }) => {
      const waiting = mine.get(answer.id);
      if (!waiting) return;
      mine.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.values);
    });
    w.on('error', (error) => {
      failures.set(w, error);
      for (const waiting of mine.values()) waiting.reject(error);
      mine.clear();
    });
  }
  const ask = (worker: Worker, request: SliceRequest) =>
    new Promise<(number | null)[]>((resolve, reject) => {
      const failed = failures.get(worker);
      if (failed) return reject(failed);
      const id = ++ids;
      open.get(worker)!.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  let runs = 0;
  let slices = 0, books = 0;
  // Runs on one pool take turns: a worker keeps one run's book, and answers its messages in order.
  let queue: Promise<unknown> = Promise.resolve();
  const runOne = async (book: Book, settings: Settings): Promise<OptimizeResult> => {
    // Workers need the model, not the raw sheet cells kept for export.
    const slim: Book = { ...book, accountsSheet: { ...book.accountsSheet, rows: [] } };
    const run = ++runs;
    const sent = new Set<Worker>();
    const used = workers.slice(0, workersFor(book.accounts.count, workers.length, (options.freeMemory ?? freeMemory)()));
    const lanes: OptimizeLane[] = used.map((w) => ({
      score: (indices, beat) => {
        const first = !sent.has(w);
        sent.add(w);
        slices++;
        if (first) books++;
        return ask(w, { run, book: first ? slim : null, settings, indices, beat });
      },
      sliceMs: SLICE_MS,
    }));
    const offGrid = () => overallFairness(book, allocateLoads(book, settings, new EngineSession(book)), settings.weights).balanced;
    const result = await runOptimize(book.riskEnabled, settings.weights, lanes, { offGrid, coarseFirst: true });
    // Only a shouldCancel (none here) makes the scheduler resolve null.
    return result!;
  };
  return {
    run(book, settings) {
      const turn = queue.then(() => runOne(book, settings));
      queue = turn.catch(() => undefined);
      return turn;
    },
    stats: () => ({ slices, books }),
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
