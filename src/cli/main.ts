/** `territory-slicer report`: the engine without Excel, for scripts, CI and integrations (SPEC §13). */
import { readFile, writeFile } from 'node:fs/promises';
import {
  bookThresholdSlider,
  buildReport,
  checkSettings,
  countOf,
  DEFAULT_BONUS,
  DEFAULT_BUDGET,
  DEFAULT_MODE,
  DEFAULT_REFINE,
  DEFAULT_RISK_CUTOFF,
  DEFAULT_WEIGHTS,
  DEFAULT_WEIGHTS_NO_RISK,
  defaultSettings,
  EngineSession,
  NO_CAPS,
  parseSettingsFile,
  settingsOverDefaults,
  errorReport,
  evaluate,
  exportCsv,
  readBook,
  sensitivity,
  type Book,
  type ErrorReportSettings,
  type Evaluation,
  type InputError,
  type OptimizeResult,
  type Settings,
  type SettingsFile,
  type SheetInput,
} from '../engine/index.js';
import { parseReportArgs, USAGE, type ReportArgs } from './args.js';
import { auditTooBig } from './audit-budget.js';
import { InputFileError, loadSheets } from './input.js';
import { writeJsonFile } from './json-stream.js';
import { createOptimizePool } from './optimize-pool.js';

function describeError(e: InputError): string {
  const value = e.value === null || e.value === undefined ? '' : ` value ${JSON.stringify(e.value)}:`;
  return `${e.sheet} row ${e.row}${e.column ? `, column ${e.column}` : ''}:${value} ${e.message}`;
}

// Streamed: a single JSON.stringify of a large --audit report exceeds V8's maximum string length.
const writeJson = writeJsonFile;

function summary(evaluation: Evaluation): string {
  const fmt = (v: number | null) => (v === null ? 'N/A' : v.toFixed(1));
  const lines = [`Overall fairness: Custom ${fmt(evaluation.overall.custom)}, Balanced ${fmt(evaluation.overall.balanced)}`];
  for (const seg of evaluation.segments) {
    lines.push(`${seg.name}: ${seg.accounts} accounts, ${seg.reps.length} reps, Custom ${fmt(seg.custom)}, Balanced ${fmt(seg.balanced)}`);
  }
  lines.push(`Deal size ratio (E:MM): ${fmt(evaluation.dealSizeRatio)}; accounts moved: ${evaluation.moved.accounts}`);
  return lines.join('\n');
}

/** Defaults, then the settings file, then the flags (SPEC §16: flags override the file). */
function settingsFrom(args: ReportArgs, file: SettingsFile, defaults: Settings): Settings {
  const base = settingsOverDefaults(defaults, file);
  return {
    threshold: args.threshold ?? base.threshold,
    weights: args.weights ?? base.weights,
    geoBonus: args.geo ?? base.geoBonus,
    preserveBonus: args.preserve ?? base.preserveBonus,
    riskCutoff: args.riskCutoff ?? base.riskCutoff,
    mode: args.mode ?? base.mode,
    refine: args.refine ?? base.refine,
    budget: args.budget ?? base.budget,
    maxAccounts: args.maxAccounts ?? base.maxAccounts,
  };
}

