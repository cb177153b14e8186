/**
 * The pane's compute client. Two workers when the machine has two cores: the primary
 * answers what the pane renders right now (views, rows, audit, CSV); the secondary draws
 * the sensitivity chart; Optimize Weights splits the grid across both, and across up to two
 * helper workers more where the machine has the cores. When no worker can start, everything
 * runs on the main thread in small chunks.
 */
import { runOptimize, type KeyedSettings, type OptimizeLane, type OptimizeResult, type RunOutput, type ScenarioResults, type SensitivitySample, type Settings, type SheetInput } from '../engine/index.js';
import type { AuditLogRows } from '../workbook/layout/types.js';
import { mainThreadChannel, startWorkerChannel, type Channel } from './channel.js';
import type { AssignmentRow, AuditRecord, BookSummary, MovePage, MoveQuery, PaneView, StepHit } from './protocol.js';

export interface OptimizeProgress {
  readonly done: number;
  readonly total: number;
}

/** The engine's result (best weights, its and the current weights' Balanced fairness) and the wall time. */
export interface OptimizeOutcome extends OptimizeResult {
  readonly ms: number;
  /** The greedy kernel the lanes ran: 'webassembly' when every lane did (the pane marks it for tests and support). */
  readonly kernel: 'webassembly' | 'typescript';
  /** How many workers (or the main thread) scored part of the grid. */
  readonly lanes: number;
}

type Kernel = 'webassembly' | 'typescript';

/**
 * A worker that only scores Optimize slices (started at the first Optimize, kept while books fit): it
 * holds the book of `generation`, loaded when `ready` settles with its channel and kernel.
 */
interface Helper {
  readonly channel: Promise<Channel | null>;
  generation: number;
  ready: Promise<{ channel: Channel; kernel: Kernel }> | null;
}

/** The Optimize helpers of a client: how many, how one starts, the largest book they take. */
export interface HelperOptions {
  readonly count: number;
  /** Starts a helper's channel (default: a Web Worker; tests give other channels). */
  readonly start?: () => Promise<Channel | null>;
  /** Default HELPER_MAX_ACCOUNTS. */
  readonly maxAccounts?: number;
}

const SENSITIVITY_CHUNK = 10;
// Keep each Optimize slice short so a slider move queued behind it still feels instant.
const WORKER_SLICE_MS = 60;
const MAIN_THREAD_SLICE_MS = 25;
// Optimize lanes at most: the two workers and up to two helpers, where the machine has the cores
// (navigator.hardwareConcurrency 3 → one helper, 4 or more → two). More would take the cores Excel needs.
const MAX_OPTIMIZE_LANES = 4;
// Each helper holds its own copy of the book (≈ 700 bytes an account, docs/PERFORMANCE.md), sent from the
// main thread when Optimize is pressed (serializing the sheets: ≈ 20 ms per helper at 100k rows, v8 in
// Node), and the client keeps the sheets while helpers may need them: above this many accounts Optimize
// stays on the two workers and the helpers stop.
export const HELPER_MAX_ACCOUNTS = 100_000;

/** Helper workers for Optimize on a machine with this many logical cores (0 below 3). */
export function optimizeHelpers(cores: number): number {
  return Math.max(0, Math.min(cores, MAX_OPTIMIZE_LANES) - 2);
}

const coresHere = () => (typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1);

export class ComputeClient {
  private riskEnabled = false;
  /** The greedy kernel the channels run for the loaded book (OptimizeOutcome.kernel). */
  private kernel: 'webassembly' | 'typescript' = 'typescript';
  private sensitivityGeneration = 0;
  private viewInFlight = false;
  private viewPending: { request: KeyedSettings; resolve: (v: PaneView | null) => void; reject: (e: unknown) => void } | null = null;
  /** The loaded book's sheets while helpers may need them (small enough, helpers allowed); its load count. */
  private sheets: readonly [SheetInput, SheetInput] | null = null;
  private generation = 0;
  private readonly helpers: Helper[] = [];

  private readonly helperCount: number;
  private readonly startHelper: () => Promise<Channel | null>;
  private readonly helperMaxAccounts: number;

  private constructor(
    private readonly primary: Channel,
    private readonly secondary: Channel,
    helpers: HelperOptions = { count: 0 },
  ) {
    this.helperCount = helpers.count;
    this.startHelper = helpers.start ?? startWorkerChannel;
    this.helperMaxAccounts = helpers.maxAccounts ?? HELPER_MAX_ACCOUNTS;
  }

  /** A client over given channels and helpers (tests). */
  static fromChannels(primary: Channel, secondary: Channel, helpers?: HelperOptions): ComputeClient {
    return new ComputeClient(primary, secondary, helpers);
  }

  /**
   * Starts up to `workers` workers (2 by default when the machine has 2+ cores); `helpers` more start at
   * the first Optimize (by default optimizeHelpers of the machine's cores).
   */
  static async start(workers = coresHere() >= 2 ? 2 : 1, helpers = optimizeHelpers(coresHere())): Promise<ComputeClient> {
    const first = await startWorkerChannel();
    if (!first) {
      const main = mainThreadChannel();
      return new ComputeClient(main, main);
    }
    const second = workers >= 2 ? await startWorkerChannel() : null;
    return new ComputeClient(first, second ?? first, { count: second ? helpers : 0 });
  }

