// Worker entry when the pool runs from source (tests, bench, `tsx src/cli/bin.ts`): register tsx in
// this thread, then run the TypeScript worker. The installed CLI runs build/cli/optimize-worker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./optimize-worker.ts');
