/**
 * worker_threads side of the Optimize pool: scores one slice of the weight grid per message. A run's
 * first slice brings the book; the worker keeps it and one engine session (its preparation and its
 * WebAssembly kernel's uploaded segments) for the run's later slices.
 */
import { parentPort } from 'node:worker_threads';
import { EngineSession, scoreWeightsPruned, weightGrid, type Book, type Settings, type Weights } from '../engine/index.js';

let current: { run: number; book: Book; session: EngineSession; grid: Weights[] } | null = null;

interface Slice {
  id: number;
  run: number;
  book: Book | null;
  settings: Settings;
  indices: readonly number[];
  beat: number | null;
}

// Answers carry the slice's id; a slice that cannot be scored is answered with its error (the pool
// rejects that slice), never thrown, which would end the worker.
parentPort!.on('message', ({ id, run, book, settings, indices, beat }: Slice) => {
  try {
    if (book) current = { run, book, session: new EngineSession(book), grid: weightGrid(book.riskEnabled) };
    if (!current || current.run !== run) throw new Error(`Optimize slice for run ${run} arrived before its book`);
    parentPort!.postMessage({ id, values: scoreWeightsPruned(current.book, settings, current.grid, indices, current.session, { beat }) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
