/** worker_threads side of the Optimize pool: scores one slice of the weight grid per message. */
import { parentPort } from 'node:worker_threads';
import { EngineSession, scoreWeightsPruned, weightGrid, type Book, type Settings } from '../engine/index.js';

parentPort!.on('message', ({ book, settings, indices, beat }: { book: Book; settings: Settings; indices: readonly number[]; beat: number | null }) => {
  const grid = weightGrid(book.riskEnabled);
  parentPort!.postMessage(scoreWeightsPruned(book, settings, grid, indices, new EngineSession(book), { beat }));
});
