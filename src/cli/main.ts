/**
 * `territory-slicer report`: the engine without Excel, for scripts, CI and integrations (SPEC §13).
 * bin.ts parses the arguments and loads this module only for a report.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  bookThresholdSlider,
  buildReport,
  checkSettings,
  countOf,
  defaultSettings,
  defaultsFor,
  EngineSession,
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
import type { ReportArgs } from './args.js';
import { auditTooBig } from './audit-budget.js';
import { InputFileError, loadSheets } from './input.js';
import { writeJsonFile } from './json-stream.js';
import { createOptimizePool } from './optimize-pool.js';

/** Where the rows came from, in the user's words: sheets of a workbook, or two CSV files. */
interface Wording {
  /** Names the rows of an error: the sheet (`Reps`), or the CSV file (`reps.csv`). */
  where(sheet: string): string;
  /** The engine's messages speak of sheets; CSV runs speak of their files instead. */
  message(text: string): string;
  /** Where the user fixes errors. */
  fixIn: string;
}

const WORKBOOK_WORDING: Wording = { where: (sheet) => sheet, message: (text) => text, fixIn: 'the workbook' };

/** Wording for a CSV run: "the Reps sheet" becomes "the Reps file reps.csv". */
export function csvWording(files: { readonly reps: string; readonly accounts: string }): Wording {
  const file = (role: string) => (role === 'Reps' ? files.reps : role === 'Accounts' ? files.accounts : role);
  return {
    where: file,
    message: (text) =>
      text.replace(/\b(on |in |to )?([Tt])he (Reps|Accounts) sheet\b/g, (_, prep: string | undefined, t: string, role: string) =>
        `${prep === 'on ' ? 'in ' : (prep ?? '')}${t}he ${role} file ${file(role)}`,
      ),
    fixIn: 'the CSV files',
  };
}

function wordingFor(args: ReportArgs): Wording {
  return args.workbook === undefined ? csvWording({ reps: args.reps!, accounts: args.accounts! }) : WORKBOOK_WORDING;
}

/** The report's error and warning messages in the run's wording (key order unchanged). */
function reworded(json: Record<string, unknown>, wording: Wording): Record<string, unknown> {
  if (wording === WORKBOOK_WORDING) return json;
  const withMessage = (list: unknown) => (list as { message: string }[]).map((item) => ({ ...item, message: wording.message(item.message) }));
  return { ...json, errors: withMessage(json.errors), warnings: withMessage(json.warnings) };
}

function describeError(e: InputError, wording: Wording): string {
  const value = e.value === null || e.value === undefined ? '' : ` value ${JSON.stringify(e.value)}:`;
  return `${wording.where(e.sheet)} row ${e.row}${e.column ? `, column ${e.column}` : ''}:${value} ${e.message}`;
}

// Streamed: a single JSON.stringify of a large --audit report exceeds V8's maximum string length.
const writeJson = writeJsonFile;

function summary(evaluation: Evaluation): string {
  const fmt = (v: number | null) => (v === null ? 'N/A' : v.toFixed(1));
  const lines = [`Overall fairness: Custom ${fmt(evaluation.overall.custom)}, Balanced ${fmt(evaluation.overall.balanced)}`];
  for (const seg of evaluation.segments) {
    lines.push(`${seg.name}: ${countOf(seg.accounts, 'account')}, ${countOf(seg.reps.length, 'rep')}, Custom ${fmt(seg.custom)}, Balanced ${fmt(seg.balanced)}`);
  }
  lines.push(`Deal size ratio (E:MM): ${fmt(evaluation.dealSizeRatio)}; accounts moved: ${evaluation.moved.accounts.toLocaleString('en-US')}`);
  return lines.join('\n');
}

/** The flags as a settings file: only those given. */
function flagSettings(args: ReportArgs): SettingsFile {
  const given = {
    threshold: args.threshold, weights: args.weights, geoBonus: args.geo, preserveBonus: args.preserve, riskCutoff: args.riskCutoff,
    mode: args.mode, refine: args.refine, budget: args.budget, maxAccounts: args.maxAccounts,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as SettingsFile;
}

/** Defaults, then the settings file, then the flags (SPEC §16: flags override the file). */
export function settingsFrom<D extends ErrorReportSettings>(args: ReportArgs, file: SettingsFile, defaults: D): D {
  return settingsOverDefaults(settingsOverDefaults(defaults, file), flagSettings(args));
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
  const wording = wordingFor(args);
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) {
    // The settings the run would use, as far as the sheets tell despite their errors.
    const partial: ErrorReportSettings = settingsFrom(args, file, defaultsFor(read.defaultThreshold, read.riskEnabled));
    const errors = read.errors.map((e) => ({ ...e, message: wording.message(e.message) }));
    return { code: 2, errors, json: reworded(errorReport(partial, read.riskEnabled, read.errors, read.warnings), wording) };
  }
  const { book } = read;
  const checked = checkSettings(settingsFrom(args, file, defaultSettings(book)), book.riskEnabled);
  if (!checked.ok) return { code: 1, reason: wording.message(checked.reason) };
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
  const json = reworded(buildReport(book, evaluation, read.warnings, { audit: args.audit, sensitivity: samples, optimize: optimized, refinedOptimum }), wording);
  return { code: 0, json, book, evaluation };
}

async function report(args: ReportArgs): Promise<number> {
  // Optimize Weights runs on the cores (worker_threads, workersFor). The workers start before the input is
  // read, so their start-up overlaps reading the workbook instead of following it.
  const pool = args.optimize ? createOptimizePool() : null;
  try {
    return await reportWith(args, (book, settings) => pool!.run(book, settings));
  } finally {
    await pool?.close();
  }
}

async function reportWith(given: ReportArgs, optimize: (book: Book, settings: Settings) => Promise<OptimizeResult>): Promise<number> {
  const file = await readSettingsFile(given.settings);
  const args = { ...given, repsSheet: given.repsSheet ?? file.repsSheet, accountsSheet: given.accountsSheet ?? file.accountsSheet };
  const outcome = await reportFor(await loadSheets(args), args, optimize, file);
  if (outcome.code === 2) {
    const wording = wordingFor(args);
    for (const e of outcome.errors) console.error(describeError(e, wording));
    if (args.json !== undefined) await writeJson(args.json, outcome.json);
    console.error(`${countOf(outcome.errors.length, 'error')}: fix them in ${wording.fixIn} and run again.`);
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
