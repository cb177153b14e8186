/** Run settings: defaults (SPEC §3, §13) and validation with zod. */
import { z } from 'zod';
import { thresholdSlider } from './segment.js';
import type { Book, Settings, Weights } from './types.js';

export const DEFAULT_WEIGHTS: Weights = { arr: 34, accounts: 33, risk: 33 };
export const DEFAULT_WEIGHTS_NO_RISK: Weights = { arr: 50, accounts: 50, risk: 0 };
export const DEFAULT_BONUS = 0.05;
export const DEFAULT_RISK_CUTOFF = 0.7;
export const MAX_BONUS = 0.1;

/** The defaults the pane and the CLI start from for this book. */
export function defaultSettings(book: Book): Settings {
  return {
    threshold: thresholdSlider(book.accounts.employees).defaultValue,
    weights: book.riskEnabled ? DEFAULT_WEIGHTS : DEFAULT_WEIGHTS_NO_RISK,
    geoBonus: DEFAULT_BONUS,
    preserveBonus: DEFAULT_BONUS,
    riskCutoff: DEFAULT_RISK_CUTOFF,
  };
}

// A bonus must sit on the 0.01 grid; compare in hundredths to avoid float noise (0.07 * 100).
const onBonusGrid = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;

const percent = z.number().int('weights are whole percentages').min(0, 'weights cannot be negative').max(100);

export const weightsSchema = z
  .object({ arr: percent, accounts: percent, risk: percent })
  .refine((w) => w.arr + w.accounts + w.risk === 100, { message: 'ARR, Accounts and Risk weights must add up to 100' });

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
});

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; reason: string };

/** Validates settings against the book (Risk must be 0 when risk balancing is off). */
export function checkSettings(input: unknown, riskEnabled: boolean): SettingsCheck {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `${where}${issue.message}` };
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