  /** A client that computes on this thread only (tests, hosts that refuse workers). */
  static mainThread(): ComputeClient {
    const main = mainThreadChannel();
    return new ComputeClient(main, main);
  }

  /** 'workers (2)', 'worker (1)' or 'main thread', for the pane's footer and the docs. */
  get mode(): string {
    if (this.primary.kind === 'main-thread') return 'main thread';
    return this.primary === this.secondary ? 'worker (1)' : 'workers (2)';
  }

  private get channels(): Channel[] {
    return this.primary === this.secondary ? [this.primary] : [this.primary, this.secondary];
  }

  /** Reads an .xlsx file into sheets (in the worker; the buffer is transferred). */
  parseXlsx(data: ArrayBuffer): Promise<SheetInput[]> {
    return this.primary.call('parseXlsx', [data], [data]);
  }

  /** Validates the sheets; on success every worker keeps the Book. */
  async load(reps: SheetInput, accounts: SheetInput): Promise<BookSummary> {
    this.sensitivityGeneration++;
    // Helpers load a book at the next Optimize: the one they hold is now out of date. A load overtaken by a
    // newer one (loads can overlap: a file opened while the sample still loads) leaves the client's state to it.
    const generation = ++this.generation;
    this.sheets = null;
    const [summary] = await Promise.all(this.channels.map((c) => c.call('load', [reps, accounts])));
    if (generation !== this.generation) return summary!;
    if (summary!.ok && this.helperCount > 0 && summary!.accountCount <= this.helperMaxAccounts) this.sheets = [reps, accounts];
    // A book helpers may not take: they stop, and their copies of the last book go with them.
    else this.stopHelpers();
    if (summary!.ok) {
      this.riskEnabled = summary!.riskEnabled;
      // Asked once per book, not per Optimize (where it would queue behind a worker's refinement).
      const kernels = await Promise.all(this.channels.map((channel) => channel.call('kernel', [])));
      if (generation === this.generation) this.kernel = kernels.every((k) => k === 'webassembly') ? 'webassembly' : 'typescript';
    }
    return summary!;
  }

  /** The view for these settings. Latest wins: a request overtaken by a newer one resolves null. */
  view(request: KeyedSettings): Promise<PaneView | null> {
    return new Promise((resolve, reject) => {
      if (this.viewInFlight) {
        this.viewPending?.resolve(null);
        this.viewPending = { request, resolve, reject };
        return;
      }
      this.runView(request, resolve, reject);
    });
  }

  private runView(request: KeyedSettings, resolve: (v: PaneView | null) => void, reject: (e: unknown) => void) {
    this.viewInFlight = true;
    this.primary
      .call('view', [request])
      .then((v) => resolve(v), reject)
      .finally(() => {
        this.viewInFlight = false;
        const next = this.viewPending;
        this.viewPending = null;
        if (next) this.runView(next.request, next.resolve, next.reject);
      });
  }

  /**
   * The refined view for these settings (refinement on), after `view` gave the greedy one; null when
   * a newer change made it pointless. Queued behind the views, so a slider move always goes first.
   */
  refined(request: KeyedSettings): Promise<PaneView | null> {
    return this.primary.call('refinedView', [request]);
  }

  /** The sensitivity chart, computed in chunks; null when a newer request replaced it. */
  async sensitivity(settings: Settings, thresholds: readonly number[]): Promise<SensitivitySample[] | null> {
    const generation = ++this.sensitivityGeneration;
    const out: SensitivitySample[] = [];
    for (let i = 0; i < thresholds.length; i += SENSITIVITY_CHUNK) {
      if (generation !== this.sensitivityGeneration) return null;
      out.push(...(await this.secondary.call('sensitivityAt', [settings, thresholds.slice(i, i + SENSITIVITY_CHUNK)])));
    }
    return generation === this.sensitivityGeneration ? out : null;
  }

