/** Command-line arguments of `territory-slicer report` (SPEC §13, §14), validated into options. */
import { parseArgs } from 'node:util';
import type { AllocationMode, SegmentCaps } from '../engine/index.js';

export interface ReportArgs {
  readonly workbook?: string;
  /** Sheet names; absent = the settings file's, else "Reps" / "Accounts". */
  readonly repsSheet?: string;
  readonly accountsSheet?: string;
  readonly reps?: string;
  readonly accounts?: string;
  readonly threshold?: number;
  readonly weights?: { arr: number; accounts: number; risk: number };
  readonly geo?: number;
  readonly preserve?: number;
  readonly riskCutoff?: number;
  readonly mode?: AllocationMode;
  readonly refine?: boolean;
  readonly budget?: number;
  readonly maxAccounts?: SegmentCaps;
  /** A settings file (SPEC §16); flags override it. */
  readonly settings?: string;
  readonly sensitivity: boolean;
  readonly optimize: boolean;
  readonly audit: boolean;
  readonly csv?: string;
  readonly json?: string;
}

export const USAGE = `Usage:
  territory-slicer report (--workbook FILE.xlsx [--reps-sheet NAME] [--accounts-sheet NAME]
                           | --reps REPS.csv --accounts ACCOUNTS.csv)
      [--threshold N] [--weights ARR,ACCOUNTS,RISK] [--geo B] [--preserve B] [--risk-cutoff C]
      [--sensitivity] [--optimize] [--audit] [--csv OUT.csv] [--json OUT.json|-]
      [--mode fresh|rebalance] [--refine on|off] [--budget PCT] [--max-accounts E,MM]
      [--settings FILE.json]

  --mode          fresh (default): allocate every account; rebalance: start from current books
  --refine        on (default): moves and swaps after the greedy that lower imbalance
  --budget        rebalance only: at most PCT % of each segment's accounts leave their start rep (10)
  --max-accounts  default cap on accounts per rep for Enterprise,Mid-Market ("-" = none; 25,-)
  --settings      a settings JSON object (the report's "settings" works); flags override it

Exit codes: 0 success, 2 input has hard errors (listed), 1 anything else.`;

export type ParsedArgs = { ok: true; args: ReportArgs } | { ok: false; reason: string };

function number(text: string, what: string): number | string {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return `${what} must be a number, got "${text}"`;
  return v;
}

function bonus(text: string, flag: string): number | string {
  const v = number(text, flag);
  if (typeof v === 'string') return v;
  const hundredths = v * 100;
  if (v < 0 || v > 0.1 || Math.abs(hundredths - Math.round(hundredths)) > 1e-9) {
    return `${flag} must be between 0 and 0.10 in steps of 0.01, got "${text}"`;
  }
  return Math.round(hundredths) / 100;
}

