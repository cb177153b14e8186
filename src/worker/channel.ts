/**
 * A channel to one compute session: a Web Worker, or the main thread when no worker can
 * start (jsdom, a locked-down host). Both answer the same `call(op, args)`.
 */
import { ComputeSession, type ComputeApi, type ComputeOp } from './compute.js';
import type { WorkerRequest, WorkerResponse } from './messages.js';

export type OpArgs<K extends ComputeOp> = Parameters<ComputeApi[K]>;
export type OpResult<K extends ComputeOp> = Awaited<ReturnType<ComputeApi[K]>>;

export interface Channel {
  readonly kind: 'worker' | 'main-thread';
  call<K extends ComputeOp>(op: K, args: OpArgs<K>, transfer?: Transferable[]): Promise<OpResult<K>>;
  terminate(): void;
}

const START_TIMEOUT_MS = 4000;

class WorkerChannel implements Channel {
  readonly kind = 'worker' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(new Error(`The compute worker stopped: ${event.message || 'unknown error'}. Reload the pane.`));
    };
  }

  private failAll(error: Error) {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  send(op: WorkerRequest['op'], args: readonly unknown[], transfer: Transferable[] = []): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: WorkerRequest = { id, op, args };
      this.worker.postMessage(request, transfer);
    });
  }

  call<K extends ComputeOp>(op: K, args: OpArgs<K>, transfer?: Transferable[]): Promise<OpResult<K>> {
    return this.send(op, args, transfer) as Promise<OpResult<K>>;
  }

  terminate() {
    this.failAll(new Error('The compute worker was stopped.'));
    this.worker.terminate();
  }
}

/** Yields to the event loop before each call so the UI can paint between chunks. */
class MainThreadChannel implements Channel {
  readonly kind = 'main-thread' as const;
  private readonly session = new ComputeSession();

  async call<K extends ComputeOp>(op: K, args: OpArgs<K>): Promise<OpResult<K>> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const method = this.session[op] as (...a: unknown[]) => unknown;
    return (await method.apply(this.session, args as unknown[])) as OpResult<K>;
  }

  terminate() {}
}

/** Starts a compute worker and checks that it answers; null when it cannot start. */
export async function startWorkerChannel(): Promise<Channel | null> {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    // webpack 5 bundles the worker from this exact expression (same origin, CSP worker-src 'self').
    worker = new Worker(new URL('./compute.worker.ts', import.meta.url));
  } catch {
    return null;
  }
  const channel = new WorkerChannel(worker);
  const answered = await Promise.race([
    channel.send('ping', []).then(() => true, () => false),
    new Promise<boolean>((resolve) => {
      worker.addEventListener('error', () => resolve(false));
      setTimeout(() => resolve(false), START_TIMEOUT_MS);
    }),
  ]);
  if (answered) return channel;
  worker.terminate();
  return null;
}

/** A compute session on the main thread (the fallback). */
export function mainThreadChannel(): Channel {
  return new MainThreadChannel();
}
