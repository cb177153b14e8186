/**
 * Pure compute over the engine, run inside a Web Worker (or on the main thread as a
 * fallback). Holds the Book and the latest Evaluation; answers with small views only.
 * Every method is self-contained: it names the settings it is about, so answers never
 * depend on message order between workers.
 */
import {
  accountMoves,
  AuditReplay,
  auditRecord,
  bookThresholdSlider,
  defaultSettings,
  evaluate,
  evaluateSteps,
  exportCsv,
  findAuditSteps,
  EngineSession,
  readBook,
  scoreWeightsPruned,
  sensitivity,
  sensitivitySample,
  weightGrid,
  type AccountMove,
  type Book,
  type Evaluation,
  type KeyedSettings,
  type SensitivitySample,
  type Settings,
  type SheetInput,
  type Warning,
  type Weights,
  type RunOutput,
  inputHash,
  scenarioResults,
  type ScenarioResults,
} from '../engine/index.js';
import {
  MAX_ERRORS_SENT,
  type AssignmentRow,
  type AuditRecord,
  type BookSummary,
  type MovePage,
  type MoveQuery,
  type PaneView,
  type StepHit,
} from './protocol.js';
import { auditLogRows } from '../workbook/layout/audit.js';
import type { OutCell } from '../workbook/layout/types.js';
import { assignmentRows, bookConstraints, paneView } from './views.js';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Refinement runs in slices this long, with a turn of the event loop between them. */
const SLICE_MS = 10;

/** Yields to the event loop (a message channel: no timer clamping), so queued requests run. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The compute state of one worker: a loaded book, the evaluation on screen (one entry, replaced
 * as the sliders move) and the evaluation being written (kept while its Audit Log is fetched, so
 * slider moves in the meantime do not make every block evaluate again).
 */
export class ComputeSession {
  private book: Book | null = null;
  private session: EngineSession | null = null;
  private readWarnings: readonly Warning[] = [];
  /** The evaluation on screen, as its settings ask (refined when refinement is on). */
  private cached: { key: string; evaluation: Evaluation; ms: number } | null = null;
  /** The greedy result shown while the refined one is computed (refinement on). */
  private greedy: { key: string; evaluation: Evaluation } | null = null;
  /** Counts live requests: a refinement in progress stops when a newer one arrives. */
  private liveGeneration = 0;
  private writing: { key: string; evaluation: Evaluation } | null = null;
  private moveCache: { key: string; moves: AccountMove[] } | null = null;
  /** The Audit Log replay of the last allocation written (blocks are asked for in order). */
  private auditReplay: AuditReplay | null = null;
  private grid: Weights[] = [];

  /** Reads every sheet of an .xlsx file (ExcelJS is loaded only when a file is opened). */
  async parseXlsx(data: ArrayBuffer): Promise<SheetInput[]> {
    const { readXlsxSheets } = await import('../workbook/xlsx/read.js');
    return readXlsxSheets(data);
  }

  /** Validates the two sheets and keeps the Book for every later request. */
  load(reps: SheetInput, accounts: SheetInput): BookSummary {
    this.book = null;
    this.cached = null;
    this.greedy = null;
    this.liveGeneration++;
    this.writing = null;
    this.moveCache = null;
    this.auditReplay = null;
    const result = readBook(reps, accounts);
    this.readWarnings = result.warnings;
    if (!result.ok) {
      return {
        ok: false,
        errors: result.errors.slice(0, MAX_ERRORS_SENT),
        errorCount: result.errors.length,
        warnings: result.warnings,
      };
    }
    const book = result.book;
    this.book = book;
    this.session = new EngineSession(book);
    this.grid = weightGrid(book.riskEnabled);
    return {
      ok: true,
      slider: bookThresholdSlider(book),
      riskEnabled: book.riskEnabled,
      hasRiskColumn: book.hasRiskColumn,
      repCount: book.reps.length,
      accountCount: book.accounts.count,
      ...bookConstraints(book),
      defaults: defaultSettings(book),
      warnings: result.warnings,
      inputHash: inputHash(book),
    };
  }

