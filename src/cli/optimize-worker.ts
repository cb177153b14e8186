/** worker_threads side of the Optimize pool: scores one slice of the weight grid per message. */
import { parentPort } from 'node:worker_threads';
import { EngineSession, scoreWeights, weightGrid, type Book, type Settings } from '../engine/index.js';

parentPort!.on('message', ({ book, settings, from, to }: { book: Book; settings: Settings; from: number; to: number }) => {
  const grid = weightGrid(book.riskEnabled);
  parentPort!.postMessage(scoreWeights(book, settings, grid, from, to, new EngineSession(book)));
});
