/** Number formatting for human sentences (audit reasons, messages). Deterministic, locale-free. */

/** Compact money: $950, $12.3K, $2.1M, $1.2B. */
export function formatMoney(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs < 1000) return `${sign}$${trimZeros(abs.toFixed(abs < 10 && abs % 1 !== 0 ? 2 : 0))}`;
  if (abs < 1e6) return `${sign}$${trimZeros((abs / 1e3).toFixed(1))}K`;
  if (abs < 1e9) return `${sign}$${trimZeros((abs / 1e6).toFixed(1))}M`;
  return `${sign}$${trimZeros((abs / 1e9).toFixed(1))}B`;
}

/** Full money with thousands separators: $1,234,567. */
export function formatMoneyFull(value: number): string {
  const rounded = Math.round(Math.abs(value));
  const digits = String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}$${digits}`;
}

/** A score for sentences: 3 decimals when ≥ 0.1, else 3 significant digits. */
export function formatScore(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 0.1 ? value.toFixed(3) : value.toPrecision(3);
}

/** A percentage with one decimal: 3.2 %. */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)} %`;
}

/** A bonus on the 0.01 grid: +0.05. */
export function formatBonus(value: number): string {
  return `+${value.toFixed(2)}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