  private requireBook(): Book {
    if (!this.book) throw new Error('No workbook is loaded yet: pick the Reps and Accounts sheets and press Load / Validate.');
    return this.book;
  }

  private requireSession(): EngineSession {
    this.requireBook();
    return this.session!;
  }

  private evaluation(request: KeyedSettings): Evaluation {
    const book = this.requireBook();
    if (this.cached?.key === request.key) return this.cached.evaluation;
    if (this.writing?.key === request.key) return this.writing.evaluation;
    const t0 = now();
    const evaluation = evaluate(book, request.settings, this.requireSession());
    this.cached = { key: request.key, evaluation, ms: now() - t0 };
    return evaluation;
  }

  /**
   * Fairness, segment sizes, rep summary and comparison figures for these settings. With refinement
   * on, the greedy result comes first (SPEC §10.1: every change repaints within 100 ms) with stage
   * 'greedy', and `refinedView` computes what replaces it; any newer live request stops that.
   */
  view(request: KeyedSettings): PaneView {
    this.liveGeneration++;
    const t0 = now();
    const book = this.requireBook();
    if (!request.settings.refine || this.cached?.key === request.key || this.writing?.key === request.key) {
      return paneView(book, request, this.evaluation(request), now() - t0);
    }
    if (this.greedy?.key !== request.key) {
      this.greedy = { key: request.key, evaluation: evaluate(book, { ...request.settings, refine: false }, this.requireSession()) };
    }
    return paneView(book, request, this.greedy.evaluation, now() - t0, 'greedy');
  }

  /**
   * The refined view for these settings, computed in slices of about 10 ms so the worker keeps
   * answering; null when a newer live request made it pointless (it stops at the next slice).
   */
  async refinedView(request: KeyedSettings): Promise<PaneView | null> {
    const generation = ++this.liveGeneration;
    const book = this.requireBook();
    const t0 = now();
    if (this.cached?.key !== request.key) {
      const steps = evaluateSteps(book, request.settings, this.requireSession());
      let slice = now();
      let next = steps.next();
      while (!next.done) {
        if (now() - slice > SLICE_MS) {
          await nextTask();
          if (generation !== this.liveGeneration) return null;
          // Another request (rows, the CSV) may have finished this evaluation meanwhile.
          if (this.cached?.key === request.key) break;
          slice = now();
        }
        next = steps.next();
      }
      if (next.done && this.cached?.key !== request.key) this.cached = { key: request.key, evaluation: next.value, ms: now() - t0 };
    }
    return paneView(book, request, this.cached!.evaluation, now() - t0);
  }

  /** Sensitivity samples at the given thresholds (the client sends the chart in chunks). */
  sensitivityAt(settings: Settings, thresholds: readonly number[]): SensitivitySample[] {
    const book = this.requireBook();
    return thresholds.map((t) => sensitivitySample(book, settings, t, this.requireSession()));
  }

  /** Overall Balanced fairness for the grid combinations at these grid indexes (Optimize Weights); null for those that cannot beat `beat`. */
  scoreWeights(settings: Settings, indices: readonly number[], beat: number | null = null): (number | null)[] {
    return scoreWeightsPruned(this.requireBook(), settings, this.grid, indices, this.requireSession(), { beat });
  }

  /** Which greedy kernel this thread's Optimize and sensitivity runs use (WebAssembly unless the host refused it). */
  kernel(): 'webassembly' | 'typescript' {
    return this.requireSession().fastKernel() ? 'webassembly' : 'typescript';
  }

  /** Rows [from, to) of the account assignments table. */
  rows(request: KeyedSettings, from: number, to: number): AssignmentRow[] {
    return assignmentRows(this.requireBook(), this.evaluation(request), from, to);
  }

