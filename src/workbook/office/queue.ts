/**
 * Groups queued Office.js operations into requests that stay under the payload budget.
 * Operations are kept until their request succeeds: when Excel still rejects one as too
 * large (RequestPayloadSizeLimitExceeded, raised before anything runs), the batch is
 * replayed in halves, and a single oversized operation in the pieces it can split into.
 */
import type { OfficeEnv } from './env.js';
import { isPayloadLimit } from './errors.js';

/** One queued write. `apply` issues the proxy calls; `split` offers smaller equivalents. */
export interface WriteOp {
  readonly bytes: number;
  apply(): void;
  split?(): WriteOp[];
}

/** Fixed overhead per operation (method name, object path) in the request. */
export const OP_OVERHEAD_BYTES = 200;

export class RequestQueue {
  private ops: WriteOp[] = [];
  private bytes = 0;
  /** Number of successful context.sync() calls made by this queue. */
  syncs = 0;
  /**
   * Requests sent, failed ones included. Excel runs a request up to the operation that fails and
   * keeps what ran, so after a failed request its part may be partly written.
   */
  attempts = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly env: OfficeEnv,
  ) {}

  /** Queues an op, sending the pending ones first when it would push the request over budget. */
  async add(op: WriteOp): Promise<void> {
    if (this.ops.length > 0 && this.bytes + op.bytes > this.env.requestBudget) await this.flush();
    this.ops.push(op);
    this.bytes += op.bytes;
  }

  /**
   * Sends calls made directly on the context (not through `add`) in a request of their own.
   * Only with nothing pending: a replay after a payload refusal could not repeat them.
   */
  async commitDirect(): Promise<void> {
    if (this.ops.length > 0) throw new Error('RequestQueue.commitDirect: flush queued operations first.');
    this.attempts++;
    await this.context.sync();
    this.syncs++;
  }

  /** Sends everything pending as one request (or several, after a payload refusal). */
  async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.bytes = 0;
    await this.send(ops);
  }

  private async send(ops: readonly WriteOp[]): Promise<void> {
    for (const op of ops) op.apply();
    try {
      this.attempts++;
      await this.context.sync();
      this.syncs++;
    } catch (error) {
      if (!isPayloadLimit(error)) throw error;
      if (ops.length > 1) {
        const half = Math.ceil(ops.length / 2);
        await this.send(ops.slice(0, half));
        await this.send(ops.slice(half));
        return;
      }
      const pieces = ops[0]!.split?.() ?? [];
      if (pieces.length < 2) throw error;
      for (const piece of pieces) await this.send([piece]);
    }
  }
}
