import { describe, expect, it } from 'vitest';
import { countOf, formatMoney, formatScore, formatScores } from '../../src/engine/format.js';

describe('sentence formats (audit reasons, warnings)', () => {
  it('money: one decimal on every scaled value, unit chosen after rounding', () => {
    expect([0, 950, 999.4, 12_345, 953_200, 999_960, 1e6, 2.449e6, 1.2e9, -2500].map(formatMoney)).toEqual([
      '$0', '$950', '$999', '$12.3K', '$953.2K', '$1.0M', '$1.0M', '$2.4M', '$1.2B', '-$2.5K',
    ]);
  });

  it('two scores that differ never read the same', () => {
    expect(formatScores(0.018441, 0.018449)).toEqual(['0.01844', '0.01845']);
    expect(formatScores(0.412, 0.437)).toEqual(['0.412', '0.437']);
    expect(formatScores(0.25, 0.25)).toEqual([formatScore(0.25), formatScore(0.25)]);
  });

  it('counts agree with their noun', () => {
    expect([countOf(1, 'rep'), countOf(4, 'rep'), countOf(12_000, 'account')]).toEqual(['1 rep', '4 reps', '12,000 accounts']);
  });
});
