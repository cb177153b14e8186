/** Number formats for the pane (locale-free so screenshots and tests are stable). */
import { formatMoney, formatMoneyFull, formatPercent, roundHalfUp } from '../engine/index.js';

export { formatMoney, formatMoneyFull, formatPercent };

/** 12,345 */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fairness value as the pane shows it: an integer, or N/A. */
export function formatShown(value: number | null | undefined): string {
  return value === null || value === undefined ? 'N/A' : String(roundHalfUp(value));
}

/** One decimal, or N/A: 97.2 */
export function formatOneDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? 'N/A' : value.toFixed(1);
}

/** A signed change with one decimal (or `digits`): +3.4 / −1.2 / 0.0 */
export function formatChange(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return 'N/A';
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return value > 0 ? `+${text}` : `−${text}`;
}

/** Two decimals, or N/A: 98.26 (Optimize gains are often fractions of a point). */
export function formatTwoDecimals(value: number | null | undefined): string {
  return value === null || value === undefined ? 'N/A' : value.toFixed(2);
}

/** Deal size ratio: 6.3× or N/A */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? 'N/A' : `${value.toFixed(1)}×`;
}

/** Bonus on the 0.01 grid: 0.05 */
export function formatBonusValue(value: number): string {
  return value.toFixed(2);
}

/** Money for narrow table cells, whole units only: $950, $775K, $1.2M, $3.4B. */
export function formatMoneyShort(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs < 999.5) return `${sign}$${Math.round(abs)}`;
  if (abs < 999_500) return `${sign}$${Math.round(abs / 1e3)}K`;
  if (abs < 999_500_000) return `${sign}$${(abs / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
  return `${sign}$${(abs / 1e9).toFixed(1).replace(/\.0$/, '')}B`;
}

/** A threshold exactly as typed, with separators: 1,000 or 1,234.5 (never rounded). */
export function formatThreshold(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** A typed threshold: digits with optional separators ("1,000"), a decimal part or exponent, ≥ 0; else null. */
export function parseThreshold(text: string): number | null {
  const plain = text.trim().replace(/[,\s_]/g, '');
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}
