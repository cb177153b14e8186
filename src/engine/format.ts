/** Number formatting for human sentences (audit reasons, messages). Deterministic, locale-free. */

/**
 * Compact money: $950, $12.3K, $953.2K, $1.0M, $2.1M, $1.2B. One decimal on every scaled value so
 * a column reads alike ($1.0M beside $953.2K); the unit is chosen after rounding ($999,960 → $1.0M).
 */
export function formatMoney(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs < 999.5) return `${sign}$${trimZeros(abs.toFixed(abs < 10 && abs % 1 !== 0 ? 2 : 0))}`;
  const units = ['K', 'M', 'B', 'T'];
  let u = 0;
  let scaled = abs / 1e3;
  while (u < units.length - 1 && Number(scaled.toFixed(1)) >= 1000) {
    u++;
    scaled /= 1e3;
  }
  return `${sign}$${scaled.toFixed(1)}${units[u]}`;
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

/**
 * Two scores for one sentence ("0.0184 vs 0.0185"): formatScore, with more digits (up to 6
 * significant) while the two would otherwise read the same although they differ.
 */
export function formatScores(a: number, b: number): [string, string] {
  let x = formatScore(a), y = formatScore(b);
  for (let digits = 4; x === y && a !== b && digits <= 6; digits++) {
    x = a.toPrecision(digits);
    y = b.toPrecision(digits);
  }
  return [x, y];
}

/** A percentage with one decimal: 3.2 %. */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)} %`;
}

/** A bonus on the 0.01 grid: +0.05. */
export function formatBonus(value: number): string {
  return `+${value.toFixed(2)}`;
}

/** A count with its noun: 1 rep, 4 reps, 1 Risk_Score value, 12 accounts have / 1 account has. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