/** Parses argv (without the node and script paths). */
export function parseReportArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      // "--max-accounts -,25" starts its value with a dash, which parseArgs would take for an option.
      args: argv.map((arg, i) => (argv[i - 1] === '--max-accounts' && arg.startsWith('-') ? `--max-accounts=${arg}` : arg)).filter((arg, i) => !(arg === '--max-accounts' && argv[i + 1]?.startsWith('-'))),
      allowPositionals: true,
      options: {
        workbook: { type: 'string' },
        'reps-sheet': { type: 'string' },
        'accounts-sheet': { type: 'string' },
        reps: { type: 'string' },
        accounts: { type: 'string' },
        threshold: { type: 'string' },
        weights: { type: 'string' },
        geo: { type: 'string' },
        preserve: { type: 'string' },
        'risk-cutoff': { type: 'string' },
        mode: { type: 'string' },
        refine: { type: 'string' },
        budget: { type: 'string' },
        'max-accounts': { type: 'string' },
        settings: { type: 'string' },
        sensitivity: { type: 'boolean', default: false },
        optimize: { type: 'boolean', default: false },
        audit: { type: 'boolean', default: false },
        csv: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { ok: false, reason: 'help' };
  if (positionals[0] !== 'report' || positionals.length > 1) return { ok: false, reason: 'the only command is "report"' };
  const hasWorkbook = v.workbook !== undefined;
  const hasCsv = v.reps !== undefined || v.accounts !== undefined;
  if (hasWorkbook === hasCsv) return { ok: false, reason: 'give either --workbook FILE.xlsx or both --reps and --accounts CSV files' };
  if (hasCsv && (v.reps === undefined || v.accounts === undefined)) return { ok: false, reason: 'CSV input needs both --reps and --accounts' };

  const out: { -readonly [K in keyof ReportArgs]: ReportArgs[K] } = {
    workbook: v.workbook,
    repsSheet: v['reps-sheet'],
    accountsSheet: v['accounts-sheet'],
    reps: v.reps,
    accounts: v.accounts,
    sensitivity: v.sensitivity ?? false,
    optimize: v.optimize ?? false,
    audit: v.audit ?? false,
    csv: v.csv,
    json: v.json,
    settings: v.settings,
  };
  if (v.threshold !== undefined) {
    const t = number(v.threshold, '--threshold');
    if (typeof t === 'string') return { ok: false, reason: t };
    out.threshold = t;
  }
  if (v.weights !== undefined) {
    const parts = v.weights.split(',').map((s) => s.trim());
    if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) {
      return { ok: false, reason: `--weights must be three whole numbers ARR,ACCOUNTS,RISK, got "${v.weights}"` };
    }
    const [arr, accounts, risk] = parts.map(Number) as [number, number, number];
    if (arr + accounts + risk !== 100) return { ok: false, reason: `--weights must add up to 100, got ${arr + accounts + risk}` };
    out.weights = { arr, accounts, risk };
  }
  for (const [flag, key] of [['geo', 'geo'], ['preserve', 'preserve']] as const) {
    const text = v[flag];
    if (text === undefined) continue;
    const b = bonus(text, `--${flag}`);
    if (typeof b === 'string') return { ok: false, reason: b };
    out[key] = b;
  }
  if (v['risk-cutoff'] !== undefined) {
    const c = number(v['risk-cutoff'], '--risk-cutoff');
    if (typeof c === 'string') return { ok: false, reason: c };
    if (c < 0 || c > 1) return { ok: false, reason: `--risk-cutoff must be between 0 and 1, got ${c}` };
    out.riskCutoff = c;
  }
  if (v.mode !== undefined) {
    if (v.mode !== 'fresh' && v.mode !== 'rebalance') return { ok: false, reason: `--mode must be fresh or rebalance, got "${v.mode}"` };
    out.mode = v.mode;
  }
  if (v.refine !== undefined) {
    if (v.refine !== 'on' && v.refine !== 'off') return { ok: false, reason: `--refine must be on or off, got "${v.refine}"` };
    out.refine = v.refine === 'on';
  }
  if (v.budget !== undefined) {
    const b = v.budget.trim();
    if (!/^\d+$/.test(b) || Number(b) > 100) return { ok: false, reason: `--budget must be a whole percentage from 0 to 100, got "${v.budget}"` };
    out.budget = Number(b);
  }
  if (v['max-accounts'] !== undefined) {
    const parts = v['max-accounts'].split(',').map((p) => p.trim());
    if (parts.length !== 2 || parts.some((p) => p !== '-' && !/^\d+$/.test(p))) {
      return { ok: false, reason: `--max-accounts must be two caps ENTERPRISE,MID-MARKET, each a whole number or "-" for none, got "${v['max-accounts']}"` };
    }
    const cap = (p: string) => (p === '-' ? null : Number(p));
    out.maxAccounts = { Enterprise: cap(parts[0]!), 'Mid-Market': cap(parts[1]!) };
  }
  return { ok: true, args: out };
}
