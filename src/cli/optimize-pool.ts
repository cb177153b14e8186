/**
 * Optimize Weights on every core with worker_threads: each worker is a lane of the engine's
 * scheduler (runOptimize), scoring the grid slices it is handed with the same engine code; the
 * scheduler splits the grid and picks the best over all values.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { allocateLoads, EngineSession, overallFairness, runOptimize, type Book, type OptimizeLane, type OptimizeResult, type Settings } from '../engine/index.js';

export interface OptimizePool {
  /** Scores the whole grid across the pool's workers and picks the best weights. */
  run(book: Book, settings: Settings): Promise<OptimizeResult>;
  close(): Promise<void>;
}

interface SliceRequest {
  book: Book;
  settings: Settings;
  indices: readonly number[];
  beat: number | null;
}

/** Starts `threads` workers (default: every core) that stay up for several runs. */
export function createOptimizePool(threads = availableParallelism()): OptimizePool {
  // Beside the compiled pool (build/cli/) this is the compiled worker; beside the source (tests,
  // bench, tsx) it is the shim that runs optimize-worker.ts through tsx. scripts/build-cli.mjs
  // names its output to match.
  const workerUrl = new URL('./optimize-worker.mjs', import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl));
  // A worker that fails while idle (the CLI starts them before reading the input) is remembered and
  // reported by the next run, never left as an unhandled 'error' event.
  const failures = new Map<Worker, Error>();
  for (const w of workers) w.on('error', (error) => failures.set(w, error));
  const ask = (worker: Worker, request: SliceRequest) =>
    new Promise<(number | null)[]>((resolve, reject) => {
      const failed = failures.get(worker);
      if (failed) return reject(failed);
      const onMessage = (values: (number | null)[]) => {
        worker.off('error', reject);
        resolve(values);
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
      worker.postMessage(request);
    });
  return {
    async run(book, settings) {
      // Workers need the model, not the raw sheet cells kept for export.
      const slim: Book = { ...book, accountsSheet: { ...book.accountsSheet, rows: [] } };
      // No slice time: each worker takes one even share of the 5 % grid, then of the rest (its best is
      // the `beat` that lets workers stop runs that cannot win), two messages each.
      const lanes: OptimizeLane[] = workers.map((w) => ({ score: (indices, beat) => ask(w, { book: slim, settings, indices, beat }) }));
      const offGrid = () => overallFairness(book, allocateLoads(book, settings, new EngineSession(book)), settings.weights).balanced;
      const result = await runOptimize(book.riskEnabled, settings.weights, lanes, { offGrid, coarseFirst: true });
      // Only a shouldCancel (none here) makes the scheduler resolve null.
      return result!;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
