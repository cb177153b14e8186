/** worker_threads side of the Optimize pool: scores one slice of the weight grid per message. */
import { parentPort } from 'node:worker_threads';
import { EngineSession, scoreWeightsAt, weightGrid, type Book, type Settings } from '../engine/index.js';

parentPort!.on('message', ({ book, settings, indices }: { book: Book; settings: Settings; indices: readonly number[] }) => {
  const grid = weightGrid(book.riskEnabled);
  parentPort!.postMessage(scoreWeightsAt(book, settings, grid, indices, new EngineSession(book)));
});