  /** A page of the account movement table, sorted and filtered. */
  moves(request: KeyedSettings, query: MoveQuery, from: number, to: number): MovePage {
    const book = this.requireBook();
    const key = `${request.key}#${query.sort}|${query.descending}|${query.segment}|${query.filter.trim().toLowerCase()}`;
    if (this.moveCache?.key !== key) this.moveCache = { key, moves: sortedMoves(accountMoves(book, this.evaluation(request)), query) };
    const moves = this.moveCache.moves;
    return { total: moves.length, from, rows: moves.slice(Math.max(0, from), Math.max(0, to)) };
  }

  /** One audit step (1-based): every candidate's scores, the winner and the reason. */
  audit(request: KeyedSettings, step: number): AuditRecord | null {
    return auditRecord(this.requireBook(), this.evaluation(request).allocation, step);
  }

  /** Steps whose account ID or name contains the text. */
  findSteps(request: KeyedSettings, text: string, limit = 50): StepHit[] {
    const book = this.requireBook();
    const allocation = this.evaluation(request).allocation;
    return findAuditSteps(book, allocation, text, limit).map(({ step, account }) => ({ step, accountId: book.accounts.id[account]!, accountName: book.accounts.name[account]! }));
  }

  /** The CSV export (SPEC §9): UTF-8 text with BOM and CRLF. */
  csv(request: KeyedSettings): string {
    return exportCsv(this.requireBook(), this.evaluation(request).allocation);
  }

  /**
   * Everything one Allocate press writes (cloned once to the main thread, where the workbook
   * lives) but the Audit Log, whose rows auditLogRows builds here block by block.
   */
  runOutput(request: KeyedSettings, generatedAt: string): RunOutput {
    const book = this.requireBook();
    const evaluation = this.evaluation(request);
    this.writing = { key: request.key, evaluation };
    return {
      book,
      evaluation,
      readWarnings: this.readWarnings,
      sensitivity: sensitivity(book, request.settings, bookThresholdSlider(book)),
      generatedAt,
    };
  }

  /** The headline results a scenario keeps (SPEC §16), for these settings: the engine's `scenarioResults`. */
  scenarioResults(request: KeyedSettings): ScenarioResults {
    return scenarioResults(this.requireBook(), this.evaluation(request));
  }

  /** Audit Log rows [from, to) of the run for these settings (row 0 = step 1). */
  auditLogRows(request: KeyedSettings, from: number, to: number): OutCell[][] {
    const allocation = this.evaluation(request).allocation;
    // One replay per allocation: the writer asks for the blocks in order, each then costs O(block).
    if (this.auditReplay?.allocation !== allocation) this.auditReplay = new AuditReplay(this.requireBook(), allocation);
    return auditLogRows(this.auditReplay, from, to);
  }
}

function sortedMoves(all: readonly AccountMove[], query: MoveQuery): AccountMove[] {
  const needle = query.filter.trim().toLowerCase();
  const moves = all.filter(
    (m) =>
      (query.segment === 'all' || m.segment === query.segment) &&
      (needle === '' ||
        m.accountId.toLowerCase().includes(needle) ||
        m.accountName.toLowerCase().includes(needle) ||
        m.from.toLowerCase().includes(needle) ||
        m.to.toLowerCase().includes(needle)),
  );
  const key = query.sort;
  const sign = query.descending ? -1 : 1;
  const byText = (a: string, b: string) => {
    const x = a.toLowerCase(), y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
  moves.sort((a, b) => {
    const c = key === 'arr' ? a.arr - b.arr : byText(a[key], b[key]);
    // Ties keep Accounts row order whatever the direction, so the table never jitters.
    return sign * c || a.accountIndex - b.accountIndex;
  });
  return moves;
}

/** The methods a worker answers; the client calls them by name. */
export type ComputeApi = Pick<
  ComputeSession,
  'parseXlsx' | 'load' | 'view' | 'refinedView' | 'sensitivityAt' | 'scoreWeights' | 'kernel' | 'rows' | 'moves' | 'audit' | 'findSteps' | 'csv' | 'runOutput' | 'auditLogRows' | 'scenarioResults'
>;
export type ComputeOp = keyof ComputeApi;
