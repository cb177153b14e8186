/**
 * `territory-slicer report`: the engine without Excel, for scripts, CI and integrations (SPEC §13).
 * bin.ts parses the arguments and loads this module only for a report.
 */
import { writeFile } from 'node:fs/promises';
import {
  bookThresholdSlider,
  buildReport,
  checkSettings,
  countOf,
  DEFAULT_BONUS,
  DEFAULT_RISK_CUTOFF,
  DEFAULT_WEIGHTS,
  DEFAULT_WEIGHTS_NO_RISK,
  defaultSettings,
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
  type SheetInput,
} from '../engine/index.js';
import type { ReportArgs } from './args.js';
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

function settingsFrom(args: ReportArgs, defaults: Settings): Settings {
  return {
    threshold: args.threshold ?? defaults.threshold,
    weights: args.weights ?? defaults.weights,
    geoBonus: args.geo ?? defaults.geoBonus,
    preserveBonus: args.preserve ?? defaults.preserveBonus,
    riskCutoff: args.riskCutoff ?? defaults.riskCutoff,
  };
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
): Promise<ReportOutcome> {
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) {
    // The settings the run would use, as far as the sheets tell despite their errors.
    const partial: ErrorReportSettings = {
      threshold: args.threshold ?? read.defaultThreshold,
      weights: args.weights ?? (read.riskEnabled ? DEFAULT_WEIGHTS : DEFAULT_WEIGHTS_NO_RISK),
      geoBonus: args.geo ?? DEFAULT_BONUS,
      preserveBonus: args.preserve ?? DEFAULT_BONUS,
      riskCutoff: args.riskCutoff ?? DEFAULT_RISK_CUTOFF,
    };
    return { code: 2, errors: read.errors, json: errorReport(partial, read.riskEnabled, read.errors, read.warnings) };
  }
  const { book } = read;
  const checked = checkSettings(settingsFrom(args, defaultSettings(book)), book.riskEnabled);
  if (!checked.ok) return { code: 1, reason: checked.reason };
  const settings = checked.settings;
  const evaluation = evaluate(book, settings);
  const tooBig = args.audit ? auditTooBig(evaluation) : null;
  if (tooBig !== null) return { code: 1, reason: tooBig };
  const samples = args.sensitivity ? sensitivity(book, settings, bookThresholdSlider(book)) : undefined;
  const optimized = args.optimize ? ((await optimize(book, settings)) ?? undefined) : undefined;
  const json = buildReport(book, evaluation, read.warnings, { audit: args.audit, sensitivity: samples, optimize: optimized });
  return { code: 0, json, book, evaluation };
}

async function report(args: ReportArgs): Promise<number> {
  // Optimize Weights runs on every core (worker_threads). The workers start before the input is
  // read, so their start-up overlaps reading the workbook instead of following it.
  const pool = args.optimize ? createOptimizePool() : null;
  try {
    return await reportWith(args, (book, settings) => pool!.run(book, settings));
  } finally {
    await pool?.close();
  }
}

async function reportWith(args: ReportArgs, optimize: (book: Book, settings: Settings) => Promise<OptimizeResult>): Promise<number> {
  const outcome = await reportFor(await loadSheets(args), args, optimize);
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

/** Runs `report` for parsed arguments; returns the exit code. Never lets a stack trace reach the user. */
export async function runReport(args: ReportArgs): Promise<number> {
  try {
    return await report(args);
  } catch (e) {
    const message = e instanceof InputFileError ? e.message : `unexpected problem: ${(e as Error)?.message ?? String(e)}`;
    console.error(`territory-slicer: ${message}`);
    return 1;
  }
}
