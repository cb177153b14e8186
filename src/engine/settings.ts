/**
 * Run settings: defaults (SPEC §3, §13, §15), validation with zod, the stable key every cache uses,
 * and the settings file the CLI reads and the pane stores (§16). One schema, so a new setting is
 * validated, keyed and stored without a second list to keep in step.
 */
import { z } from 'zod';
import { thresholdSlider } from './segment.js';
import type { AllocationMode, Book, SegmentCaps, Settings, Weights } from './types.js';

export const DEFAULT_WEIGHTS: Weights = { arr: 34, accounts: 33, risk: 33 };
export const DEFAULT_WEIGHTS_NO_RISK: Weights = { arr: 50, accounts: 50, risk: 0 };
export const DEFAULT_BONUS = 0.05;
export const DEFAULT_RISK_CUTOFF = 0.7;
export const MAX_BONUS = 0.1;
export const DEFAULT_MODE: AllocationMode = 'fresh';
export const DEFAULT_REFINE = true;
/** Rebalance mode's move budget, % of each segment's accounts (SPEC §15). */
export const DEFAULT_BUDGET = 10;
export const NO_CAPS: SegmentCaps = { Enterprise: null, 'Mid-Market': null };

/** The defaults the pane and the CLI start from for this book. */
export function defaultSettings(book: Book): Settings {
  return defaultsFor(thresholdSlider(book.accounts.employees).defaultValue, book.riskEnabled);
}

/**
 * The defaults for a default threshold and whether risk is on: also what an error report can tell
 * when the sheets did not make a book (the threshold is then null when no headcount parsed).
 */
export function defaultsFor<T extends number | null>(threshold: T, riskEnabled: boolean): Omit<Settings, 'threshold'> & { readonly threshold: T } {
  return {
    threshold,
    weights: riskEnabled ? DEFAULT_WEIGHTS : DEFAULT_WEIGHTS_NO_RISK,
    geoBonus: DEFAULT_BONUS,
    preserveBonus: DEFAULT_BONUS,
    riskCutoff: DEFAULT_RISK_CUTOFF,
    mode: DEFAULT_MODE,
    refine: DEFAULT_REFINE,
    budget: DEFAULT_BUDGET,
    maxAccounts: NO_CAPS,
  };
}

// A bonus must sit on the 0.01 grid; compare in hundredths to avoid float noise (0.07 * 100).
const onBonusGrid = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;

const percent = z.number().int('weights are whole percentages').min(0, 'weights cannot be negative').max(100);

export const weightsSchema = z
  .object({ arr: percent, accounts: percent, risk: percent })
  .refine((w) => w.arr + w.accounts + w.risk === 100, { message: 'ARR, Accounts and Risk weights must add up to 100' });

const cap = z.number().int('a cap is a whole number of accounts').min(0, 'a cap cannot be negative').nullable();

const bonus = z
  .number()
  .min(0, 'bonuses range from 0 to 0.10')
  .max(MAX_BONUS, 'bonuses range from 0 to 0.10')
  .refine(onBonusGrid, { message: 'bonuses move in steps of 0.01' });

export const settingsSchema = z.object({
  threshold: z.number().refine(Number.isFinite, { message: 'threshold must be a finite number' }),
  weights: weightsSchema,
  geoBonus: bonus,
  preserveBonus: bonus,
  riskCutoff: z.number().min(0, 'the high-risk cutoff is between 0 and 1').max(1, 'the high-risk cutoff is between 0 and 1'),
  mode: z.enum(['fresh', 'rebalance'], { message: 'mode is "fresh" or "rebalance"' }),
  refine: z.boolean({ message: 'refine is true or false' }),
  budget: z.number().int('the move budget is a whole percentage').min(0, 'the move budget is between 0 and 100 %').max(100, 'the move budget is between 0 and 100 %'),
  maxAccounts: z.object({ Enterprise: cap, 'Mid-Market': cap }),
});

/**
 * A stable key of a set of settings, in the schema's field order (nested objects too): every cache
 * of views, samples and Optimize results keys on it, so a setting added to the schema is in the key.
 */
export function settingsKey(settings: Settings): string {
  return keyOf(settingsSchema, settings);
}

function keyOf(schema: z.ZodType, value: unknown): string {
  if (schema instanceof z.ZodObject && value !== null && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>;
    return `{${Object.keys(shape).map((k) => keyOf(shape[k]!, (value as Record<string, unknown>)[k])).join('|')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The settings file of SPEC §16: what the pane stores in the document and `--settings FILE.json`
 * reads. Every field optional (absent = the book's default); the report's own `settings` object is
 * accepted as is (its derived `riskEnabled` is ignored, a null threshold means the default).
 */
export const settingsFileSchema = settingsSchema
  .omit({ threshold: true })
  .partial()
  .extend({
    threshold: settingsSchema.shape.threshold.nullable().optional(),
    repsSheet: z.string().min(1).optional(),
    accountsSheet: z.string().min(1).optional(),
    riskEnabled: z.boolean().optional(),
  })
  .strict();

export type SettingsFile = z.infer<typeof settingsFileSchema>;

/** Parses a settings file's JSON value; the reason names the field. */
export function parseSettingsFile(input: unknown): { ok: true; file: SettingsFile } | { ok: false; reason: string } {
  const parsed = settingsFileSchema.safeParse(input);
  if (parsed.success) return { ok: true, file: parsed.data };
  return { ok: false, reason: issueText(parsed.error.issues[0]!) };
}

/**
 * Settings from a file over the book's defaults (absent fields keep the default). The defaults may
 * lack a threshold (an error report's, when no headcount parsed).
 */
export function settingsOverDefaults<D extends Omit<Settings, 'threshold'> & { readonly threshold: number | null }>(defaults: D, file: SettingsFile): D {
  return {
    ...defaults,
    threshold: file.threshold ?? defaults.threshold,
    weights: file.weights ?? defaults.weights,
    geoBonus: file.geoBonus ?? defaults.geoBonus,
    preserveBonus: file.preserveBonus ?? defaults.preserveBonus,
    riskCutoff: file.riskCutoff ?? defaults.riskCutoff,
    mode: file.mode ?? defaults.mode,
    refine: file.refine ?? defaults.refine,
    budget: file.budget ?? defaults.budget,
    maxAccounts: file.maxAccounts ?? defaults.maxAccounts,
  };
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; reason: string };

/** Validates settings against the book (Risk must be 0 when risk balancing is off). */
export function checkSettings(input: unknown, riskEnabled: boolean): SettingsCheck {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: issueText(parsed.error.issues[0]!) };
  }
  const settings = parsed.data;
  if (!riskEnabled && settings.weights.risk !== 0) {
    return { ok: false, reason: 'weights.risk: the Risk weight must be 0 because the Accounts sheet has no usable Risk_Score' };
  }
  // Snap bonuses to the exact grid value so 0.07 typed as 0.07000000001 behaves as 0.07.
  return {
    ok: true,
    settings: {
      ...settings,
      geoBonus: Math.round(settings.geoBonus * 100) / 100,
      preserveBonus: Math.round(settings.preserveBonus * 100) / 100,
    },
  };
}