/** Reads and checks `--settings FILE.json`; problems with the file are exit code 1. */
async function readSettingsFile(path: string | undefined): Promise<SettingsFile> {
  if (path === undefined) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `cannot find the settings file ${path}` : `cannot read the settings file ${path} (${code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputFileError(`the settings file ${path} is not JSON (${(e as Error).message})`);
  }
  const parsed = parseSettingsFile(json);
  if (!parsed.ok) throw new InputFileError(`the settings file ${path}: ${parsed.reason}`);
  return parsed.file;
}

/** What `report` decided for loaded sheets and flags, before any file is written. */
export type ReportOutcome =
  | { readonly code: 2; readonly errors: readonly InputError[]; readonly json: Record<string, unknown> }
  | { readonly code: 1; readonly reason: string }
  | { readonly code: 0; readonly json: Record<string, unknown>; readonly book: Book; readonly evaluation: Evaluation };

/**
 * The §13 report for the two sheets and the parsed flags: exit code and JSON, no I/O. `optimize`
 * runs Optimize Weights (the CLI uses its worker pool; tests may pass the serial search).
 */
export async function reportFor(
  sheets: { readonly reps: SheetInput; readonly accounts: SheetInput },
  args: ReportArgs,
  optimize: (book: Book, settings: Settings) => Promise<OptimizeResult | null>,
  file: SettingsFile = {},
): Promise<ReportOutcome> {
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) {
    // The settings the run would use, as far as the sheets tell despite their errors.
    const partial: ErrorReportSettings = {
      threshold: args.threshold ?? file.threshold ?? read.defaultThreshold,
      weights: args.weights ?? file.weights ?? (read.riskEnabled ? DEFAULT_WEIGHTS : DEFAULT_WEIGHTS_NO_RISK),
      geoBonus: args.geo ?? file.geoBonus ?? DEFAULT_BONUS,
      preserveBonus: args.preserve ?? file.preserveBonus ?? DEFAULT_BONUS,
      riskCutoff: args.riskCutoff ?? file.riskCutoff ?? DEFAULT_RISK_CUTOFF,
      mode: args.mode ?? file.mode ?? DEFAULT_MODE,
      refine: args.refine ?? file.refine ?? DEFAULT_REFINE,
      budget: args.budget ?? file.budget ?? DEFAULT_BUDGET,
      maxAccounts: args.maxAccounts ?? file.maxAccounts ?? NO_CAPS,
    };
    return { code: 2, errors: read.errors, json: errorReport(partial, read.riskEnabled, read.errors, read.warnings) };
  }
  const { book } = read;
  const checked = checkSettings(settingsFrom(args, file, defaultSettings(book)), book.riskEnabled);
  if (!checked.ok) return { code: 1, reason: checked.reason };
  const settings = checked.settings;
  const session = new EngineSession(book);
  const evaluation = evaluate(book, settings, session);
  const tooBig = args.audit ? auditTooBig(evaluation) : null;
  if (tooBig !== null) return { code: 1, reason: tooBig };
  const samples = args.sensitivity ? sensitivity(book, settings, bookThresholdSlider(book), session) : undefined;
  const optimized = args.optimize ? ((await optimize(book, settings)) ?? undefined) : undefined;
  // With refinement on, the recommended weights are refined too and shown beside the greedy result (SPEC §15).
  const refined = optimized && settings.refine ? evaluate(book, { ...settings, weights: optimized.weights }, session) : null;
  const refinedOptimum = refined ? { weights: optimized!.weights, balanced: refined.overall.balanced, custom: refined.overall.custom } : undefined;
  const json = buildReport(book, evaluation, read.warnings, { audit: args.audit, sensitivity: samples, optimize: optimized, refinedOptimum });
  return { code: 0, json, book, evaluation };
}

/** Optimize Weights on every core (worker_threads), the pool closed afterwards. */
async function optimizeOnAllCores(book: Book, settings: Settings): Promise<OptimizeResult> {
  const pool = createOptimizePool();
  try {
    return await pool.run(book, settings);
  } finally {
    await pool.close();
  }
}

async function report(given: ReportArgs): Promise<number> {
  const file = await readSettingsFile(given.settings);
  const args = { ...given, repsSheet: given.repsSheet ?? file.repsSheet, accountsSheet: given.accountsSheet ?? file.accountsSheet };
  const outcome = await reportFor(await loadSheets(args), args, optimizeOnAllCores, file);
  if (outcome.code === 2) {
    for (const e of outcome.errors) console.error(describeError(e));
    if (args.json !== undefined) await writeJson(args.json, outcome.json);
    console.error(`${countOf(outcome.errors.length, 'error')}: fix them in the workbook and run again.`);
    return 2;
  }
  if (outcome.code === 1) {
    console.error(`territory-slicer: ${outcome.reason}`);
    return 1;
  }
  const { json, book, evaluation } = outcome;
  if (args.csv !== undefined) await writeFile(args.csv, exportCsv(book, evaluation.allocation), 'utf8');
  if (args.json !== undefined) await writeJson(args.json, json);
  if (args.json !== '-') {
    console.log(summary(evaluation));
    for (const w of json.warnings as { message: string }[]) console.log(`warning: ${w.message}`);
  }
  return 0;
}

/** Runs the CLI; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseReportArgs(argv);
  if (!parsed.ok) {
    if (parsed.reason === 'help') {
      console.log(USAGE);
      return 0;
    }
    console.error(`territory-slicer: ${parsed.reason}\n\n${USAGE}`);
    return 1;
  }
  try {
    return await report(parsed.args);
  } catch (e) {
    const message = e instanceof InputFileError ? e.message : `unexpected problem: ${(e as Error)?.message ?? String(e)}`;
    console.error(`territory-slicer: ${message}`);
    return 1;
  }
}
