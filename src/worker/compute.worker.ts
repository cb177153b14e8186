/** The worker's message switch: `{ id, op, args }` in, `{ id, ok, result | message }` out. */
import './jitless.js';
import { ComputeSession, type ComputeOp } from './compute.js';
import type { WorkerRequest, WorkerResponse } from './messages.js';

const session = new ComputeSession();
// The DOM and WebWorker libs cannot share one program, so type the two members we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, args } = event.data;
  let reply: WorkerResponse;
  try {
    if (op === 'ping') {
      reply = { id, ok: true, result: 'pong' };
    } else {
      const method = session[op as ComputeOp] as (...a: unknown[]) => unknown;
      reply = { id, ok: true, result: await method.apply(session, args as unknown[]) };
    }
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