  /**
   * Optimize Weights over the whole 1 % grid: each channel is a lane of the engine's scheduler,
   * in short slices so a slider move queued behind one still feels instant. The 5 % grid goes
   * first and its best arrives through `onProvisional` (not after a cancel) while the rest is
   * scored. Resolves null when cancelled (the partial result is discarded).
   */
  async optimize(
    settings: Settings,
    onProgress: (p: OptimizeProgress) => void,
    signal: AbortSignal,
    onProvisional: (outcome: OptimizeOutcome) => void = () => {},
  ): Promise<OptimizeOutcome | null> {
    const t0 = performance.now();
    // The kernels and the count of the lanes that scored a slice (a helper may join late, or not at all).
    const kernels: Kernel[] = [];
    const scoring = (lane: OptimizeLane, kernel: () => Kernel): OptimizeLane => {
      let counted = false;
      return {
        ...lane,
        score: (indices, beat) => {
          if (!counted) {
            counted = true;
            kernels.push(kernel());
          }
          return lane.score(indices, beat);
        },
      };
    };
    const lanes: OptimizeLane[] = this.channels.map((channel) =>
      scoring({ score: (indices, beat) => channel.call('scoreWeights', [settings, indices, beat]), sliceMs: channel.kind === 'worker' ? WORKER_SLICE_MS : MAIN_THREAD_SLICE_MS }, () => this.kernel),
    );
    for (const helper of this.readyHelpers()) {
      let kernel: Kernel = 'typescript';
      const ready = helper.ready!;
      const joined = ready.then((h) => (kernel = h.kernel));
      const score = async (indices: readonly number[], beat: number | null) => {
        try {
          return await (await ready).channel.call('scoreWeights', [settings, indices, beat]);
        } catch {
          // A helper that fails after joining (its worker stopped) is dropped; the primary scores its slice,
          // and the next Optimize starts a fresh helper.
          this.dropHelper(helper);
          return this.primary.call('scoreWeights', [settings, indices, beat]);
        }
      };
      lanes.push(scoring({ score, sliceMs: WORKER_SLICE_MS, ready: joined }, () => kernel));
    }
    const outcome = (): Pick<OptimizeOutcome, 'ms' | 'kernel' | 'lanes'> => ({
      ms: performance.now() - t0,
      kernel: kernels.every((k) => k === 'webassembly') ? 'webassembly' : 'typescript',
      lanes: kernels.length,
    });
    const result = await runOptimize(this.riskEnabled, settings.weights, lanes, {
      onProgress: (done, total) => onProgress({ done, total }),
      shouldCancel: () => signal.aborted,
      onProvisional: (provisional) => onProvisional({ ...provisional, ...outcome() }),
    });
    return result && { ...result, ...outcome() };
  }

  /**
   * The helpers with the current book, for one Optimize: started on first use, each loading the book
   * it does not hold yet (a rejected promise when a helper cannot start or load: that lane stays out).
   */
  private readyHelpers(): Helper[] {
    const sheets = this.sheets;
    if (!sheets) return [];
    while (this.helpers.length < this.helperCount) this.helpers.push({ channel: this.startHelper(), generation: -1, ready: null });
    return this.helpers.map((helper) => {
      if (helper.generation !== this.generation || !helper.ready) {
        helper.generation = this.generation;
        helper.ready = helper.channel.then(async (channel) => {
          if (!channel) throw new Error('an Optimize helper worker did not start');
          const summary = await channel.call('load', [...sheets]);
          if (!summary.ok) throw new Error('an Optimize helper worker could not load the book');
          return { channel, kernel: await channel.call('kernel', []) };
        });
        // A helper that fails is only a lane fewer; nobody else awaits this promise.
        helper.ready.catch(() => {});
      }
      return helper;
    });
  }

  /** Stops one helper and forgets it (a new one starts at the next Optimize). */
  private dropHelper(helper: Helper) {
    const at = this.helpers.indexOf(helper);
    if (at < 0) return;
    this.helpers.splice(at, 1);
    void helper.channel.then((c) => c?.terminate());
  }

  private stopHelpers() {
    for (const helper of [...this.helpers]) this.dropHelper(helper);
  }

  /** Rows [from, to) of the account assignments table. */
  rows(request: KeyedSettings, from: number, to: number): Promise<AssignmentRow[]> {
    return this.primary.call('rows', [request, from, to]);
  }

  /** A page of the account movement table. */
  moves(request: KeyedSettings, query: MoveQuery, from: number, to: number): Promise<MovePage> {
    return this.primary.call('moves', [request, query, from, to]);
  }

  /** One audit step. */
  audit(request: KeyedSettings, step: number): Promise<AuditRecord | null> {
    return this.primary.call('audit', [request, step]);
  }

  /** Audit steps whose account ID or name contains the text. */
  findSteps(request: KeyedSettings, text: string): Promise<StepHit[]> {
    return this.primary.call('findSteps', [request, text]);
  }

  /** The CSV export text. */
  csv(request: KeyedSettings): Promise<string> {
    return this.primary.call('csv', [request]);
  }

  /** What Allocate writes into the workbook, but the Audit Log's rows (see auditLog). */
  runOutput(request: KeyedSettings, generatedAt: string): Promise<RunOutput> {
    return this.primary.call('runOutput', [request, generatedAt]);
  }

  /** A scenario's headline results for these settings (the evaluation on screen is reused when it matches). */
  scenarioResults(request: KeyedSettings, offScreen = false): Promise<ScenarioResults> {
    // Settings not on screen go to the second worker: the first keeps the live evaluation it caches
    // (rows, CSV and Allocate of the live settings would otherwise compute it again).
    return (offScreen ? this.secondary : this.primary).call('scenarioResults', [request]);
  }

  /**
   * The Audit Log's rows for these settings, built in a worker block by block as the writer asks.
   * The secondary worker builds them, so the primary keeps answering slider moves during a write.
   */
  auditLog(request: KeyedSettings): AuditLogRows {
    return (from, to) => this.secondary.call('auditLogRows', [request, from, to]);
  }

  /** Stops the workers. */
  dispose() {
    for (const c of this.channels) c.terminate();
    this.stopHelpers();
  }
}
