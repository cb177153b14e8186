/** worker_threads side of the parallel Optimize benchmark: scores one slice of the weight grid. */
import { parentPort, workerData } from 'node:worker_threads';
import { nameRanks, scoreWeights, weightGrid, type Settings } from '../src/engine/index.js';
import { benchBook } from './books.js';

const { accounts, reps, seed, settings, from, to } = workerData as { accounts: number; reps: number; seed: number; settings: Settings; from: number; to: number };
const { book } = benchBook(accounts, reps, seed);
const grid = weightGrid(book.riskEnabled);
parentPort!.postMessage({ ready: true });
parentPort!.once('message', () => {
  const t = performance.now();
  const values = scoreWeights(book, settings, grid, from, to, nameRanks(book));
  parentPort!.postMessage({ values, ms: performance.now() - t });
});
