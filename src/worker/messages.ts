/** The wire format between the pane and a compute worker. */
import type { ComputeOp } from './compute.js';

export interface WorkerRequest {
  readonly id: number;
  readonly op: ComputeOp | 'ping';
  readonly args: readonly unknown[];
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };
